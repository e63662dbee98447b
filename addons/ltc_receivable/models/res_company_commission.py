from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_commission_share_ar = fields.Float(string="AR Share (%)", default=60.0)
    ltc_commission_share_sr = fields.Float(string="SR Share (%)", default=30.0)
    ltc_commission_share_fr = fields.Float(string="FR Share (%)", default=10.0)
    ltc_commission_bonus_rate = fields.Float(string="Bonus Interest per Day Early (%)", digits=(16, 4),
                                             default=0.02, help="奖息: of the commission base, per day collected "
                                                                "before the plan line's date.")
    ltc_commission_penalty_rate = fields.Float(string="Penalty Interest per Day Late (%)", digits=(16, 4),
                                               default=0.05, help="罚息: of the commission base, per day "
                                                                  "collected after the plan line's date.")
