import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

DEFAULT_BATCH = 10000


class LtcLeadPool(models.Model):
    _name = "ltc.lead.pool"
    _description = "Public Pool"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    pool_type = fields.Selection(
        [("lead", "Leads"), ("customer", "Customers")], default="lead", required=True,
        help="A lead pool holds unowned leads; a customer pool holds companies without a salesperson.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    team_ids = fields.Many2many("crm.team", string="Claiming Teams", check_company=True,
                                help="Members of these sales teams may claim from the pool.")
    user_ids = fields.Many2many("res.users", "ltc_lead_pool_user_rel", "pool_id", "user_id",
                                string="Claiming Users", domain=[("share", "=", False)],
                                help="These users may claim from the pool, whatever their team.")
    manager_ids = fields.Many2many("res.users", "ltc_lead_pool_manager_rel", "pool_id", "user_id",
                                   string="Managers", domain=[("share", "=", False)],
                                   help="Notified of reclaims; may assign leads of the pool.")
    max_open_per_rep = fields.Integer(
        "Max Open per Rep", default=50,
        help="How many open records from this pool one rep may hold at once (0: no limit).")
    reclaim_no_follow_up_days = fields.Integer(
        "Reclaim after Days without Follow-up", default=10,
        help="An owned record returns to the pool when its owner logged no follow-up for this many days (0: never).")
    reclaim_not_converted_days = fields.Integer(
        "Reclaim after Days not Converted", default=30,
        help="A claimed lead returns to the pool when it is not converted to an opportunity within this many "
             "days of its claim (0: never). Not used by customer pools.")
    cooldown_days = fields.Integer(
        "Cool-down Days", default=7,
        help="Days before a rep may claim again a record that was reclaimed from them.")
    mask_contact = fields.Boolean(
        "Mask Contact Details", default=True,
        help="Email and phone of a pooled lead stay masked until it is claimed.")
    lead_ids = fields.One2many("crm.lead", "pool_id", string="Leads")
    partner_ids = fields.One2many("res.partner", "ltc_pool_id", string="Customers")
    available_count = fields.Integer(compute="_compute_counts")
    owned_count = fields.Integer(compute="_compute_counts")

    @api.constrains("max_open_per_rep", "reclaim_no_follow_up_days", "reclaim_not_converted_days", "cooldown_days")
    def _check_positive_rules(self):
        for pool in self:
            if min(pool.max_open_per_rep, pool.reclaim_no_follow_up_days, pool.reclaim_not_converted_days,
                   pool.cooldown_days) < 0:
                raise ValidationError(_("The rules of pool “%s” cannot be negative numbers.", pool.name))

    def _compute_counts(self):
        lead_pools = self.filtered(lambda p: p.pool_type == "lead")
        groups = self.env["crm.lead"]._read_group(
            [("pool_id", "in", lead_pools.ids)], ["pool_id", "user_id"], ["__count"])
        counts = {}
        for pool, user, count in groups:
            key = (pool.id, "owned" if user else "available")
            counts[key] = counts.get(key, 0) + count
        partner_groups = self.env["res.partner"]._read_group(
            [("ltc_pool_id", "in", (self - lead_pools).ids)], ["ltc_pool_id", "user_id"], ["__count"])
        for pool, user, count in partner_groups:
            key = (pool.id, "owned" if user else "available")
            counts[key] = counts.get(key, 0) + count
        for pool in self:
            pool.available_count = counts.get((pool.id, "available"), 0)
            pool.owned_count = counts.get((pool.id, "owned"), 0)

    # ------------------------------------------------------------------ who may claim
    def _can_claim(self, user):
        self.ensure_one()
        return user in self.user_ids or bool(user & self.team_ids.member_ids) or user in self.manager_ids

    def _is_manager(self, user):
        self.ensure_one()
        return user in self.manager_ids or user.has_group("ltc_lead.group_ltc_manager")

    def _check_claim(self, user, records):
        """Every rule a claim must pass, for `records` (leads or partners) of this pool claimed by
        `user`: right to claim, the cap and the cool-down. Raises UserError naming the rule."""
        self.ensure_one()
        if not self._can_claim(user):
            raise UserError(_("You may not claim from pool “%s”: ask its manager to add you or your team.",
                              self.name))
        if self.max_open_per_rep:
            held = self._count_held(user)
            if held + len(records) > self.max_open_per_rep:
                raise UserError(_(
                    "Pool “%(pool)s” lets a rep hold %(max)s open records at most: you hold %(held)s, "
                    "so you can claim %(left)s more.",
                    pool=self.name, max=self.max_open_per_rep, held=held,
                    left=max(self.max_open_per_rep - held, 0)))
        if self.cooldown_days:
            since = fields.Datetime.now() - timedelta(days=self.cooldown_days)
            recent = self.env["ltc.lead.pool.log"].sudo().search([
                ("pool_id", "=", self.id), ("user_id", "=", user.id), ("action", "=", "reclaim"),
                ("date", ">", since), ("res_model", "=", records._name), ("res_id", "in", records.ids),
            ], order="date desc", limit=1)
            if recent:
                free_on = recent.date + timedelta(days=self.cooldown_days)
                raise UserError(_(
                    "“%(name)s” was reclaimed from you on %(date)s: pool “%(pool)s” lets you claim it again "
                    "after %(free)s (cool-down of %(days)s days).",
                    name=records.browse(recent.res_id).display_name,
                    date=fields.Datetime.to_string(recent.date)[:10], pool=self.name,
                    free=fields.Datetime.to_string(free_on)[:16], days=self.cooldown_days))

    def _count_held(self, user):
        self.ensure_one()
        if self.pool_type == "customer":
            return self.env["res.partner"].sudo().search_count(
                [("ltc_pool_id", "=", self.id), ("user_id", "=", user.id)])
        return self.env["crm.lead"].sudo().search_count([
            ("pool_id", "=", self.id), ("user_id", "=", user.id), ("type", "=", "lead"),
            ("lifecycle_state", "!=", "invalid"),
        ])

    def _lock_claimer(self, user):
        """Serialise the claims of one rep (cap check + claim) across workers.

        A lock alone is not enough: Odoo's transactions read the snapshot taken at their first query
        (REPEATABLE READ), so the second of two claims of one rep, let through once the first has
        committed, would still count the rep's records from before it and pass the cap (seen with
        ten clients over JSON-RPC: reps at 26 of 25). Updating the rep's row (no value changes)
        makes that second claim fail with a serialisation error instead, which Odoo retries in a
        fresh transaction (odoo.service.model.retrying), where the count is right."""
        self.ensure_one()
        self.env.cr.execute(SQL("UPDATE res_users SET write_date = write_date WHERE id = %s", user.id),
                            log_exceptions=False)

    def _log(self, records, action, user, reason=None):
        self.ensure_one()
        self.env["ltc.lead.pool.log"].sudo().create([{
            "pool_id": self.id, "res_model": rec._name, "res_id": rec.id, "action": action,
            "user_id": user.id, "reason": reason,
        } for rec in records])

    # ------------------------------------------------------------------ reclamation
    @api.model
    def _reclaim_batch_size(self):
        return int(self.env["ir.config_parameter"].sudo().get_param("ltc_lead.reclaim_batch_size", DEFAULT_BATCH))

    def _reclaim_rules(self):
        """(rule code, days, SQL age expression) of this pool, for leads."""
        self.ensure_one()
        rules = []
        if self.reclaim_no_follow_up_days:
            rules.append(("no_follow_up", self.reclaim_no_follow_up_days,
                          SQL("COALESCE(l.last_follow_up_date, l.claimed_date, l.date_open)")))
        if self.reclaim_not_converted_days:
            rules.append(("not_converted", self.reclaim_not_converted_days,
                          SQL("COALESCE(l.claimed_date, l.date_open)")))
        return rules

    def _reclaim_leads_batch(self, now, limit):
        """Return to this pool, in one statement per rule, at most `limit` leads that a rule makes due.
        Rows locked by a concurrent claim or cron are skipped (SKIP LOCKED), so two workers never
        reclaim the same lead and a re-run finds only what is still due. Returns [(lead_id, user_id,
        rule, days_idle, threshold)]."""
        self.ensure_one()
        self.env["crm.lead"].flush_model()
        done = []
        for rule, days, age in self._reclaim_rules():
            if len(done) >= limit:
                break
            rows = self._reclaim_and_log(SQL("""
                WITH due AS (
                    SELECT l.id, l.user_id,
                           FLOOR(EXTRACT(EPOCH FROM (%(now)s - %(age)s)) / 86400)::int AS idle
                      FROM crm_lead l
                     WHERE l.pool_id = %(pool)s
                       AND l.user_id IS NOT NULL
                       AND l.type = 'lead'
                       AND l.active
                       AND l.lifecycle_state != 'invalid' -- converted: type is opportunity
                       AND %(age)s <= %(limit_date)s
                     ORDER BY %(age)s
                     LIMIT %(limit)s
                       FOR UPDATE OF l SKIP LOCKED
                )
                UPDATE crm_lead l
                   SET user_id = NULL, date_open = NULL, claimed_date = NULL,
                       reclaim_count = COALESCE(l.reclaim_count, 0) + 1,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM due
                 WHERE l.id = due.id
             RETURNING l.id, due.user_id, due.idle
            """, now=now, age=age, pool=self.id, limit_date=now - timedelta(days=days),
                limit=limit - len(done), uid=self.env.uid), "crm.lead", rule, days, now)
            done += [(lead_id, user_id, rule, idle, days) for lead_id, user_id, idle in rows]
        if done:
            # follow-up dates stay as history; the next claim (_take) starts them afresh
            self.env["crm.lead"].invalidate_model(
                ["user_id", "date_open", "claimed_date", "reclaim_count", "write_uid", "write_date"])
            self._after_reclaim(done, "crm.lead")
        return done

    def _reclaim_reason_templates(self):
        """Reasons in figures, translated once per batch (not once per reclaimed record)."""
        return {
            "no_follow_up": _("no follow-up for %(idle)s days ≥ %(max)s"),
            "no_follow_up_customer": _("no won deal and no follow-up for %(idle)s days ≥ %(max)s"),
            "not_converted": _("claimed %(idle)s days ago and not converted ≥ %(max)s"),
        }

    def _reclaim_and_log(self, reclaim, res_model, rule, days, now):
        """Run `reclaim` — an UPDATE … RETURNING (record id, previous owner, idle days) — so that the same
        statement logs each returned record with its reason in figures (no round trip of the rows, no
        second scan). Returns the rows of `reclaim`."""
        self.ensure_one()
        return self.env.execute_query(SQL(
            """WITH done AS (%(reclaim)s),
                    logged AS (
                        INSERT INTO ltc_lead_pool_log (pool_id, res_model, res_id, user_id, action, reason, date)
                        SELECT %(pool)s, %(model)s, done.id, done.user_id, 'reclaim',
                               replace(replace(%(template)s, %(idle_mark)s, done.idle::text), %(max_mark)s, %(days)s),
                               %(now)s
                          FROM done)
               SELECT id, user_id, idle FROM done""",
            reclaim=reclaim, pool=self.id, model=res_model, template=self._reclaim_reason_templates()[rule],
            idle_mark="%(idle)s", max_mark="%(max)s", days=str(days), now=now))

    def _after_reclaim(self, done, res_model):
        """After a reclaim statement: caches, then one digest to the reps and the pool managers."""
        self.ensure_one()
        self.env["ltc.lead.pool.log"].invalidate_model()
        self.env[res_model].invalidate_model(["pool_log_ids"] if res_model == "crm.lead" else None)
        templates = self._reclaim_reason_templates()
        reasons = [(rid, uid, templates[rule] % {"idle": idle, "max": days}) for rid, uid, rule, idle, days in done]
        self._notify_reclaims(reasons, res_model)

    def _notify_reclaims(self, reasons, res_model, shown_per_rep=20):
        """One digest per pool and batch, to every rep who lost records and the pool's managers, a
        section per rep (a message per rep cost more than the reclaim itself: each one is rendered
        and mailed on its own)."""
        self.ensure_one()
        per_user = {}
        for rid, uid, reason in reasons:
            per_user.setdefault(uid, []).append((rid, reason))
        users = self.env["res.users"].sudo().browse(list(per_user))
        shown = self.env[res_model].sudo().browse([rid for items in per_user.values() for rid, __ in items[:shown_per_rep]])
        names = {rec.id: rec.display_name for rec in shown}
        sections = []
        for user in users:
            items = per_user[user.id]
            lines = Markup().join(
                Markup("<li>%s: %s</li>") % (names.get(rid, rid), reason) for rid, reason in items[:shown_per_rep])
            more = (Markup("<p>%s</p>") % _("… and %s more.", len(items) - shown_per_rep)
                    if len(items) > shown_per_rep else "")
            sections.append(Markup("<p><b>%s</b></p><ul>%s</ul>%s") % (
                _("%(count)s from %(user)s:", count=len(items), user=user.name), lines, more))
        body = Markup("<p>%s</p>%s") % (
            _("%(count)s records returned to pool %(pool)s.", count=len(reasons), pool=self.name),
            Markup().join(sections))
        # emails go through the mail queue: a scheduled job does not wait on the mail server
        self.sudo().with_context(mail_notify_force_send=False).message_post(
            body=body, partner_ids=(users.partner_id | self.manager_ids.partner_id).ids,
            subtype_xmlid="mail.mt_note", message_type="comment")

    @api.model
    def _cron_reclaim_leads(self):
        """Scheduled action: one batch over all active pools per call; the cron framework commits and
        calls again while `remaining` is reported (ir.cron._notify_progress)."""
        now = fields.Datetime.now()
        limit = self._reclaim_batch_size()
        done = 0
        for pool in self.sudo().search([("active", "=", True)]):
            if done >= limit:
                break
            if pool.pool_type == "lead":
                done += len(pool._reclaim_leads_batch(now, limit - done))
            else:
                done += len(pool._reclaim_customers_batch(now, limit - done))
        # a full batch means there may be more: the cron framework calls again at once (the exact
        # count would cost one more scan per rule and batch)
        remaining = 1 if done >= limit else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        _logger.info("LTC reclaim: %s records returned to their pools, %s still due", done, remaining)
        return done

    # ------------------------------------------------------------------ actions
    def action_view_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_lead.action_ltc_pool_leads")
        action["domain"] = [("pool_id", "=", self.id)]
        action["context"] = {"default_pool_id": self.id, "search_default_available": 1}
        return action

    def _creation_message(self):
        # in this addon's words (mail's "%s created" takes the model name, untranslated while the
        # addon installs: its demo records would read "<English name> 创建")
        return _("Public pool created")
