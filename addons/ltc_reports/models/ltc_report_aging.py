from odoo import _, api, fields, models
from odoo.tools import SQL


class LtcReportAging(models.Model):
    """Receivables aged as of any date (context key ``ltc_as_of``, default today): one row per
    receivable journal item with something open at that date, its residual computed set-based from the
    journal items and the partial reconciliations dated up to that date (ltc.receivable.aging), so the
    totals equal the general-ledger receivable balance at that date. Balances and partial amounts are
    exact numerics already rounded to the currency: their sums need no rounding."""

    _name = "ltc.report.aging"
    _description = "Receivable Aging Report"
    _auto = False
    _order = "days_overdue desc, id"
    _rec_name = "move_id"

    as_of = fields.Date(string="As of", readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    contract_id = fields.Many2one("ltc.contract", readonly=True)
    plan_line_id = fields.Many2one("ltc.payment.plan.line", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(string="Accounting Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(string="Days Past Due", readonly=True, aggregator="max")
    bucket_id = fields.Many2one("ltc.aging.bucket", readonly=True)
    residual = fields.Monetary(string="Open Amount", readonly=True,
                               help="Open at the as-of date, in the company's currency.")
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)

    @api.depends("move_id")
    def _compute_display_name(self):
        # the row is readable: its reference is named as read() names a many2one, whoever may open it
        for row in self:
            row.display_name = row.move_id.sudo().display_name or ""

    @api.model
    def _as_of(self):
        return fields.Date.to_date(self.env.context.get("ltc_as_of")) or fields.Date.context_today(self)

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        as_of = self._as_of()
        companies = self.env["res.company"].sudo().search([])
        residuals = self.env["ltc.receivable.aging"]._residual_sql(companies, as_of)
        return SQL("""
            SELECT r.id, r.id AS move_line_id, %(as_of)s::date AS as_of, r.move_id, r.partner_id,
                   r.ltc_contract_id AS contract_id, r.ltc_plan_line_id AS plan_line_id,
                   r.invoice_user_id AS user_id, r.team_id, r.company_id, c.currency_id, r.date,
                   r.date_maturity, GREATEST(r.days, 0) AS days_overdue, b.id AS bucket_id,
                   r.residual, CASE WHEN r.days > 0 THEN r.residual ELSE 0 END AS overdue_amount
              FROM (%(residuals)s) r
              JOIN res_company c ON c.id = r.company_id
              LEFT JOIN ltc_aging_bucket b ON b.company_id = r.company_id AND r.days BETWEEN b.day_from AND b.day_to
             WHERE r.residual != 0
        """, as_of=as_of, residuals=residuals)

    @api.model
    def action_open(self, as_of=None, view_mode="pivot"):
        """The aging report as of a date (today without one)."""
        as_of = fields.Date.to_date(as_of) or fields.Date.context_today(self)
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_reports.action_ltc_report_aging")
        action["context"] = {"ltc_as_of": fields.Date.to_string(as_of)}
        action["display_name"] = _("Receivable Aging as of %s", fields.Date.to_string(as_of))
        return action

    @api.model
    def _get_dso(self, company, date_to, days=90):
        """Days sales outstanding at `date_to`: the receivable balance of the general ledger at that date
        over what was invoiced (customer invoices less credit notes, tax included) in the `days` days up to
        it, times `days`. 0 when nothing was invoiced."""
        Aging = self.env["ltc.receivable.aging"]
        balance = Aging._get_gl_balance(company, date_to)
        self.env.cr.execute(SQL("""
            SELECT COALESCE(SUM(aml.balance), 0) FROM account_move_line aml
              JOIN account_account a ON a.id = aml.account_id AND a.account_type = 'asset_receivable'
              JOIN account_move m ON m.id = aml.move_id AND m.move_type IN ('out_invoice', 'out_refund')
             WHERE aml.company_id = %s AND aml.parent_state = 'posted'
               AND aml.date > %s::date - %s AND aml.date <= %s""", company.id, date_to, days, date_to))
        invoiced = self.env.cr.fetchone()[0]
        return round(balance / invoiced * days, 1) if invoiced > 0 else 0.0
