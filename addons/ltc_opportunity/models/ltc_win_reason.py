from odoo import fields, models


class LtcWinReason(models.Model):
    _name = "ltc.win.reason"
    _description = "Opportunity Win Reason"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
