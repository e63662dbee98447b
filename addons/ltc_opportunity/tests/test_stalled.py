from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestStalled(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ltc_stalled_days = 0  # only the test stage warns
        cls.stage_new.stalled_days = 7
        cls.opp = cls._create_opportunity("Quiet deal", cls.rep_a, cls.customer)
        cls.opp.date_last_stage_update = datetime(2030, 1, 1, 10, 0)

    def _run(self, **kwargs):
        return self.env["crm.lead"]._cron_flag_stalled_opportunities(**kwargs)

    def _warnings(self, lead):
        return lead.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_warning"))

    def test_stalled_warning_at_the_day_boundary(self):
        with freeze_time("2030-01-07 23:59:59"):
            self._run()
        self.assertFalse(self.opp.stalled)
        with freeze_time("2030-01-08 00:00:01"):
            flagged = self._run()
        self.assertIn(self.opp, flagged)
        self.assertTrue(self.opp.stalled)
        warning = self._warnings(self.opp)
        self.assertEqual(warning.user_id, self.rep_a)
        team_note = self.team.message_ids.filtered(lambda m: "Quiet deal" in (m.body or ""))
        self.assertEqual(team_note.partner_ids, self.manager.partner_id)

    def test_rerun_is_idempotent(self):
        with freeze_time("2030-01-09 08:00:00"):
            self._run()
            self._run()
        self.assertEqual(len(self._warnings(self.opp)), 1)

    def test_note_within_the_period_keeps_it_alive(self):
        with freeze_time("2030-01-05 09:00:00"):
            self.opp.with_user(self.rep_a).message_post(body="Called the CIO", message_type="comment",
                                                        subtype_xmlid="mail.mt_note")
        with freeze_time("2030-01-09 08:00:00"):
            self._run()
        self.assertFalse(self.opp.stalled)

    def test_touch_after_flag_revives_and_stage_change_clears(self):
        with freeze_time("2030-01-09 08:00:00"):
            self._run()
        self.assertTrue(self.opp.stalled)
        with freeze_time("2030-01-10 08:00:00"):
            self.opp.with_user(self.rep_a).message_post(body="Met the buyer", message_type="comment",
                                                        subtype_xmlid="mail.mt_note")
            self._run()
        self.assertFalse(self.opp.stalled)
        with freeze_time("2030-01-20 08:00:00"):
            self._run()
        self.assertTrue(self.opp.stalled)
        self.opp.sudo().write({"stage_id": self.stage_qualified.id})
        self.assertFalse(self.opp.stalled)

    def test_company_default_applies_when_stage_has_none_and_zero_disables(self):
        other = self._create_opportunity("Qualified quiet", self.rep_b, stage=self.stage_qualified)
        other.date_last_stage_update = datetime(2030, 1, 1, 10, 0)
        with freeze_time("2030-03-01 08:00:00"):
            self._run()
        self.assertFalse(other.stalled)  # company default 0: no warning
        self.company.ltc_stalled_days = 30
        with freeze_time("2030-03-01 08:00:00"):
            self._run()
        self.assertTrue(other.stalled)

    def test_batches_report_progress(self):
        second = self._create_opportunity("Quiet deal 2", self.rep_b, self.customer)
        second.date_last_stage_update = datetime(2030, 1, 1, 10, 0)
        with freeze_time("2030-01-09 08:00:00"):
            first_batch = self._run(batch_size=1)
            second_batch = self._run(batch_size=1)
        self.assertEqual(len(first_batch), 1)
        self.assertEqual(first_batch | second_batch, self.opp | second)
