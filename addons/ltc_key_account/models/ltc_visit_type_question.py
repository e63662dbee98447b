from odoo import fields, models


class LtcVisitTypeQuestion(models.Model):
    _name = "ltc.visit.type.question"
    _description = "Visit SOP Item"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("ltc.visit.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Question", required=True, translate=True)
    kind = fields.Selection([("check", "Checklist Item"), ("text", "Question")], required=True, default="text")
    required = fields.Boolean()
