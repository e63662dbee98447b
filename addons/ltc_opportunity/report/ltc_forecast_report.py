from odoo import fields, models, tools
from odoo.tools import SQL


class LtcForecastReport(models.Model):
    """Target, commit, best case, weighted and won side by side, per rep, team and period."""

    _name = "ltc.forecast.report"
    _description = "Sales Forecast vs Target"
    _auto = False
    _order = "date desc"

    date = fields.Date(string="Period", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    forecast_category = fields.Selection(
        [("pipeline", "Pipeline"), ("best_case", "Best Case"), ("commit", "Commit"), ("won", "Won")],
        readonly=True,
    )
    kind = fields.Selection(
        [("target", "Target"), ("commit", "Commit"), ("won", "Won")], string="Figure", readonly=True,
        help="Which figure the row's Amount is: group the graph by it to see target, commit and won side by side.",
    )
    amount = fields.Monetary(readonly=True)
    target_amount = fields.Monetary(string="Target", readonly=True)
    pipeline_amount = fields.Monetary(string="Pipeline", readonly=True)
    best_case_amount = fields.Monetary(string="Best Case", readonly=True)
    commit_amount = fields.Monetary(string="Commit", readonly=True)
    weighted_amount = fields.Monetary(string="Weighted", readonly=True)
    won_amount = fields.Monetary(string="Won", readonly=True)

    def _query(self):
        # one row per opportunity (its forecast figures, Amount = commit), one more per won opportunity
        # (Amount = won), one per target period (Amount = its share of the target): the figure columns
        # add up in the pivot, Amount grouped by Figure puts target, commit and won side by side
        return SQL("""
            SELECT l.id * 2 AS id,
                   l.forecast_date AS date,
                   l.user_id, l.team_id, l.company_id,
                   c.currency_id,
                   l.id AS lead_id,
                   l.forecast_category,
                   'commit' AS kind,
                   COALESCE(l.commit_amount, 0) AS amount,
                   0.0 AS target_amount,
                   COALESCE(l.expected_revenue, 0) AS pipeline_amount,
                   COALESCE(l.best_case_amount, 0) AS best_case_amount,
                   COALESCE(l.commit_amount, 0) AS commit_amount,
                   COALESCE(l.prorated_revenue, 0) AS weighted_amount,
                   0.0 AS won_amount
              FROM crm_lead l
              JOIN res_company c ON c.id = l.company_id
             WHERE l.type = 'opportunity' AND l.active AND l.forecast_date IS NOT NULL
            UNION ALL
            SELECT l.id * 2 + 1 AS id,
                   l.forecast_date AS date,
                   l.user_id, l.team_id, l.company_id,
                   c.currency_id,
                   l.id AS lead_id,
                   l.forecast_category,
                   'won' AS kind,
                   l.won_amount AS amount,
                   0.0, 0.0, 0.0, 0.0, 0.0,
                   l.won_amount AS won_amount
              FROM crm_lead l
              JOIN res_company c ON c.id = l.company_id
             WHERE l.type = 'opportunity' AND l.active AND l.forecast_date IS NOT NULL AND l.won_amount <> 0
            UNION ALL
            SELECT -p.id AS id,
                   p.date_from AS date,
                   t.user_id, t.team_id, t.company_id,
                   c.currency_id,
                   NULL AS lead_id,
                   NULL AS forecast_category,
                   'target' AS kind,
                   p.amount AS amount,
                   p.amount AS target_amount,
                   0.0, 0.0, 0.0, 0.0, 0.0
              FROM ltc_sales_target_period p
              JOIN ltc_sales_target t ON t.id = p.target_id
              JOIN res_company c ON c.id = t.company_id
        """)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
