from odoo import api, fields, models
from odoo.tools import SQL


class LtcForecastSnapshot(models.Model):
    """A sales target period's forecast frozen when the period starts (commit, best case, weighted,
    pipeline — what the team promised), and what was won frozen when it ends: the forecast accuracy per
    rep and team. Written only by the scheduled action: nobody types a snapshot."""

    _name = "ltc.forecast.snapshot"
    _description = "Forecast Snapshot"
    _order = "date_from desc, id desc"
    _rec_name = "target_id"

    target_id = fields.Many2one("ltc.sales.target", string="Sales Target", required=True, ondelete="cascade",
                                index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Period Start", required=True, readonly=True)
    date_to = fields.Date(string="Period End", required=True, readonly=True)
    date_snapshot = fields.Datetime(string="Snapshot Taken", required=True, readonly=True)
    date_closed = fields.Datetime(string="Closed", readonly=True)
    state = fields.Selection([("open", "Open"), ("closed", "Closed")], default="open", required=True, readonly=True)
    target_amount = fields.Monetary(string="Target", readonly=True)
    commit_amount = fields.Monetary(string="Commit at Start", readonly=True)
    best_case_amount = fields.Monetary(string="Best Case at Start", readonly=True)
    weighted_amount = fields.Monetary(string="Weighted at Start", readonly=True)
    pipeline_amount = fields.Monetary(string="Pipeline at Start", readonly=True)
    won_amount = fields.Monetary(string="Won at End", readonly=True)
    accuracy = fields.Float(string="Forecast Accuracy (%)", compute="_compute_accuracy", store=True,
                            aggregator="avg", digits=(16, 1),
                            help="100 − |won − commit| / commit × 100 (not below 0), once the period is closed.")
    achievement = fields.Float(string="Achieved (%)", compute="_compute_accuracy", store=True, aggregator="avg",
                               digits=(16, 1))

    _sql_constraints = [("period_unique", "UNIQUE (target_id, date_from, date_to)",
                         "A target period has one forecast snapshot.")]

    @api.depends("state", "commit_amount", "won_amount", "target_amount")
    def _compute_accuracy(self):
        for snap in self:
            if snap.state != "closed":
                snap.accuracy = snap.achievement = 0.0
                continue
            currency = snap.currency_id
            if currency.is_zero(snap.commit_amount):
                snap.accuracy = 100.0 if currency.is_zero(snap.won_amount) else 0.0
            else:
                snap.accuracy = max(0.0, 100.0 - abs(snap.won_amount - snap.commit_amount) / snap.commit_amount * 100.0)
            snap.achievement = 100.0 * snap.won_amount / snap.target_amount if snap.target_amount else 0.0

    @api.model
    def _figures(self, target, date_from, date_to):
        Lead = self.env["crm.lead"].sudo().with_context(active_test=True)
        domain = target._get_opportunity_domain(date_from, date_to)
        [(commit, best, weighted, won)] = Lead._read_group(
            domain, aggregates=["commit_amount:sum", "best_case_amount:sum", "prorated_revenue:sum", "won_amount:sum"])
        [(pipeline,)] = Lead._read_group(
            [*domain, ("probability", "<", 100)], aggregates=["expected_revenue:sum"])
        return {"commit_amount": commit, "best_case_amount": best, "weighted_amount": weighted,
                "pipeline_amount": pipeline, "won_amount": won}

    @api.model
    def _cron_snapshot_periods(self, batch_size=200):
        """Snapshot the target periods that have started and not ended yet and have no snapshot; close
        the snapshots of the periods that have ended (won frozen). Idempotent, safe in two workers."""
        cron = self.env["ir.cron"]
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT p.id FROM ltc_sales_target_period p
             WHERE p.date_from <= %(today)s AND p.date_to >= %(today)s
               AND NOT EXISTS (SELECT 1 FROM ltc_forecast_snapshot s WHERE s.target_id = p.target_id
                                AND s.date_from = p.date_from AND s.date_to = p.date_to)
             ORDER BY p.id LIMIT %(limit)s FOR UPDATE SKIP LOCKED""", today=today, limit=batch_size))
        periods = self.env["ltc.sales.target.period"].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for period in periods:
            target = period.target_id
            figures = self._figures(target, period.date_from, period.date_to)
            figures.pop("won_amount")
            self.sudo().create({**figures, "target_id": target.id, "user_id": target.user_id.id,
                                "team_id": (target.team_id or target.user_id.sale_team_id).id,
                                "company_id": target.company_id.id,
                                "date_from": period.date_from, "date_to": period.date_to,
                                "date_snapshot": now, "target_amount": period.amount})
        self.env.cr.execute(SQL("""
            SELECT id FROM ltc_forecast_snapshot WHERE state = 'open' AND date_to < %s
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""", today, batch_size))
        ended = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for snap in ended:
            won = self._figures(snap.target_id, snap.date_from, snap.date_to)["won_amount"]
            snap.write({"won_amount": won, "state": "closed", "date_closed": now})
        if periods or ended:
            cron._notify_progress(done=len(periods) + len(ended),
                                  remaining=batch_size if len(periods) == batch_size or len(ended) == batch_size else 0)
        return len(periods), len(ended)
