from odoo import api, fields, models
from odoo.tools import SQL


class LtcReportPerformance(models.Model):
    """Sales performance over closed opportunities: one row per opportunity won or lost, dated by its
    closing. Win rate (averaged), average deal size (over the won), sales cycle, win and loss reasons."""

    _name = "ltc.report.performance"
    _description = "Sales Performance"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    date = fields.Date(string="Closed on", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    outcome = fields.Selection([("won", "Won"), ("lost", "Lost")], readonly=True)
    closed_count = fields.Integer(string="Closed", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    win_rate = fields.Float(string="Win Rate (%)", readonly=True, aggregator="avg")
    won_amount = fields.Monetary(string="Won Revenue", readonly=True)
    deal_size = fields.Monetary(string="Average Deal Size", readonly=True, aggregator="avg")
    sales_cycle_days = fields.Float(string="Sales Cycle (days)", readonly=True, aggregator="avg")
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Loss Reason", readonly=True)
    win_reason_id = fields.Many2one("ltc.win.reason", readonly=True)

    @api.depends("lead_id")
    def _compute_display_name(self):
        # the row is readable: its reference is named as read() names a many2one, whoever may open it
        for row in self:
            row.display_name = row.lead_id.sudo().display_name or ""

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        return SQL("""
            SELECT l.id, l.id AS lead_id, l.date_closed::date AS date, l.user_id, l.team_id, l.company_id,
                   c.currency_id, CASE WHEN w.won THEN 'won' ELSE 'lost' END AS outcome, 1 AS closed_count,
                   w.won::int AS won_count, CASE WHEN w.won THEN 100.0 ELSE 0.0 END AS win_rate,
                   CASE WHEN w.won THEN l.won_amount ELSE 0 END AS won_amount,
                   CASE WHEN w.won THEN l.won_amount END AS deal_size,
                   CASE WHEN w.won THEN l.sales_cycle_days END AS sales_cycle_days,
                   CASE WHEN NOT w.won THEN l.lost_reason_id END AS lost_reason_id,
                   CASE WHEN w.won THEN l.win_reason_id END AS win_reason_id
              FROM crm_lead l
              JOIN res_company c ON c.id = l.company_id
              LEFT JOIN crm_stage s ON s.id = l.stage_id,
                   LATERAL (SELECT (l.active AND COALESCE(s.is_won, FALSE)) AS won) w
             WHERE l.type = 'opportunity' AND l.date_closed IS NOT NULL
               AND (w.won OR (NOT l.active AND l.probability = 0))
        """)
