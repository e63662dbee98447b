from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

MASKED_FIELDS = ("email_from", "phone", "mobile", "email_normalized", "phone_sanitized", "email_key",
                 "phone_key", "email_cc")


def mask(value):
    if not value or not isinstance(value, str):
        return value
    if "@" in value:
        local, __, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return f"{value[:3]}****{value[-2:]}" if len(value) > 6 else "****"


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

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        if self.env.su:
            return result
        masked_ids = {lead.id for lead in self.sudo().filtered(lambda lead: lead.pool_id and not lead.user_id)
                      if lead.with_env(self.env)._is_contact_masked()}
        if masked_ids:
            for vals in result:
                if vals["id"] in masked_ids:
                    for fname in MASKED_FIELDS:
                        if fname in vals:
                            vals[fname] = mask(vals[fname])
        return result

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
