from odoo import api, models
from odoo.tools import SQL


class LtcReceivableAging(models.AbstractModel):
    """Receivables as of any date, set-based, from the journal items and the partial reconciliations
    dated up to that date — so that the totals equal the general-ledger receivable balance at that
    date, to the cent, in the company's currency.

    residual as of D = balance of the receivable item − its partials on the debit side dated ≤ D
                       + its partials on the credit side dated ≤ D
    Every partial dated ≤ D joins two items dated ≤ D on the same account: summed over all items, the
    partials cancel and the total is the GL balance."""

    _name = "ltc.receivable.aging"
    _description = "Receivable Aging as of a Date"

    @api.model
    def _bucket_limits(self, company):
        """Upper limits (days past due) of the buckets after "not due": default 30 / 60 / 90 (+ 90+)."""
        raw = company.ltc_aging_buckets or "30,60,90"
        return sorted({int(part) for part in raw.split(",") if part.strip().isdigit() and int(part) > 0})

    @api.model
    def _residual_sql(self, company, as_of, where=None):
        """One row per receivable journal item of `company` (one or several companies) dated ≤ `as_of`
        with its residual as of that date (company currency) and its days past due."""
        where = where or SQL()
        return SQL("""
            SELECT aml.id, aml.move_id, aml.partner_id, m.ltc_plan_line_id, m.ltc_contract_id,
                   aml.company_id, aml.date, COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                   m.invoice_user_id, m.team_id,
                   aml.balance - COALESCE(pd.amount, 0) + COALESCE(pc.amount, 0) AS residual,
                   %(as_of)s::date - COALESCE(aml.date_maturity, aml.date) AS days
              FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id
              JOIN account_account a ON a.id = aml.account_id
              LEFT JOIN (SELECT debit_move_id AS id, SUM(amount) AS amount FROM account_partial_reconcile
                          WHERE max_date <= %(as_of)s AND company_id = ANY(%(companies)s) GROUP BY 1) pd
                     ON pd.id = aml.id
              LEFT JOIN (SELECT credit_move_id AS id, SUM(amount) AS amount FROM account_partial_reconcile
                          WHERE max_date <= %(as_of)s AND company_id = ANY(%(companies)s) GROUP BY 1) pc
                     ON pc.id = aml.id
             WHERE aml.company_id = ANY(%(companies)s) AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
               AND a.account_type = 'asset_receivable' %(where)s
        """, as_of=as_of, companies=company.ids, where=where)

    @api.model
    def _collections_sql(self):
        """Collections (回款), the one definition the commission statements and the reports share: the
        partial reconciliations of customer invoices' receivable items with anything but a credit note
        (a credit note reduces what is owed, it collects nothing). Columns: partial id, date, invoice,
        its plan line, contract, campaign, company, partner, salesperson, team, currency, amount in the
        company's currency and in the invoice's."""
        return SQL("""
            SELECT p.id AS partial_id, p.max_date AS date, d.move_id, m.ltc_plan_line_id, m.ltc_contract_id,
                   m.campaign_id, d.company_id, d.partner_id, m.invoice_user_id, m.team_id, m.currency_id,
                   p.amount AS amount_company, p.debit_amount_currency AS amount_currency
              FROM account_partial_reconcile p
              JOIN account_move_line d ON d.id = p.debit_move_id
              JOIN account_account a ON a.id = d.account_id AND a.account_type = 'asset_receivable'
              JOIN account_move m ON m.id = d.move_id AND m.move_type = 'out_invoice'
              JOIN account_move_line cl ON cl.id = p.credit_move_id
              JOIN account_move cm ON cm.id = cl.move_id AND cm.move_type != 'out_refund'""")

    @api.model
    def _get_aging(self, company, as_of, groupby="partner", where=None):
        """{key: {"not_due": x, "b1": …, "bN": …, "total": x}} — key: partner id, contract id, plan
        line id or move id (`groupby`), None for items without one. Buckets from the company."""
        self.env.flush_all()
        where = where or SQL()
        limits = self._bucket_limits(company)
        key = {"partner": SQL("partner_id"), "contract": SQL("ltc_contract_id"), "plan_line": SQL("ltc_plan_line_id"),
               "move": SQL("move_id")}[groupby]
        cases = [SQL("SUM(residual) FILTER (WHERE days <= 0)")]
        low = 0
        for limit in limits:
            cases.append(SQL("SUM(residual) FILTER (WHERE days > %s AND days <= %s)", low, limit))
            low = limit
        cases.append(SQL("SUM(residual) FILTER (WHERE days > %s)", low))
        self.env.cr.execute(SQL("SELECT %s, %s, SUM(residual) FROM (%s) r GROUP BY 1",
                                key, SQL(", ").join(cases), self._residual_sql(company, as_of, where)))
        names = ["not_due", *[f"b{i + 1}" for i in range(len(limits) + 1)]]
        result = {}
        for row in self.env.cr.fetchall():
            values = {name: company.currency_id.round(value or 0.0) for name, value in zip(names, row[1:-1], strict=True)}
            values["total"] = company.currency_id.round(row[-1] or 0.0)
            result[row[0]] = values
        return result

    @api.model
    def _get_gl_balance(self, company, as_of, where=None):
        """The general-ledger balance of the receivable accounts at `as_of` (posted items), company currency."""
        self.env.flush_all()
        where = where or SQL()
        self.env.cr.execute(SQL("""
            SELECT COALESCE(SUM(aml.balance), 0) FROM account_move_line aml
              JOIN account_account a ON a.id = aml.account_id
              JOIN account_move m ON m.id = aml.move_id
             WHERE aml.company_id = %s AND aml.parent_state = 'posted' AND aml.date <= %s
               AND a.account_type = 'asset_receivable' %s""", company.id, as_of, where))
        return company.currency_id.round(self.env.cr.fetchone()[0])

    @api.model
    def _get_residual_items(self, company, as_of, where=None):
        """[(move line id, residual)] of the items with something open at `as_of`."""
        self.env.flush_all()
        where = where or SQL()
        self.env.cr.execute(SQL("SELECT id, residual FROM (%s) r WHERE ROUND(residual, 2) != 0 ORDER BY id",
                                self._residual_sql(company, as_of, where)))
        return self.env.cr.fetchall()
