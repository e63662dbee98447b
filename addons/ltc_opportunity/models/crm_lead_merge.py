from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def _merge_dependences(self, opportunities):
        """Native merge (crm.merge.opportunity, conflict ruling): the LTC records of the merged
        opportunities follow them into the surviving one instead of being deleted with them."""
        res = super()._merge_dependences(opportunities)
        opportunities_su = opportunities.sudo()
        for field_name in ("registration_ids", "decision_point_ids", "stakeholder_ids", "competitor_ids",
                           "handover_ids"):
            opportunities_su[field_name].write({"lead_id": self.id})
        known_items = self.checklist_line_ids.item_id
        for line in opportunities_su.checklist_line_ids:
            if line.item_id not in known_items:
                line.lead_id = self.id
                known_items |= line.item_id
        # conflicts with third parties now concern the survivor; the merged pair keeps its trace
        conflicts = (opportunities_su.conflict_ids | opportunities_su.conflict_other_ids)
        for conflict in conflicts:
            pair = conflict.lead_id | conflict.other_lead_id
            if self in pair:
                continue
            side = "lead_id" if conflict.lead_id in opportunities else "other_lead_id"
            conflict[side] = self
        self.sudo().registration_ids.invalidate_recordset()
        return res
