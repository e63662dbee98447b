from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_credit_a_days = fields.Integer(string="Rating A: Days Late up to", default=3,
                                       help="Amount-weighted average days late over 12 months.")
    ltc_credit_b_days = fields.Integer(string="Rating B: Days Late up to", default=15)
    ltc_credit_c_days = fields.Integer(string="Rating C: Days Late up to", default=45)
    ltc_credit_a_ratio = fields.Float(string="Rating A: Overdue Ratio up to (%)", default=10.0)
    ltc_credit_b_ratio = fields.Float(string="Rating B: Overdue Ratio up to (%)", default=30.0)
    ltc_credit_c_ratio = fields.Float(string="Rating C: Overdue Ratio up to (%)", default=60.0)
