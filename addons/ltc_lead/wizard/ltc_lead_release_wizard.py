from odoo import fields, models


class LtcLeadReleaseWizard(models.TransientModel):
    _name = "ltc.lead.release.wizard"
    _description = "Release Leads to their Pool"

    lead_ids = fields.Many2many("crm.lead", default=lambda self: self.env.context.get("active_ids"))
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.lead_ids.action_release(self.reason)
        return {"type": "ir.actions.act_window_close"}
