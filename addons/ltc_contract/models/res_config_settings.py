from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_contract_review_amount = fields.Monetary(related="company_id.ltc_contract_review_amount", readonly=False,
                                                 currency_field="currency_id")
    ltc_framework_policy = fields.Selection(related="company_id.ltc_framework_policy", readonly=False)
