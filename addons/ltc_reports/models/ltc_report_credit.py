from odoo import fields, models
from odoo.tools import SQL

ROLES = [("ar", "Account Responsible (AR)"), ("sr", "Solution Responsible (SR)"),
         ("fr", "Fulfilment Responsible (FR)")]


class LtcReportCredit(models.Model):
    """Iron-triangle credit: each role's share (the company's AR / SR / FR shares, as for commissions)
    of the revenue won on opportunities and of the amounts collected on their contracts' invoices."""

    _name = "ltc.report.credit"
    _description = "Iron-Triangle Credit"
    _auto = False
    _order = "date desc, id"

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Credited User", readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    share = fields.Float(string="Share (%)", readonly=True, aggregator=None)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    contract_id = fields.Many2one("ltc.contract", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    won_credit = fields.Monetary(readonly=True)
    collected_credit = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        collections = self.env["ltc.receivable.aging"]._collections_sql()
        return SQL("""
            SELECT l.id * 8 + r.n AS id, l.date_closed::date AS date, r.user_id, r.role, r.share, l.id AS lead_id,
                   NULL::int AS contract_id, l.team_id, l.company_id, c.currency_id,
                   ROUND((l.won_amount * r.share / 100.0)::numeric, cur.decimal_places) AS won_credit, 0.0 AS collected_credit
              FROM crm_lead l
              JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
              JOIN res_company c ON c.id = l.company_id
              JOIN res_currency cur ON cur.id = c.currency_id
              CROSS JOIN LATERAL (VALUES (1, 'ar', l.user_id, c.ltc_commission_share_ar),
                                         (2, 'sr', l.solution_user_id, c.ltc_commission_share_sr),
                                         (3, 'fr', l.fulfilment_user_id, c.ltc_commission_share_fr)) r(n, role, user_id, share)
             WHERE l.type = 'opportunity' AND l.active AND r.user_id IS NOT NULL
            UNION ALL
            SELECT k.partial_id * 8 + 4 + r.n, k.date, r.user_id, r.role, r.share, ct.opportunity_id, ct.id,
                   ct.team_id, k.company_id, c.currency_id,
                   0.0, ROUND((k.amount_company * r.share / 100.0)::numeric, cur.decimal_places)
              FROM (%s) k
              JOIN ltc_contract ct ON ct.id = k.ltc_contract_id
              JOIN res_company c ON c.id = k.company_id
              JOIN res_currency cur ON cur.id = c.currency_id
              CROSS JOIN LATERAL (VALUES (1, 'ar', ct.user_id, c.ltc_commission_share_ar),
                                         (2, 'sr', ct.solution_user_id, c.ltc_commission_share_sr),
                                         (3, 'fr', ct.fulfilment_user_id, c.ltc_commission_share_fr)) r(n, role, user_id, share)
             WHERE r.user_id IS NOT NULL
        """, collections)
