from odoo import api, fields, models
from odoo.tools import SQL


class LtcReportFunnel(models.Model):
    """The lead funnel: one row per lead or opportunity (archived ones included: a lost opportunity is
    archived), with the steps it reached — lead → MQL → SQL → opportunity → won. Summed, the steps
    count the funnel; averaged, the conversion fields give each step's conversion from the step before
    (a row that did not reach the step before counts in neither)."""

    _name = "ltc.report.funnel"
    _description = "Lead Funnel and Conversion"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one("crm.lead", readonly=True)
    date = fields.Date(string="Created on", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    pool_id = fields.Many2one("ltc.lead.pool", readonly=True)
    product_line_ids = fields.Many2many("ltc.product.line", "crm_lead_ltc_product_line_rel", "crm_lead_id",
                                        "ltc_product_line_id", string="Product Lines", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    mql_count = fields.Integer(string="MQLs", readonly=True)
    sql_count = fields.Integer(string="SQLs", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    won_amount = fields.Monetary(string="Won Revenue", readonly=True)
    mql_rate = fields.Float(string="Lead → MQL (%)", readonly=True, aggregator="avg")
    sql_rate = fields.Float(string="MQL → SQL (%)", readonly=True, aggregator="avg")
    opportunity_rate = fields.Float(string="SQL → Opportunity (%)", readonly=True, aggregator="avg")
    win_rate = fields.Float(string="Opportunity → Won (%)", readonly=True, aggregator="avg")

    @api.depends("lead_id")
    def _compute_display_name(self):
        # the row is readable: its reference is named as read() names a many2one, whoever may open it
        for row in self:
            row.display_name = row.lead_id.sudo().display_name or ""

    @api.model
    def _steps_sql(self):
        """The steps a crm_lead row `l` reached (won: a won stage, still active)."""
        return SQL("""
            (l.mql_date IS NOT NULL OR l.sql_date IS NOT NULL OR l.converted_date IS NOT NULL
             OR l.type = 'opportunity') AS is_mql,
            (l.sql_date IS NOT NULL OR l.converted_date IS NOT NULL OR l.type = 'opportunity') AS is_sql,
            (l.converted_date IS NOT NULL OR l.type = 'opportunity') AS is_opp,
            (l.type = 'opportunity' AND l.active AND COALESCE(s.is_won, FALSE)) AS is_won""")

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        return SQL("""
            SELECT f.id, f.id AS lead_id, f.date, f.company_id, f.currency_id, f.user_id, f.team_id,
                   f.source_id, f.medium_id, f.campaign_id, f.pool_id,
                   1 AS lead_count, f.is_mql::int AS mql_count, f.is_sql::int AS sql_count,
                   f.is_opp::int AS opportunity_count, f.is_won::int AS won_count,
                   CASE WHEN f.is_won THEN f.won_amount ELSE 0 END AS won_amount,
                   CASE WHEN f.is_mql THEN 100.0 ELSE 0.0 END AS mql_rate,
                   CASE WHEN f.is_mql THEN (CASE WHEN f.is_sql THEN 100.0 ELSE 0.0 END) END AS sql_rate,
                   CASE WHEN f.is_sql THEN (CASE WHEN f.is_opp THEN 100.0 ELSE 0.0 END) END AS opportunity_rate,
                   CASE WHEN f.is_opp THEN (CASE WHEN f.is_won THEN 100.0 ELSE 0.0 END) END AS win_rate
              FROM (SELECT l.id, l.create_date::date AS date, l.company_id, c.currency_id, l.user_id, l.team_id,
                           l.source_id, l.medium_id, l.campaign_id, l.pool_id, COALESCE(l.won_amount, 0) AS won_amount,
                           %s
                      FROM crm_lead l
                      JOIN res_company c ON c.id = l.company_id
                      LEFT JOIN crm_stage s ON s.id = l.stage_id) f
        """, self._steps_sql())

    @api.model
    def _get_funnel(self, domain=(), groupby=()):
        """[{group values…, "lead": n, "mql": n, "sql": n, "opportunity": n, "won": n, "won_amount": x,
        "mql_rate": %, "sql_rate": %, "opportunity_rate": %, "win_rate": %}] for the rows the user may
        read: counts summed in SQL, each rate the step over the step before (0 when nothing reached it)."""
        counts = ["lead_count:sum", "mql_count:sum", "sql_count:sum", "opportunity_count:sum", "won_count:sum",
                  "won_amount:sum"]
        result = []
        for row in self._read_group(list(domain), groupby=list(groupby), aggregates=counts):
            keys, (lead, mql, sql, opp, won, won_amount) = row[:len(groupby)], row[len(groupby):]
            values = dict(zip(groupby, keys, strict=True))

            def rate(part, whole):
                return round(100.0 * part / whole, 2) if whole else 0.0
            values.update(lead=lead, mql=mql, sql=sql, opportunity=opp, won=won, won_amount=won_amount,
                          mql_rate=rate(mql, lead), sql_rate=rate(sql, mql), opportunity_rate=rate(opp, sql),
                          win_rate=rate(won, opp))
            result.append(values)
        return result
