from odoo import fields, models


class LtcAccountPlanAction(models.Model):
    _name = "ltc.account.plan.action"
    _description = "Account Plan Action"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("ltc.account.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Action", required=True)
    user_id = fields.Many2one("res.users", string="Responsible", domain="[('share', '=', False)]")
    date_deadline = fields.Date("Deadline")
    state = fields.Selection([("todo", "To Do"), ("done", "Done"), ("dropped", "Dropped")], default="todo",
                             required=True)
