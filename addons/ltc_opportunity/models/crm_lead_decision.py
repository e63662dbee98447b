from odoo import api, fields, models


class CrmLead(models.Model):
    """Decision points, decision chain and competition of an opportunity."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    decision_point_ids = fields.One2many("ltc.decision.point", "lead_id", string="Decision Points")
    decision_point_count = fields.Integer(compute="_compute_decision_point_count")
    stakeholder_ids = fields.One2many("ltc.opportunity.stakeholder", "lead_id", string="Decision Chain")
    competitor_ids = fields.One2many("ltc.opportunity.competitor", "lead_id", string="Competitors")
    bid_deadline = fields.Date(tracking=True, help="Deadline to hand in the bid or the offer.")
    bid_result = fields.Selection(
        [("pending", "Pending"), ("won", "Won"), ("lost", "Lost"), ("cancelled", "Cancelled")],
        tracking=True,
    )

    @api.depends("decision_point_ids")
    def _compute_decision_point_count(self):
        for lead in self:
            lead.decision_point_count = len(lead.decision_point_ids)
