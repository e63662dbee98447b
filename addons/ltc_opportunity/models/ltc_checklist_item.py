from odoo import fields, models


class LtcChecklistItem(models.Model):
    _name = "ltc.checklist.item"
    _description = "Stage Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the rep must have done to tick this item.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
