from odoo import fields, models


class LtcOpportunityStakeholder(models.Model):
    _name = "ltc.opportunity.stakeholder"
    _description = "Opportunity Decision Chain Member"
    _order = "lead_id, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, check_company=True)
    function = fields.Char(related="partner_id.function", readonly=False)
    role = fields.Selection(
        [("decision_maker", "Decision Maker"), ("influencer", "Influencer"), ("user", "User"),
         ("coach", "Coach"), ("blocker", "Blocker")],
        required=True, default="influencer",
    )
    attitude = fields.Selection(
        [("supporter", "Supporter"), ("neutral", "Neutral"), ("opponent", "Opponent"), ("unknown", "Unknown")],
        required=True, default="unknown",
    )
    influence = fields.Selection([("low", "Low"), ("medium", "Medium"), ("high", "High")], default="medium")
    note = fields.Char()
