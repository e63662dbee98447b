from odoo import fields, models


class LtcContract(models.Model):
    _inherit = "ltc.contract"

    def _ltc_credit_review_needed(self):
        """Finance reviews the contract (tier validation) when its customer is rated D or the contract
        takes it over its credit limit."""
        self.ensure_one()
        amount = self.currency_id._convert(self.amount_total, self.company_id.currency_id, self.company_id,
                                           self.date_start or fields.Date.context_today(self))
        return bool(self.partner_id and self.partner_id._ltc_credit_hold_reason(amount, self.company_id))
