from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class LtcDashboard(models.TransientModel):
    """The sales manager's dashboard gets the field-visit figures (SFE) of the month, read with the
    manager's own rights: their teams' visits."""

    _inherit = "ltc.dashboard"

    visit_planned_count = fields.Integer(string="Visits Planned (Month)", compute="_compute_sfe")
    visit_done_count = fields.Integer(string="Visits Done (Month)", compute="_compute_sfe")
    visit_on_site_rate = fields.Float(string="On-site Rate (%)", compute="_compute_sfe", digits=(16, 1),
                                      help="Done visits checked in within the company's distance threshold.")
    visit_due_count = fields.Integer(string="Accounts Due a Visit", compute="_compute_sfe",
                                     help="Graded accounts not visited as often as their grade asks.")

    @api.depends("date", "company_id")
    def _compute_sfe(self):
        Visit = self.env["ltc.visit"]
        for board in self:
            start = board.date.replace(day=1)
            end = start + relativedelta(months=1)
            domain = [("company_id", "=", board.company_id.id), ("state", "!=", "cancelled"),
                      ("date_planned", ">=", fields.Datetime.to_datetime(start)),
                      ("date_planned", "<", fields.Datetime.to_datetime(end))]
            [(planned, done, on_site)] = Visit._read_group(
                domain, aggregates=["__count", "done_count:sum", "on_site_count:sum"])
            board.visit_planned_count = planned
            board.visit_done_count = done
            board.visit_on_site_rate = 100.0 * on_site / done if done else 0.0
            board.visit_due_count = self.env["res.partner"].search_count(
                [("ltc_visit_due", "=", True), ("company_id", "in", [board.company_id.id, False])])

    def _ltc_report_actions(self):
        return {**super()._ltc_report_actions(), "visits": "ltc_key_account.action_ltc_visit_analysis"}
