import logging

from odoo import _, api, fields, models
from odoo.tools import SQL, format_date

_logger = logging.getLogger(__name__)

LEVELS = [("0", "None"), ("1", "Reminded"), ("2", "Late: AR and Manager Notified"), ("3", "Escalated to Finance")]


class LtcPaymentPlanLine(models.Model):
    _inherit = "ltc.payment.plan.line"

    escalation_level = fields.Selection(
        LEVELS, default="0", required=True, readonly=True, copy=False, index=True,
        help="The last collection threshold acted on: each is acted on once, whatever the re-runs.")

    @api.model
    def _ltc_guarded_fields(self):
        return super()._ltc_guarded_fields() | {"escalation_level"}

    @api.model
    def _ltc_escalation_targets(self, today, batch_size):
        """(line id, level it has reached) of open plan-line invoices past a threshold they were not
        acted on for — one statement for every company (its thresholds and its own ``today``, a date
        or ``{company id: date}``, joined in), the lines locked
        (SKIP LOCKED: a second worker takes others). No ORDER BY: every crossing line is acted on in
        the same run, batch after batch, so the order of the batches does not matter and sorting
        tens of thousands of rows would double the statement's cost."""
        if not isinstance(today, dict):
            today = dict.fromkeys(self.env["res.company"].sudo().search([]).ids, today)
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT l.id,
                   CASE WHEN l.date_due <= t.today - COALESCE(c.ltc_finance_escalation_days, 15) THEN '3'
                        WHEN l.date_due < t.today THEN '2'
                        ELSE '1' END AS reached
              FROM ltc_payment_plan_line l
              JOIN res_company c ON c.id = l.company_id
              JOIN unnest(%(companies)s::int[], %(days)s::date[]) AS t(company_id, today) ON t.company_id = l.company_id
             WHERE l.payment_state IN ('not_paid', 'partial')
               AND l.date_due <= t.today + COALESCE(c.ltc_remind_days_before, 3)
               AND l.escalation_level < CASE
                        WHEN l.date_due <= t.today - COALESCE(c.ltc_finance_escalation_days, 15) THEN '3'
                        WHEN l.date_due < t.today THEN '2'
                        ELSE '1' END
             LIMIT %(limit)s
               FOR UPDATE OF l SKIP LOCKED
        """, companies=list(today), days=list(today.values()), limit=batch_size))
        return self.env.cr.fetchall()

    @api.model
    def _cron_escalate_collections(self, batch_size=500):
        """Scheduled action (回款预警): N days before due a to-do for the responsible; on the first day late
        the AR and the sales manager are notified; X days late finance is notified. One batch per call,
        committed by the cron; each threshold is acted on once (escalation_level), so a re-run or a
        second worker notifies no one twice. Days at each company's own boundary (the time zone of its
        address, Settings: e.g. Asia/Shanghai), whoever runs the job."""
        self = self.sudo()  # every company's lines, as the cron worker runs it
        today = {company.id: company._ltc_collection_today() for company in self.env["res.company"].search([])}
        targets = self._ltc_escalation_targets(today, batch_size)
        by_level = {}
        for line_id, level in targets:
            by_level.setdefault(level, []).append(line_id)
        for level, ids in sorted(by_level.items()):
            lines = self.browse(ids).with_context(mail_notify_force_send=False)
            if level == "1":
                lines._ltc_remind()
            elif level == "2":
                lines._ltc_notify_late()
            else:
                lines._ltc_notify_finance()
            # set-based: one UPDATE per level
            self.env.cr.execute(SQL("UPDATE ltc_payment_plan_line SET escalation_level = %s WHERE id = ANY(%s)",
                                    level, ids))
        self.invalidate_model(["escalation_level"])
        self.env["ir.cron"]._notify_progress(done=len(targets), remaining=1 if len(targets) == batch_size else 0)
        return len(targets)

    def _ltc_remind(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].sudo().create([{
            "res_model_id": model_id, "res_id": line.id, "activity_type_id": todo.id,
            "user_id": (line.user_id or line.contract_id.user_id or self.env.user).id,
            "date_deadline": line.date_due,
            "summary": _("Collect %(amount)s from %(customer)s by %(date)s", amount=line._ltc_amount_due_text(),
                         customer=line.partner_id.display_name, date=format_date(self.env, line.date_due)),
        } for line in self])

    def _ltc_amount_due_text(self):
        self.ensure_one()
        from odoo.tools import format_amount  # noqa: PLC0415
        return format_amount(self.env, self.amount_residual, self.currency_id)

    def _ltc_notify_late(self):
        for line in self:
            users = line.user_id | line.contract_id.user_id | line.contract_id.team_id.user_id
            line._ltc_post_template(line.company_id.ltc_overdue_template_id
                                    or self.env.ref("ltc_receivable.mail_template_plan_overdue"), users)

    def _ltc_notify_finance(self):
        group = self.env.ref("account.group_account_manager")
        for line in self:
            finance = group.sudo().users.filtered(lambda u, c=line.company_id: c in u.company_ids and not u.share)
            users = finance | line.user_id | line.contract_id.team_id.user_id
            line._ltc_post_template(line.company_id.ltc_finance_template_id
                                    or self.env.ref("ltc_receivable.mail_template_plan_finance"), users)

    def _ltc_post_template(self, template, users):
        self.ensure_one()
        partners = users.partner_id
        if template:
            self.sudo().message_post_with_source(template, subtype_xmlid="mail.mt_comment", partner_ids=partners.ids)
        else:
            self.sudo().message_post(body=_("Plan line %(line)s is overdue: %(amount)s due since %(date)s.",
                                            line=self.name, amount=self._ltc_amount_due_text(),
                                            date=format_date(self.env, self.date_due)),
                                     subtype_xmlid="mail.mt_comment", partner_ids=partners.ids)
