from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_plan_invoice_post = fields.Boolean(related="company_id.ltc_plan_invoice_post", readonly=False)
