from odoo import _, models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def action_ltc_match_receipt(self):
        """Open the receipt matching (回款核销) for this customer payment."""
        self.ensure_one()
        lines = self.move_id.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable" and not aml.reconciled)
        if not lines:
            raise UserError(_("Payment %s has nothing left to match.", self.name))
        return self.env["ltc.receipt.matching"]._open_for(lines[:1])
