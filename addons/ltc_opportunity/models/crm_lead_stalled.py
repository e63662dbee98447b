from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import guarded
from odoo.tools import SQL

STALLED_BATCH_SIZE = 500


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    stalled = fields.Boolean(
        readonly=True, copy=False, index=True,
        help="No stage change and no activity (note, email, done or planned activity) for the number of days "
        "set on the stage or the company.",
    )
    stalled_date = fields.Datetime(string="Flagged Stalled On", readonly=True, copy=False)

    def write(self, vals):
        unstalled = self.browse()
        if vals.get("stage_id") and "stalled" not in vals:
            unstalled = self.filtered(lambda lead: lead.stalled and lead.stage_id.id != vals["stage_id"])
        res = super().write(vals)
        if unstalled:  # the flag is guarded (ltc_lead.guard): cleared here, by its owner
            guarded(unstalled).write({"stalled": False, "stalled_date": False})
        return res

    @api.model
    def _stalled_where(self, today):
        """Open opportunities untouched since the start of the day N-1 days ago (N per stage or company).

        Touched = stage change, note/email/done activity on the chatter, or an activity planned since then.
        """
        since = SQL("(%s::timestamp - (d.days - 1) * interval '1 day')", today)
        return SQL(
            """
            FROM crm_lead l
            JOIN crm_stage s ON s.id = l.stage_id
            LEFT JOIN res_company c ON c.id = l.company_id
            CROSS JOIN LATERAL (SELECT COALESCE(NULLIF(s.stalled_days, 0), c.ltc_stalled_days, 0) AS days) d
            WHERE l.active AND l.type = 'opportunity' AND NOT COALESCE(l.stalled, FALSE)
              AND NOT COALESCE(s.is_won, FALSE) AND COALESCE(l.probability, 0) < 100
              AND d.days > 0
              AND COALESCE(l.date_last_stage_update, l.create_date) < %(since)s
              AND NOT EXISTS (
                  SELECT 1 FROM mail_message m
                   WHERE m.model = 'crm.lead' AND m.res_id = l.id AND m.date >= %(since)s
                     AND (m.message_type IN ('comment', 'email') OR m.mail_activity_type_id IS NOT NULL))
              AND NOT EXISTS (
                  SELECT 1 FROM mail_activity a
                   WHERE a.res_model = 'crm.lead' AND a.res_id = l.id AND a.create_date >= %(since)s)
            """,
            since=since,
        )

    @api.model
    def _unflag_revived_opportunities(self):
        """Stalled opportunities touched since they were flagged are no longer stalled (one statement)."""
        self.env["mail.message"].flush_model(["model", "res_id", "date", "message_type", "mail_activity_type_id"])
        self.flush_model(["stalled", "stalled_date", "date_last_stage_update"])
        self.env.cr.execute(SQL("""
            UPDATE crm_lead l SET stalled = FALSE, stalled_date = NULL
             WHERE l.stalled AND (
                   l.date_last_stage_update > l.stalled_date
                   OR EXISTS (SELECT 1 FROM mail_message m
                               WHERE m.model = 'crm.lead' AND m.res_id = l.id AND m.date > l.stalled_date
                                 AND (m.message_type IN ('comment', 'email') OR m.mail_activity_type_id IS NOT NULL)))
            RETURNING l.id
        """))
        revived = [row[0] for row in self.env.cr.fetchall()]
        if revived:
            self.invalidate_model(["stalled", "stalled_date"])
        return self.browse(revived)

    @api.model
    def _cron_flag_stalled_opportunities(self, batch_size=STALLED_BATCH_SIZE):
        """Flag one batch of stalled opportunities; the cron runner calls again while some remain.

        Idempotent: flagged opportunities are skipped until touched again. Safe in two workers at once
        (``FOR UPDATE SKIP LOCKED``).
        """
        now = fields.Datetime.now()
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        self._unflag_revived_opportunities()
        self.env["mail.activity"].flush_model(["res_model", "res_id", "create_date"])
        self.env["res.company"].flush_model(["ltc_stalled_days"])
        self.env["crm.stage"].flush_model(["stalled_days", "is_won"])
        self.flush_model(["active", "type", "stalled", "probability", "stage_id", "company_id",
                          "date_last_stage_update"])
        where = self._stalled_where(today)
        self.env.cr.execute(SQL("SELECT l.id %s ORDER BY l.id LIMIT %s FOR UPDATE OF l SKIP LOCKED",
                                where, batch_size))
        leads = self.browse([row[0] for row in self.env.cr.fetchall()])
        if leads:
            leads._flag_stalled(now)
        self.env.cr.execute(SQL("SELECT COUNT(*) %s", where))
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(leads), remaining=remaining)
        return leads

    def _flag_stalled(self, now):
        """One write for the batch, one activity create per AR, one message per team to its leader."""
        guarded(self).write({"stalled": True, "stalled_date": now})
        by_user = defaultdict(lambda: self.browse())
        for lead in self:
            by_user[lead.user_id or lead.team_id.user_id] |= lead
        for user, leads in by_user.items():
            if user:
                leads.activity_schedule(
                    "mail.mail_activity_data_warning", date_deadline=now.date(), user_id=user.id,
                    summary=_("Stalled opportunity: move it forward or close it"),
                )
        for team in self.team_id:
            leads = self.filtered(lambda lead, team=team: lead.team_id == team)
            if not team.user_id:
                continue
            items = Markup("").join(
                Markup("<li>%s (%s)</li>") % (lead.name, lead.user_id.name or _("unassigned")) for lead in leads
            )
            team.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (
                    _("%(count)s opportunities of %(team)s are stalled:", count=len(leads), team=team.name), items),
                partner_ids=team.user_id.partner_id.ids,
                message_type="comment", subtype_xmlid="mail.mt_note",
            )
