from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_contract_review_amount = fields.Monetary(
        string="Contract Finance Review Amount", currency_field="currency_id", default=1000000.0,
        help="Contracts (and amendments raising the total by) at least this amount also need a finance "
        "review. Zero: never.",
    )
    ltc_framework_policy = fields.Selection(
        [("warn", "Warn"), ("block", "Refuse")], string="Framework Ceiling and Period", default="block",
        required=True,
        help="A call-off past the framework agreement's ceiling or outside its period is refused, or only "
        "noted on the agreement.",
    )
