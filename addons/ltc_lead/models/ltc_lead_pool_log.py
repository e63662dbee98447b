from odoo import api, fields, models
from odoo.tools import SQL


class LtcLeadPoolLog(models.Model):
    _name = "ltc.lead.pool.log"
    _description = "Pool Movement"
    _order = "date desc, id desc"
    _rec_name = "action"
    # Append-only, written in bulk by the reclaim job. Like mail.message, a row names its record by
    # (res_model, res_id) without a foreign key: a foreign key costs one lookup and one row lock per
    # inserted row on the lead the same statement has just updated, which was half the reclaim job's
    # time. Rows go with their record (_unlink_for_records, called by the unlink of leads and partners).
    # No create/write uid/date columns either: `date` and `user_id` say when and whom.
    _log_access = False

    pool_id = fields.Many2one("ltc.lead.pool", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="pool_id.company_id")
    res_model = fields.Char(required=True)
    # the one index besides the primary key (every reclaim inserts a row): a record's history and the
    # cool-down check (this record, this pool, this rep, recent reclaims) both start from res_id
    res_id = fields.Many2oneReference("Record ID", model_field="res_model", required=True, index=True)
    lead_id = fields.Many2one("crm.lead", compute="_compute_record", search="_search_lead_id")
    partner_id = fields.Many2one("res.partner", compute="_compute_record", search="_search_partner_id")
    user_id = fields.Many2one("res.users", string="Rep",
                              help="The rep who claimed, received, released or lost the record.")
    action = fields.Selection(
        [("claim", "Claimed"), ("assign", "Assigned"), ("release", "Released"), ("reclaim", "Reclaimed"),
         ("enter", "Entered the pool")], required=True)
    reason = fields.Char()
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    @api.depends("res_model", "res_id")
    def _compute_record(self):
        for log in self:
            log.lead_id = log.res_id if log.res_model == "crm.lead" else False
            log.partner_id = log.res_id if log.res_model == "res.partner" else False

    def _search_record(self, model, operator, value):
        """Domains on lead_id / partner_id: the rows of that model whose record matches."""
        if isinstance(value, models.BaseModel):
            value = value.ids
        if operator in ("=", "!=") and value is False:
            return [("res_model", "!=" if operator == "=" else "=", model)]
        if isinstance(value, str):  # searched by name
            ids = self.env[model].with_context(active_test=False)._search([("display_name", operator, value)])
            return [("res_model", "=", model), ("res_id", "in", ids)]
        return [("res_model", "=", model), ("res_id", operator, value)]

    def _search_lead_id(self, operator, value):
        return self._search_record("crm.lead", operator, value)

    def _search_partner_id(self, operator, value):
        return self._search_record("res.partner", operator, value)

    @api.model
    def _unlink_for_records(self, records):
        """The rows of deleted records go with them (what a cascading foreign key would do)."""
        if records.ids:
            self.flush_model()
            self.env.execute_query(SQL("DELETE FROM ltc_lead_pool_log WHERE res_model = %s AND res_id = ANY(%s)",
                                       records._name, records.ids))
            self.invalidate_model()
