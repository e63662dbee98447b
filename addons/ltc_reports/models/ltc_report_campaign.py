from odoo import fields, models
from odoo.tools import SQL


class LtcReportCampaign(models.Model):
    """Marketing ROI (营销 ROI): per campaign and company, its cost against the leads, opportunities and
    wins it brought, the revenue won and the revenue collected on invoices of that campaign."""

    _name = "ltc.report.campaign"
    _description = "Campaign ROI"
    _auto = False
    _order = "cost desc, id"
    _rec_name = "campaign_id"

    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    cost = fields.Monetary(readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    won_amount = fields.Monetary(string="Revenue Won", readonly=True)
    collected_amount = fields.Monetary(string="Revenue Collected", readonly=True)
    cost_per_lead = fields.Monetary(readonly=True, aggregator=None)
    cost_per_opportunity = fields.Monetary(readonly=True, aggregator=None)
    cost_per_win = fields.Monetary(readonly=True, aggregator=None)
    roi = fields.Float(string="ROI on Collected (%)", readonly=True, aggregator=None,
                       help="(Collected − cost) / cost.")

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        funnel = self.env["ltc.report.funnel"]._steps_sql()
        collections = self.env["ltc.receivable.aging"]._collections_sql()
        return SQL("""
            WITH costs AS (SELECT campaign_id, company_id, SUM(amount_company) AS cost
                             FROM ltc_campaign_cost GROUP BY 1, 2),
                 leads AS (SELECT campaign_id, company_id, COUNT(*) AS leads, COUNT(*) FILTER (WHERE is_opp) AS opps,
                                  COUNT(*) FILTER (WHERE is_won) AS wins,
                                  COALESCE(SUM(won_amount) FILTER (WHERE is_won), 0) AS won
                             FROM (SELECT l.campaign_id, l.company_id, l.won_amount, %(funnel)s
                                     FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
                                    WHERE l.campaign_id IS NOT NULL) f
                            GROUP BY 1, 2),
                 collected AS (SELECT campaign_id, company_id, SUM(amount_company) AS collected
                                 FROM (%(collections)s) k WHERE campaign_id IS NOT NULL GROUP BY 1, 2),
                 keys AS (SELECT campaign_id, company_id FROM costs UNION SELECT campaign_id, company_id FROM leads
                          UNION SELECT campaign_id, company_id FROM collected)
            SELECT k.campaign_id::bigint * 100000 + k.company_id AS id,
                   k.campaign_id, k.company_id, c.currency_id,
                   COALESCE(co.cost, 0) AS cost, COALESCE(l.leads, 0) AS lead_count,
                   COALESCE(l.opps, 0) AS opportunity_count, COALESCE(l.wins, 0) AS won_count,
                   COALESCE(l.won, 0) AS won_amount, COALESCE(cl.collected, 0) AS collected_amount,
                   ROUND(co.cost / NULLIF(l.leads, 0), 2) AS cost_per_lead,
                   ROUND(co.cost / NULLIF(l.opps, 0), 2) AS cost_per_opportunity,
                   ROUND(co.cost / NULLIF(l.wins, 0), 2) AS cost_per_win,
                   ROUND(100.0 * (COALESCE(cl.collected, 0) - co.cost) / NULLIF(co.cost, 0), 2) AS roi
              FROM keys k
              JOIN res_company c ON c.id = k.company_id
              LEFT JOIN costs co ON co.campaign_id = k.campaign_id AND co.company_id = k.company_id
              LEFT JOIN leads l ON l.campaign_id = k.campaign_id AND l.company_id = k.company_id
              LEFT JOIN collected cl ON cl.campaign_id = k.campaign_id AND cl.company_id = k.company_id
        """, funnel=funnel, collections=collections)
