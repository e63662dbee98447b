from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import LtcReceivableCommon


@tagged("post_install", "-at_install")
class TestEscalation(LtcReceivableCommon):
    """Due 2026-03-10 (Beijing time); remind 3 days before, finance 15 days late (the defaults). The
    company is in Beijing, the user running the job in London (UTC+0 in March): the company's day counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.env.user.tz = "Europe/London"
        cls.team_leader = cls.manager
        cls.team = cls.env["crm.team"].create({"name": "LTC AR Team", "user_id": cls.manager.id})

    def _line_due(self, due):
        with freeze_time("2026-02-01"):
            contract = self._contract(plan=[{"name": "预付款", "percentage": 100, "trigger": "manual"}],
                                      team_id=self.team.id)
            line = contract.plan_line_ids
            line.with_user(self.rep).action_raise_invoice()
        line.invoice_id.sudo().write({"invoice_date_due": due})
        return line

    def _run(self, utc_moment):
        with freeze_time(utc_moment):
            return self.env["ltc.payment.plan.line"]._cron_escalate_collections()

    def _activities(self, line):
        return self.env["mail.activity"].search([("res_model", "=", line._name), ("res_id", "=", line.id)])

    def _notices(self, line):
        return line.message_ids.filtered(lambda m: m.message_type in ("comment", "notification")
                                         and m.partner_ids)

    def test_each_threshold_once_at_the_beijing_day_boundary(self):
        line = self._line_due(date(2026, 3, 10))
        # 2026-03-06 23:59 in Beijing (15:59 UTC): 4 days before due — nothing yet
        self._run("2026-03-06 15:59:00")
        self.assertEqual(line.escalation_level, "0")
        # one minute later it is 03-07 in Beijing (still 03-06 in UTC): 3 days before due — a to-do
        self._run("2026-03-06 16:00:00")
        self.assertEqual(line.escalation_level, "1")
        self.assertEqual(self._activities(line).user_id, self.rep)
        self._run("2026-03-07 16:00:00")  # re-run: nothing twice
        self.assertEqual(len(self._activities(line)), 1)
        # 03-10 (due day): nothing new; 03-11 00:00 Beijing: first day late — AR and sales manager
        self._run("2026-03-10 15:59:00")
        self.assertEqual(line.escalation_level, "1")
        self._run("2026-03-10 16:00:00")
        self.assertEqual(line.escalation_level, "2")
        notice = self._notices(line)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, (self.rep | self.manager).partner_id)
        self._run("2026-03-11 16:00:00")
        self.assertEqual(len(self._notices(line)), 1, "no second notice for the same threshold")
        # 15 days late (03-25 Beijing): finance
        self._run("2026-03-24 15:59:00")
        self.assertEqual(line.escalation_level, "2")
        self._run("2026-03-24 16:00:00")
        self.assertEqual(line.escalation_level, "3")
        finance_notice = self._notices(line) - notice
        self.assertIn(self.finance.partner_id, finance_notice.partner_ids)
        self._run("2026-03-30 16:00:00")
        self.assertEqual(len(self._notices(line)), 2)

    def test_paid_lines_are_not_chased_and_the_level_is_not_typed(self):
        line = self._line_due(date(2026, 3, 10))
        self._pay(line.invoice_id, line.amount_residual, date=date(2026, 3, 1))
        self._run("2026-03-20 16:00:00")
        self.assertEqual(line.escalation_level, "0")
        from odoo.exceptions import AccessError  # noqa: PLC0415
        with self.assertRaises(AccessError):
            line.with_user(self.manager).write({"escalation_level": "3"})

    def test_a_line_already_far_late_goes_straight_to_finance_once(self):
        line = self._line_due(date(2026, 3, 10))
        self.assertEqual(self._run("2026-04-30 04:00:00"), 1)
        self.assertEqual(line.escalation_level, "3")
        self.assertEqual(self._run("2026-05-30 04:00:00"), 0)
        self.assertEqual(len(self._notices(line)), 1)
