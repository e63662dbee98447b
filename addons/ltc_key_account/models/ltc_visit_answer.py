from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LtcVisitAnswer(models.Model):
    _name = "ltc.visit.answer"
    _description = "Visit SOP Answer"
    _order = "visit_id, sequence, id"

    visit_id = fields.Many2one("ltc.visit", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    question_id = fields.Many2one("ltc.visit.type.question", string="Item", required=True, ondelete="restrict")
    sequence = fields.Integer(related="question_id.sequence", store=True)
    name = fields.Char(related="question_id.name")
    kind = fields.Selection(related="question_id.kind")
    required = fields.Boolean(related="question_id.required")
    done = fields.Boolean()
    answer = fields.Text()
    is_answered = fields.Boolean(compute="_compute_is_answered")

    @api.depends("kind", "done", "answer")
    def _compute_is_answered(self):
        for line in self:
            line.is_answered = line.done if line.kind == "check" else bool((line.answer or "").strip())

    def write(self, vals):
        if self.visit_id.filtered(lambda v: v.state in ("done", "cancelled")) and not self.env.su:
            raise UserError(_("The answers of a done or cancelled visit cannot change."))
        return super().write(vals)
