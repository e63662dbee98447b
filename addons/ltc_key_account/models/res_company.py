from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_visit_distance_threshold_km = fields.Float(
        "Visit Distance Threshold (km)", default=0.5, digits=(6, 3),
        help="A check-in farther than this from the customer's stored coordinates is flagged as off site.")
    ltc_visit_plan_days = fields.Integer(
        "Visit Plan Horizon (days)", default=28,
        help="Planned visits are generated this many days ahead, by the visit frequency of each grade.")
