from odoo import fields, models


class LtcLeadPoolLog(models.Model):
    _name = "ltc.lead.pool.log"
    _description = "Pool Movement"
    _order = "date desc, id desc"
    _rec_name = "action"

    pool_id = fields.Many2one("ltc.lead.pool", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    lead_id = fields.Many2one("crm.lead", index="btree_not_null", ondelete="cascade")
    partner_id = fields.Many2one("res.partner", index="btree_not_null", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Rep", index=True,
                              help="The rep who claimed, received, released or lost the record.")
    action = fields.Selection(
        [("claim", "Claimed"), ("assign", "Assigned"), ("release", "Released"), ("reclaim", "Reclaimed"),
         ("enter", "Entered the pool")], required=True)
    reason = fields.Char()
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    def init(self):
        # the cool-down lookup: this pool, this rep, this record, recent reclaims
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS ltc_lead_pool_log_cooldown_idx
                ON ltc_lead_pool_log (pool_id, user_id, res_model, res_id, date) WHERE action = 'reclaim'
        """)
