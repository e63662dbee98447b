from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..guard import check_guarded, may_write_guarded

MASKED_FIELDS = ("email_from", "phone", "mobile", "email_normalized", "phone_sanitized", "email_key",
                 "phone_key", "email_cc")


def mask(value):
    if not value or not isinstance(value, str):
        return value
    if "@" in value:
        local, __, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return f"{value[:3]}****{value[-2:]}" if len(value) > 6 else "****"


class MaskedChar(fields.Char):
    """A contact detail of a lead. Every read of a record value goes through ``convert_to_record``
    (``record.field``, ``mapped``, ``read``, ``search_read``, ``web_read``, ``web_search_read``,
    export, QWeb reports, mail templates): outside superuser mode it gives the masked value on a lead
    whose contact details the user may not see yet (``crm.lead._is_contact_masked``). The cache and
    the database keep the real value; superuser code (claims, dedup, imports) reads it as it is."""

    def convert_to_record(self, value, record):
        value = super().convert_to_record(value, record)
        if value and len(record) == 1 and not record.env.su and record._is_contact_masked():
            return mask(value)
        return value


class CrmLead(models.Model):
    _inherit = "crm.lead"

    pool_id = fields.Many2one("ltc.lead.pool", index="btree_not_null", tracking=True, check_company=True,
                              domain=[("pool_type", "=", "lead")])
    claimed_date = fields.Datetime(copy=False, readonly=True)
    reclaim_count = fields.Integer(copy=False, readonly=True, default=0)
    pool_log_ids = fields.One2many("ltc.lead.pool.log", "res_id", string="Pool History", readonly=True,
                                   domain=[("res_model", "=", "crm.lead")])
    in_pool = fields.Boolean(compute="_compute_in_pool", search="_search_in_pool")
    contact_masked = fields.Boolean(compute="_compute_contact_masked")

    def init(self):
        res = super().init()
        # the reclaim job's two rules read owned, open leads of a pool by age: one range scan each,
        # already in the order the batches take them (oldest first)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_lead_ltc_reclaim_follow_up_idx
                ON crm_lead (pool_id, (COALESCE(last_follow_up_date, claimed_date, date_open)))
             WHERE user_id IS NOT NULL AND type = 'lead' AND active
        """)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_lead_ltc_reclaim_claim_idx
                ON crm_lead (pool_id, (COALESCE(claimed_date, date_open)))
             WHERE user_id IS NOT NULL AND type = 'lead' AND active
        """)
        return res

    def unlink(self):
        self.env["ltc.lead.pool.log"]._unlink_for_records(self)
        return super().unlink()

    @api.depends("pool_id")
    def _compute_company_id(self):
        """crm voids the company of a lead with no owner; a pooled lead belongs to its pool's company."""
        res = super()._compute_company_id()
        for lead in self:
            if lead.pool_id and not lead.company_id:
                lead.company_id = lead.pool_id.company_id
        return res

    @api.depends("pool_id", "user_id")
    def _compute_in_pool(self):
        for lead in self:
            lead.in_pool = bool(lead.pool_id and not lead.user_id)

    def _search_in_pool(self, operator, value):
        positive = (operator == "=") == bool(value)
        domain = [("pool_id", "!=", False), ("user_id", "=", False)]
        return domain if positive else ["|", ("pool_id", "=", False), ("user_id", "!=", False)]

    @api.depends("pool_id.mask_contact", "user_id")
    @api.depends_context("uid")
    def _compute_contact_masked(self):
        for lead in self:
            lead.contact_masked = lead._is_contact_masked()

    def _is_contact_masked(self):
        """Contact details of a pooled lead stay hidden from reps until one claims it."""
        self.ensure_one()
        if self.env.su or not self.pool_id or self.user_id or not self.pool_id.sudo().mask_contact:
            return False
        user = self.env.user
        return not self.pool_id.sudo()._is_manager(user)

    # ------------------------------------------------------------------ masking
    # the contact details of a lead (crm, mail and phone mixins, dedup keys), read masked when
    # _is_contact_masked says so: see MaskedChar
    email_from = MaskedChar()
    phone = MaskedChar()
    mobile = MaskedChar()
    email_normalized = MaskedChar()
    phone_sanitized = MaskedChar()
    email_cc = MaskedChar()
    email_key = MaskedChar()
    phone_key = MaskedChar()

    @api.model
    def _masking_pool_ids(self):
        """Pools whose unclaimed leads the current user reads masked (none in superuser mode)."""
        if self.env.su or self.env.user.has_group("ltc_lead.group_ltc_manager"):
            return []
        return self.env["ltc.lead.pool"].sudo().with_context(active_test=False)._search([
            ("mask_contact", "=", True), ("manager_ids", "not in", [self.env.uid])])

    def _masked_sql(self, sql_field):
        """`sql_field` of crm_lead, NULL on the leads masked for the current user (read_group)."""
        pool_ids = self._masking_pool_ids()
        if not pool_ids:
            return sql_field
        return SQL("(CASE WHEN %s IS NULL AND %s IN %s THEN NULL ELSE %s END)",
                   SQL.identifier(self._table, "user_id"), SQL.identifier(self._table, "pool_id"),
                   pool_ids.subselect(), sql_field)

    def _read_group_groupby(self, groupby_spec, query):
        """Grouped by a contact detail (read_group, web_read_group, formatted_read_group), masked
        leads fall into the empty group: their value is never a group label nor in a group domain."""
        sql = super()._read_group_groupby(groupby_spec, query)
        if groupby_spec.split(":")[0].split(".")[0] in MASKED_FIELDS:
            sql = self._masked_sql(sql)
        return sql

    def _read_group_select(self, aggregate_spec, query):
        """Aggregates of a contact detail (array_agg, max …) leave out the masked leads' values."""
        fname = aggregate_spec.split(":")[0]
        if fname not in MASKED_FIELDS:
            return super()._read_group_select(aggregate_spec, query)
        super()._read_group_select(aggregate_spec, query)  # its checks of the spec
        func = aggregate_spec.split(":")[1]
        field_sql = self._masked_sql(self._field_to_sql(self._table, fname, query))
        return models.READ_GROUP_AGGREGATE[func](self._table, field_sql)

    def _masked_ids(self):
        """Ids of the leads of `self` masked for the current user, in one query."""
        pool_ids = self._masking_pool_ids()
        if not pool_ids or not self:
            return set()
        return set(self.sudo().with_context(active_test=False)._search(
            [("id", "in", self.ids), ("user_id", "=", False), ("pool_id", "in", pool_ids)]))

    @api.model
    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        """The chatter of a masked lead (emails from the contact, tracked email and phone changes)
        is read by those who may write the lead: its pool's managers, then whoever claims it
        (messages fetched by search: mail.message._find_allowed_model_wise)."""
        check = super()._get_mail_message_access(res_ids, operation, model_name=model_name)
        if operation == "read" and self.browse(res_ids)._masked_ids():
            return "write"
        return check

    # ------------------------------------------------------------------ guarded fields
    @api.model
    def _ltc_guarded_fields(self):
        """Fields a rule derives or a method owns (ltc_lead.guard): lifecycle and its dates,
        follow-ups, pool figures, score and grade, dedup keys. Extended by the addons above."""
        return {
            "lifecycle_state", "mql_date", "sql_date", "converted_date", "invalid_date", "invalid_reason",
            "first_follow_up_date", "last_follow_up_date", "first_response_hours", "is_converted",
            "claimed_date", "reclaim_count", "pool_log_ids", "ltc_score", "ltc_grade", "score_rule_ids",
            "email_key", "phone_key", "company_key", "contact_key", "project_key",
        }

    def _check_pool_ownership_write(self, vals):
        """Who owns a pooled lead changes only by claim, assign, release and reclaim — or by the
        pool's managers: `vals` changing the owner or the pool of pooled leads, or putting leads into
        a pool, is refused to anyone else."""
        if may_write_guarded(self.env) or not ({"user_id", "pool_id"} & set(vals)):
            return
        pools = self.env["ltc.lead.pool"].sudo()
        for lead in self.sudo():
            owner_changes = "user_id" in vals and lead.user_id.id != (vals["user_id"] or False)
            pool_changes = "pool_id" in vals and lead.pool_id.id != (vals["pool_id"] or False)
            if owner_changes or pool_changes:
                pools |= lead.pool_id
            if pool_changes and vals["pool_id"]:
                pools |= pools.browse(vals["pool_id"])
        for pool in pools:
            if not pool._is_manager(self.env.user):
                raise AccessError(_(
                    "Leads of pool “%s” change hands only by Claim, Assign and Release: "
                    "claim the lead, or ask a pool manager to assign it.", pool.name))

    @api.model_create_multi
    def create(self, vals_list):
        """A lead created into a pool by someone who does not manage it starts unclaimed (salesperson
        given as empty) or is claimed by its creator as any claim is: right to claim, cap, log."""
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        to_claim = []
        if not may_write_guarded(self.env):
            Pool = self.env["ltc.lead.pool"].sudo()
            for index, vals in enumerate(vals_list):
                pool = Pool.browse(vals.get("pool_id", self.env.context.get("default_pool_id")) or [])
                if not pool or pool._is_manager(self.env.user):
                    continue
                if "pool_id" not in vals:
                    vals = vals_list[index] = {**vals, "pool_id": pool.id}
                owner = vals.get("user_id", self.env.context.get("default_user_id", self.env.uid))
                if owner and owner != self.env.uid:
                    raise AccessError(_(
                        "Leads of pool “%s” change hands only by Claim, Assign and Release: "
                        "create the lead unclaimed, or ask a pool manager to assign it.", pool.name))
                if owner:
                    to_claim.append(index)
                vals_list[index] = {**vals, "user_id": False}
        leads = super().create(vals_list)
        if to_claim:
            leads.browse([leads.ids[index] for index in to_claim]).action_claim()
        return leads

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        self._check_pool_ownership_write(vals)
        assigned = self.browse()
        if vals.get("user_id") and not may_write_guarded(self.env):
            assigned = self.sudo().filtered(lambda lead: lead.pool_id and lead.user_id.id != vals["user_id"])
        res = super().write(vals)
        if assigned:
            # a pool manager setting the salesperson of pooled leads assigns them: same trace as the wizard
            user = self.env["res.users"].browse(vals["user_id"])
            assigned.write({"claimed_date": fields.Datetime.now(), "first_follow_up_date": False,
                            "last_follow_up_date": False})
            for pool in assigned.pool_id:
                pool._log(assigned.filtered(lambda lead, pool=pool: lead.pool_id == pool), "assign", user)
        return res

    def _merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True, max_length=5):
        """crm deletes the merged leads as superuser and moves their chatter into the one kept: pooled
        leads take part only when the user may change them (not unclaimed ones, for a rep)."""
        self.filtered("pool_id").check_access("write")
        return super()._merge_opportunity(user_id=user_id, team_id=team_id, auto_unlink=auto_unlink,
                                          max_length=max_length)

    # ------------------------------------------------------------------ claim / assign / release
    def _lock_for_claim(self):
        """Lock the leads; a lead that another worker is claiming at this moment is refused at once."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SELECT id FROM crm_lead WHERE id IN %s FOR UPDATE NOWAIT", tuple(self.ids)),
                                    log_exceptions=False)
        except errors.LockNotAvailable:
            raise UserError(_("Someone else is claiming this lead right now. Refresh and pick another one."))
        self.invalidate_recordset(["user_id", "pool_id"])

    def action_claim(self):
        """A rep takes leads from their pool: the one rule for claiming (lock, owner check, pool rules)."""
        user = self.env.user
        if not self:
            return True
        leads = self.sudo()
        leads._lock_for_claim()
        taken = leads.filtered("user_id")
        if taken:
            raise UserError(_("“%(lead)s” has already been claimed by %(user)s.",
                              lead=taken[0].name, user=taken[0].user_id.name))
        self.check_access("read")  # only leads of the pools open to the user
        for pool in leads.pool_id:
            pool._lock_claimer(user)
        if not_pooled := leads.filtered(lambda lead: not lead.pool_id):
            raise UserError(_("“%s” is not in a public pool: it cannot be claimed.", not_pooled[0].name))
        for pool in leads.pool_id:
            pool_leads = leads.filtered(lambda lead, pool=pool: lead.pool_id == pool)
            pool._check_claim(user, pool_leads)
            pool_leads._take(user)
            pool._log(pool_leads, "claim", user)
        return True

    def action_assign_to(self, user, reason=None):
        """A pool manager gives pooled leads to a rep (no cap, no cool-down)."""
        leads = self.sudo()
        leads._lock_for_claim()
        for pool in leads.pool_id:
            if not pool._is_manager(self.env.user):
                raise AccessError(_("Only the managers of pool “%s” may assign its leads.", pool.name))
        for pool in leads.pool_id:
            pool_leads = leads.filtered(lambda lead, pool=pool: lead.pool_id == pool)
            pool_leads._take(user)
            pool._log(pool_leads, "assign", user, reason)
        return True

    def _take(self, user):
        team = self.env["crm.team"]._get_default_team_id(
            user_id=user.id, domain=[("company_id", "in", [False] + self.company_id.ids)])
        vals = {"user_id": user.id, "claimed_date": fields.Datetime.now(),
                "first_follow_up_date": False, "last_follow_up_date": False}
        if team:
            vals["team_id"] = team.id
        self.write(vals)

    def action_release(self, reason):
        """The owner gives leads back to their pool, with a reason."""
        if not (reason or "").strip():
            raise UserError(_("Say why you release the lead: the next rep will read it."))
        user = self.env.user
        for lead in self:
            if not lead.pool_id:
                raise UserError(_("“%s” has no pool to return to.", lead.name))
            if lead.user_id != user and not lead.pool_id._is_manager(user):
                raise AccessError(_("Only the owner of “%s” or a pool manager may release it.", lead.name))
        leads = self.sudo()
        leads._lock_for_claim()
        for pool in leads.pool_id:
            pool_leads = leads.filtered(lambda lead, pool=pool: lead.pool_id == pool)
            by_owner = {}
            for lead in pool_leads:
                by_owner[lead.user_id] = by_owner.get(lead.user_id, lead.browse()) | lead
            pool_leads.write({"user_id": False, "claimed_date": False})
            for owner, owned in by_owner.items():
                pool._log(owned, "release", owner, reason.strip())
        return True

    def action_open_release_wizard(self):
        return {
            "type": "ir.actions.act_window", "name": _("Release to Pool"), "res_model": "ltc.lead.release.wizard",
            "view_mode": "form", "target": "new", "context": {"active_ids": self.ids},
        }

    def action_open_assign_wizard(self):
        return {
            "type": "ir.actions.act_window", "name": _("Assign from Pool"), "res_model": "ltc.lead.assign.wizard",
            "view_mode": "form", "target": "new", "context": {"active_ids": self.ids},
        }
