from odoo import _, models
from odoo.exceptions import UserError


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    def action_lost_reason_apply(self):
        """A lost opportunity always says why (LTC win/loss analysis)."""
        if not self.lost_reason_id and any(lead.type == "opportunity" for lead in self.lead_ids):
            raise UserError(_("Choose the lost reason: every lost opportunity says why."))
        return super().action_lost_reason_apply()
