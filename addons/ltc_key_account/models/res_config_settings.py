from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_visit_distance_threshold_km = fields.Float(
        related="company_id.ltc_visit_distance_threshold_km", readonly=False)
    ltc_visit_plan_days = fields.Integer(related="company_id.ltc_visit_plan_days", readonly=False)
