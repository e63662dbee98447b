from odoo import fields, models


class LtcLeadInvalidWizard(models.TransientModel):
    _name = "ltc.lead.invalid.wizard"
    _description = "Mark Leads as Invalid"

    lead_ids = fields.Many2many("crm.lead", default=lambda self: self.env.context.get("active_ids"))
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.lead_ids._set_lifecycle_state("invalid", reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
