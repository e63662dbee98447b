from odoo import fields, models


class LtcVisitType(models.Model):
    _name = "ltc.visit.type"
    _description = "Visit Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    question_ids = fields.One2many("ltc.visit.type.question", "type_id", string="SOP Checklist", copy=True)
    require_answers = fields.Boolean(
        "Answers Required at Check-out",
        help="Check-out is refused while a required item of the checklist is left empty.")
    note = fields.Html("SOP", translate=True)
