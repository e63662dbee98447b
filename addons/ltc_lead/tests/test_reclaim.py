from odoo.tests import freeze_time, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestReclaim(LtcLeadCase):
    def _claimed(self, when, count=1, user=None):
        with freeze_time(when):
            leads = self.pooled(count)
            leads.with_user(user or self.rep1).action_claim()
        return leads

    def test_unfollowed_lead_returns_to_pool_at_the_day_boundary(self):
        lead = self._claimed("2026-01-01 09:00:00")
        with freeze_time("2026-01-11 08:59:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 0)
        self.assertEqual(lead.user_id, self.rep1)
        with freeze_time("2026-01-11 09:00:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 1)
        self.assertFalse(lead.user_id)
        self.assertTrue(lead.in_pool)
        self.assertEqual(lead.reclaim_count, 1)
        log = lead.pool_log_ids.filtered(lambda entry: entry.action == "reclaim")
        self.assertEqual(log.reason, "no follow-up for 10 days ≥ 10")
        self.assertEqual(log.user_id, self.rep1)

    def test_owner_follow_up_restarts_the_clock(self):
        lead = self._claimed("2026-01-01 09:00:00")
        with freeze_time("2026-01-08 09:00:00"):
            lead.with_user(self.rep1).message_post(body="Visited the plant", message_type="comment")
        with freeze_time("2026-01-15 09:00:00"):
            self.pool._cron_reclaim_leads()
        self.assertEqual(lead.user_id, self.rep1)
        with freeze_time("2026-01-18 09:00:00"):
            self.pool._cron_reclaim_leads()
        self.assertFalse(lead.user_id)

    def test_claimed_but_not_converted_returns_after_m_days(self):
        self.pool.reclaim_no_follow_up_days = 0
        lead = self._claimed("2026-02-01 00:00:00")
        with freeze_time("2026-03-02 23:59:00"):
            self.pool._cron_reclaim_leads()
        self.assertEqual(lead.user_id, self.rep1)
        with freeze_time("2026-03-03 00:00:00"):
            self.pool._cron_reclaim_leads()
        self.assertFalse(lead.user_id)
        self.assertEqual(lead.pool_log_ids.filtered(lambda e: e.action == "reclaim").reason,
                         "claimed 30 days ago and not converted ≥ 30")

    def test_converted_and_invalid_leads_are_never_reclaimed(self):
        converted, invalid = self._claimed("2026-01-01 09:00:00", count=2)
        converted.convert_opportunity(self.env["res.partner"].create({"name": "Client"}))
        invalid._set_lifecycle_state("invalid", reason="duplicate")
        with freeze_time("2026-06-01 09:00:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 0)
        self.assertEqual((converted | invalid).user_id, self.rep1)

    def test_rerun_is_idempotent(self):
        leads = self._claimed("2026-01-01 09:00:00", count=3)
        with freeze_time("2026-01-20 09:00:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 3)
            self.assertEqual(self.pool._cron_reclaim_leads(), 0)
        self.assertEqual(len(leads.pool_log_ids.filtered(lambda e: e.action == "reclaim")), 3)
        self.assertEqual(set(leads.mapped("reclaim_count")), {1})

    def test_batches_report_remaining_work(self):
        self.env["ir.config_parameter"].sudo().set_param("ltc_lead.reclaim_batch_size", 2)
        self.pool.max_open_per_rep = 0
        leads = self._claimed("2026-01-01 09:00:00", count=5)
        with freeze_time("2026-01-20 09:00:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 2)
            self.assertEqual(len(leads.filtered("user_id")), 3)
            self.assertEqual(self.pool._cron_reclaim_leads(), 2)
            self.assertEqual(self.pool._cron_reclaim_leads(), 1)
            self.assertEqual(self.pool._cron_reclaim_leads(), 0)
        self.assertFalse(leads.user_id)

    def test_rep_and_managers_are_notified_once_per_batch(self):
        self._claimed("2026-01-01 09:00:00", count=2)
        before = self.env["mail.message"].search_count([("model", "=", "ltc.lead.pool"), ("res_id", "=", self.pool.id)])
        with freeze_time("2026-01-20 09:00:00"):
            self.pool._cron_reclaim_leads()
        messages = self.env["mail.message"].search(
            [("model", "=", "ltc.lead.pool"), ("res_id", "=", self.pool.id)], order="id desc")
        self.assertEqual(len(messages) - before, 1)
        self.assertIn("2 records returned", messages[0].body)
        self.assertIn("no follow-up for 19 days", messages[0].body)
        self.assertEqual(messages[0].partner_ids, self.rep1.partner_id | self.manager.partner_id)

    def test_one_digest_per_batch_has_a_section_per_rep(self):
        self._claimed("2026-01-01 09:00:00", count=2)
        self._claimed("2026-01-02 09:00:00", count=1, user=self.rep2)
        before = self.env["mail.message"].search([("model", "=", "ltc.lead.pool"), ("res_id", "=", self.pool.id)])
        with freeze_time("2026-01-20 09:00:00"):
            self.assertEqual(self.pool._cron_reclaim_leads(), 3)
        messages = self.env["mail.message"].search(
            [("model", "=", "ltc.lead.pool"), ("res_id", "=", self.pool.id)]) - before
        self.assertEqual(len(messages), 1)
        self.assertIn("3 records returned to pool Test Pool.", messages.body)
        self.assertIn("2 from Rep Wang:", messages.body)
        self.assertIn("1 from Rep Li:", messages.body)
        self.assertIn("no follow-up for 18 days", messages.body)
        self.assertEqual(messages.partner_ids,
                         self.rep1.partner_id | self.rep2.partner_id | self.manager.partner_id)

    def test_reason_and_digest_in_the_language_of_the_job(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["ltc_lead"], ["zh_CN"], overwrite=True)
        lead = self._claimed("2026-01-01 09:00:00")
        with freeze_time("2026-01-20 09:00:00"):
            self.pool.with_context(lang="zh_CN")._cron_reclaim_leads()
        log = lead.pool_log_ids.filtered(lambda entry: entry.action == "reclaim")
        self.assertEqual(log.reason, "19 天未跟进 ≥ 10")
        digest = self.env["mail.message"].search([("model", "=", "ltc.lead.pool"), ("res_id", "=", self.pool.id)],
                                                 order="id desc", limit=1)
        self.assertIn("1 条来自 Rep Wang：", digest.body)
        self.assertIn("19 天未跟进 ≥ 10", digest.body)

    def test_scheduled_action_exists_and_calls_the_reclaim(self):
        cron = self.env.ref("ltc_lead.ir_cron_reclaim_leads")
        self.assertTrue(cron.active)
        lead = self._claimed("2026-01-01 09:00:00")
        with freeze_time("2026-01-20 09:00:00"):
            cron.method_direct_trigger()
        self.assertFalse(lead.user_id)
