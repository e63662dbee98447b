from odoo import api, fields, models


class LtcSalesTargetPeriod(models.Model):
    """The share of a sales target that falls in one month or quarter."""

    _name = "ltc.sales.target.period"
    _description = "Sales Target Period"
    _order = "target_id, date_from"
    _rec_name = "date_from"

    target_id = fields.Many2one("ltc.sales.target", string="Sales Target", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="target_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="target_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    amount = fields.Monetary(string="Target", currency_field="currency_id")
    commit_amount = fields.Monetary(compute="_compute_actuals", currency_field="currency_id", string="Commit")
    won_amount = fields.Monetary(compute="_compute_actuals", currency_field="currency_id", string="Won")

    @api.depends("date_from", "date_to", "target_id.user_id", "target_id.team_id")
    def _compute_actuals(self):
        Lead = self.env["crm.lead"].sudo()
        for period in self:
            if not (period.date_from and period.date_to and period.target_id):
                period.commit_amount = period.won_amount = 0.0
                continue
            [(commit, won)] = Lead._read_group(
                period.target_id._get_opportunity_domain(period.date_from, period.date_to),
                aggregates=["commit_amount:sum", "won_amount:sum"])
            period.commit_amount, period.won_amount = commit, won
