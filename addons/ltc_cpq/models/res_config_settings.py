from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_discount_manager_limit = fields.Float(related="company_id.ltc_discount_manager_limit", readonly=False)
    ltc_discount_vp_limit = fields.Float(related="company_id.ltc_discount_vp_limit", readonly=False)
    ltc_below_cost_approval = fields.Boolean(related="company_id.ltc_below_cost_approval", readonly=False)
    ltc_approval_before_send = fields.Boolean(related="company_id.ltc_approval_before_send", readonly=False)
    ltc_rebate_product_id = fields.Many2one(related="company_id.ltc_rebate_product_id", readonly=False)
