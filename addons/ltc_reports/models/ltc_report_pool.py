from odoo import fields, models
from odoo.tools import SQL


class LtcReportPool(models.Model):
    """Pool statistics from the pool movements: claims, assignments, releases and reclaims with their
    reasons, and for each claim or assignment the hours the lead or company waited in the pool."""

    _name = "ltc.report.pool"
    _description = "Pool Statistics"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Datetime(readonly=True)
    pool_id = fields.Many2one("ltc.lead.pool", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Rep", readonly=True)
    res_model = fields.Char(string="Kind", readonly=True)
    action = fields.Selection(
        [("claim", "Claimed"), ("assign", "Assigned"), ("release", "Released"), ("reclaim", "Reclaimed"),
         ("enter", "Entered the pool")], readonly=True)
    reason = fields.Char(readonly=True)
    movement_count = fields.Integer(string="Movements", readonly=True)
    hours_in_pool = fields.Float(string="Hours in Pool", readonly=True, aggregator="avg",
                                 help="For a claim or assignment: hours since the record entered, was released to or "
                                      "reclaimed by the pool.")

    @property
    def _table_query(self):
        self.env.flush_all()  # the query reads other models' tables: what the ORM holds must be there
        return SQL("""
            SELECT g.id, g.date, g.pool_id, p.company_id, g.user_id, g.res_model, g.action, g.reason,
                   1 AS movement_count,
                   CASE WHEN g.action IN ('claim', 'assign') AND g.prev_action IN ('enter', 'release', 'reclaim')
                        THEN EXTRACT(EPOCH FROM (g.date - g.prev_date)) / 3600.0 END AS hours_in_pool
              FROM (SELECT lg.*, LAG(lg.action) OVER w AS prev_action, LAG(lg.date) OVER w AS prev_date
                      FROM ltc_lead_pool_log lg
                    WINDOW w AS (PARTITION BY lg.res_model, lg.res_id ORDER BY lg.date, lg.id)) g
              JOIN ltc_lead_pool p ON p.id = g.pool_id
        """)
