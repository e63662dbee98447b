from odoo import fields, models


class LtcOpportunityCompetitor(models.Model):
    _name = "ltc.opportunity.competitor"
    _description = "Opportunity Competitor"
    _order = "lead_id, threat_level desc, id"
    _check_company_auto = True

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Competitor", required=True, check_company=True)
    threat_level = fields.Selection(
        [("1_low", "Low"), ("2_medium", "Medium"), ("3_high", "High")], required=True, default="2_medium",
    )
    strengths = fields.Text()
    weaknesses = fields.Text()
    offer_amount = fields.Monetary(currency_field="currency_id", help="Their price, when known.")
    currency_id = fields.Many2one(related="lead_id.company_currency")
    is_winner = fields.Boolean(string="Won The Bid")
