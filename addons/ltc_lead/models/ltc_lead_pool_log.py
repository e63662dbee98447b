from odoo import fields, models


class LtcLeadPoolLog(models.Model):
    _name = "ltc.lead.pool.log"
    _description = "Pool Movement"
    _order = "date desc, id desc"
    _rec_name = "action"
    # append-only, written in bulk by the reclaim job: no create/write uid/date columns (and their
    # foreign-key checks); `date` and `user_id` say when and whom
    _log_access = False

    # indexes: few on purpose, the reclaim job inserts these rows in bulk; (pool, rep, record, date)
    # for the cool-down check is created in init()
    pool_id = fields.Many2one("ltc.lead.pool", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="pool_id.company_id")
    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    lead_id = fields.Many2one("crm.lead", index="btree_not_null", ondelete="cascade")
    partner_id = fields.Many2one("res.partner", index="btree_not_null", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Rep",
                              help="The rep who claimed, received, released or lost the record.")
    action = fields.Selection(
        [("claim", "Claimed"), ("assign", "Assigned"), ("release", "Released"), ("reclaim", "Reclaimed"),
         ("enter", "Entered the pool")], required=True)
    reason = fields.Char()
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    def init(self):
        # the cool-down lookup: this pool, this rep, this record, recent reclaims
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS ltc_lead_pool_log_cooldown_idx
                ON ltc_lead_pool_log (pool_id, user_id, res_model, res_id, date) WHERE action = 'reclaim'
        """)
