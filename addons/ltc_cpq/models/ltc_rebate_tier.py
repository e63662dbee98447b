from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LtcRebateTier(models.Model):
    _name = "ltc.rebate.tier"
    _description = "Rebate Tier"
    _order = "agreement_id, min_amount"
    _check_company_auto = True

    agreement_id = fields.Many2one("ltc.rebate.agreement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    min_amount = fields.Monetary(
        string="From Cumulative Sales", required=True,
        help="Posted sales (untaxed, net of credit notes) in the period from which this rate applies.",
    )
    rate = fields.Float(string="Rebate (%)", required=True)

    @api.constrains("rate", "min_amount")
    def _check_values(self):
        for tier in self:
            if not 0.0 <= tier.rate <= 100.0 or tier.min_amount < 0.0:
                raise ValidationError(_("A rebate tier needs a positive threshold and a rate between 0 and 100 %."))
