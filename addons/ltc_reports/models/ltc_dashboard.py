from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models


class LtcDashboard(models.TransientModel):
    """Headline figures for the sales manager and the finance manager, read with the user's own rights
    (a manager sees their teams', finance its companies'), each with a click to the report behind it."""

    _name = "ltc.dashboard"
    _description = "LTC Dashboard"

    kind = fields.Selection([("sales", "Sales"), ("finance", "Finance")], required=True, default="sales")
    date = fields.Date(default=fields.Date.context_today, required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    # sales
    target_amount = fields.Monetary(string="Target (Month)", compute="_compute_sales")
    commit_amount = fields.Monetary(string="Commit (Month)", compute="_compute_sales")
    weighted_amount = fields.Monetary(string="Weighted Pipeline (Month)", compute="_compute_sales")
    won_amount = fields.Monetary(string="Won (Month)", compute="_compute_sales")
    achievement = fields.Float(string="Target Achieved (%)", compute="_compute_sales", digits=(16, 1))
    open_pipeline = fields.Monetary(compute="_compute_sales")
    lead_count = fields.Integer(string="New Leads (Month)", compute="_compute_sales")
    sql_rate = fields.Float(string="MQL → SQL (%, 90 days)", compute="_compute_sales", digits=(16, 1))
    win_rate = fields.Float(string="Win Rate (%, 90 days)", compute="_compute_sales", digits=(16, 1))
    forecast_accuracy = fields.Float(string="Forecast Accuracy (%)", compute="_compute_sales", digits=(16, 1))
    # finance
    receivable_amount = fields.Monetary(string="Receivables", compute="_compute_finance")
    overdue_amount = fields.Monetary(string="Overdue", compute="_compute_finance")
    dso = fields.Float(string="DSO (days, 90-day basis)", compute="_compute_finance", digits=(16, 1))
    planned_amount = fields.Monetary(string="Planned Collections (Month)", compute="_compute_finance")
    collected_amount = fields.Monetary(string="Collected (Month)", compute="_compute_finance")
    signed_amount = fields.Monetary(string="Contracts Signed (Month)", compute="_compute_finance")

    @api.depends("kind")
    def _compute_display_name(self):
        labels = {"sales": _("Sales Dashboard"), "finance": _("Finance Dashboard")}
        for board in self:
            board.display_name = labels.get(board.kind, "")

    def _month(self):
        start = self.date.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    @api.depends("date", "company_id")
    def _compute_sales(self):
        for board in self:
            start, end = board._month()
            company = [("company_id", "=", board.company_id.id)]
            [(target, commit, weighted)] = self.env["ltc.forecast.report"]._read_group(
                [*company, ("date", ">=", start), ("date", "<=", end)],
                aggregates=["target_amount:sum", "commit_amount:sum", "weighted_amount:sum"])
            [(won,)] = self.env["ltc.report.performance"]._read_group(
                [*company, ("date", ">=", start), ("date", "<=", end)], aggregates=["won_amount:sum"])
            [(pipeline,)] = self.env["crm.lead"]._read_group(
                [*company, ("type", "=", "opportunity"), ("probability", "<", 100)], aggregates=["expected_revenue:sum"])
            funnel = self.env["ltc.report.funnel"]._get_funnel([*company, ("date", ">=", board.date - relativedelta(days=90))])
            [(lead_count,)] = self.env["ltc.report.funnel"]._read_group(
                [*company, ("date", ">=", start), ("date", "<=", end)], aggregates=["lead_count:sum"])
            [(win_rate,)] = self.env["ltc.report.performance"]._read_group(
                [*company, ("date", ">=", board.date - relativedelta(days=90))], aggregates=["win_rate:avg"])
            [(accuracy,)] = self.env["ltc.forecast.snapshot"]._read_group(
                [*company, ("state", "=", "closed")], aggregates=["accuracy:avg"])
            board.update({
                "target_amount": target, "commit_amount": commit, "weighted_amount": weighted, "won_amount": won,
                "achievement": 100.0 * won / target if target else 0.0, "open_pipeline": pipeline,
                "lead_count": lead_count, "sql_rate": funnel[0]["sql_rate"] if funnel else 0.0,
                "win_rate": win_rate or 0.0, "forecast_accuracy": accuracy or 0.0,
            })

    @api.depends("date", "company_id")
    def _compute_finance(self):
        for board in self:
            start, end = board._month()
            company = [("company_id", "=", board.company_id.id)]
            [(receivable, overdue)] = self.env["ltc.report.aging"].with_context(ltc_as_of=board.date)._read_group(
                company, aggregates=["residual:sum", "overdue_amount:sum"])
            [(planned, collected)] = self.env["ltc.report.collection"]._read_group(
                [*company, ("date", ">=", start), ("date", "<=", end)],
                aggregates=["planned_amount:sum", "collected_company:sum"])
            [(signed,)] = self.env["ltc.contract"]._read_group(
                [*company, ("date_signed", ">=", start), ("date_signed", "<=", end)], aggregates=["amount_total:sum"])
            finance = self.env.user.has_group("account.group_account_invoice")
            board.update({
                "receivable_amount": receivable, "overdue_amount": overdue,
                "dso": self.env["ltc.report.aging"]._get_dso(board.company_id, board.date) if finance else 0.0,
                "planned_amount": planned, "collected_amount": collected, "signed_amount": signed,
            })

    @api.model
    def action_open_dashboard(self, kind="sales"):
        board = self.create({"kind": kind if kind in ("sales", "finance") else "sales"})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": board.id,
                "views": [(self.env.ref("ltc_reports.view_ltc_dashboard_form").id, "form")],
                "name": board.display_name, "target": "current"}

    def _ltc_report_actions(self):
        """{figure key: xmlid of the report behind it} (addons add theirs)."""
        return {
            "forecast": "ltc_opportunity.action_ltc_forecast_report", "performance": "action_ltc_report_performance",
            "funnel": "action_ltc_report_funnel", "snapshot": "action_ltc_forecast_snapshot",
            "aging": "action_ltc_report_aging", "collection": "action_ltc_report_collection",
            "contract": "action_ltc_report_contract",
        }

    def action_open_report(self):
        """Open the report behind a figure (button name in the context key ltc_report)."""
        self.ensure_one()
        xmlid = self._ltc_report_actions().get(self.env.context.get("ltc_report"), "action_ltc_report_funnel")
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid if "." in xmlid else f"ltc_reports.{xmlid}")
        if self.env.context.get("ltc_report") == "aging":
            action["context"] = {"ltc_as_of": fields.Date.to_string(self.date)}
        return action
