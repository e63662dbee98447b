from odoo import fields, models
from odoo.tools import SQL


class LtcReportCollection(models.Model):
    """Plan vs actual collections (回款计划 vs 实际回款): one row per payment plan line on its due date
    (planned: its amount), one per collection on a plan invoice on the reconciliation date (collected:
    the amount the payment settled). Grouped by month, the two sit side by side."""

    _name = "ltc.report.collection"
    _description = "Planned vs Actual Collections"
    _auto = False
    _order = "date desc, id"

    kind = fields.Selection([("planned", "Planned"), ("collected", "Collected")], string="Figure", readonly=True)
    date = fields.Date(readonly=True)
    plan_line_id = fields.Many2one("ltc.payment.plan.line", readonly=True)
    contract_id = fields.Many2one("ltc.contract", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    planned_amount = fields.Monetary(string="Planned", readonly=True)
    collected_amount = fields.Monetary(string="Collected", readonly=True)
    collected_company = fields.Monetary(string="Collected (Company Currency)", readonly=True,
                                        currency_field="company_currency_id")

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        return SQL("""
            SELECT pl.id * 2 AS id, 'planned' AS kind, COALESCE(pl.date_due, pl.date_planned) AS date,
                   pl.id AS plan_line_id, pl.contract_id, pl.invoice_id AS move_id, pl.partner_id,
                   pl.user_id, ct.team_id, pl.company_id, pl.currency_id, c.currency_id AS company_currency_id,
                   pl.amount AS planned_amount, 0.0 AS collected_amount, 0.0 AS collected_company
              FROM ltc_payment_plan_line pl
              JOIN ltc_contract ct ON ct.id = pl.contract_id
              JOIN res_company c ON c.id = pl.company_id
             WHERE ct.state NOT IN ('draft', 'review', 'approved', 'terminated')
               AND COALESCE(pl.date_due, pl.date_planned) IS NOT NULL
            UNION ALL
            SELECT k.partial_id * 2 + 1, 'collected', k.date, k.ltc_plan_line_id, k.ltc_contract_id, k.move_id,
                   k.partner_id, COALESCE(pl.user_id, k.invoice_user_id), COALESCE(ct.team_id, k.team_id),
                   k.company_id, k.currency_id, c.currency_id, 0.0, k.amount_currency, k.amount_company
              FROM (%s) k
              JOIN res_company c ON c.id = k.company_id
              LEFT JOIN ltc_payment_plan_line pl ON pl.id = k.ltc_plan_line_id
              LEFT JOIN ltc_contract ct ON ct.id = k.ltc_contract_id
             WHERE k.ltc_plan_line_id IS NOT NULL
        """, self.env["ltc.receivable.aging"]._collections_sql())
