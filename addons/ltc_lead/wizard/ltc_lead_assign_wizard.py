from odoo import fields, models


class LtcLeadAssignWizard(models.TransientModel):
    _name = "ltc.lead.assign.wizard"
    _description = "Assign Pooled Leads"

    lead_ids = fields.Many2many("crm.lead", default=lambda self: self.env.context.get("active_ids"))
    user_id = fields.Many2one("res.users", string="Rep", required=True, domain=[("share", "=", False)])
    reason = fields.Char()

    def action_confirm(self):
        self.lead_ids.action_assign_to(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
