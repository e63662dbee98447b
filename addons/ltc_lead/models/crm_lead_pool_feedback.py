from odoo import _, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def action_claim(self):
        """Claim (the rule lives in crm_lead_pool), then tell the rep what happened and offer the lead."""
        super().action_claim()
        return self._prepare_claimed_notification_action()

    def _prepare_claimed_notification_action(self):
        if len(self) == 1:
            message = _("“%(lead)s” is yours now: its contact details are shown and the follow-up clock runs.",
                        lead=self.name)
        else:
            message = _("%(count)s leads are yours now: their contact details are shown.", count=len(self))
        return {
            "type": "ir.actions.client",
            "tag": "ltc_lead_claimed",
            "params": {
                "title": _("Lead claimed"),
                "message": message,
                "lead_ids": self.ids,
                # the claimed lead leaves the pool's list; the form shows it unmasked
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
