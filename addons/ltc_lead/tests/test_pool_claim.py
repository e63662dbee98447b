from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestPoolClaim(LtcLeadCase):
    def test_rep_claims_a_pooled_lead_and_it_is_logged(self):
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        self.assertEqual(lead.user_id, self.rep1)
        self.assertTrue(lead.claimed_date)
        self.assertEqual(lead.pool_log_ids.mapped("action"), ["claim"])
        self.assertEqual(lead.pool_log_ids.user_id, self.rep1)

    def test_pool_history_is_found_by_record_and_goes_with_it(self):
        lead, other = self.pooled(), self.pooled()
        lead.with_user(self.rep1).action_claim()
        other.with_user(self.rep2).action_claim()
        Log = self.env["ltc.lead.pool.log"]
        self.assertEqual(Log.search([("lead_id", "=", lead.id)]).user_id, self.rep1)
        self.assertEqual(Log.search([("lead_id", "in", (lead | other).ids)]).user_id, self.rep1 | self.rep2)
        self.assertEqual(Log.search([("lead_id", "=", lead.id)]).lead_id, lead)
        self.assertFalse(Log.search([("lead_id", "=", lead.id)]).partner_id)
        lead_log = lead.pool_log_ids
        lead.unlink()
        self.assertFalse(lead_log.exists())
        self.assertEqual(other.pool_log_ids.mapped("action"), ["claim"])

    def test_second_claim_of_a_taken_lead_is_refused_with_the_owner_named(self):
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        with self.assertRaisesRegex(UserError, "already been claimed by Rep Wang"):
            lead.with_user(self.rep2).action_claim()
        self.assertEqual(lead.user_id, self.rep1)

    def test_rep_outside_the_claiming_teams_cannot_claim(self):
        lead = self.pooled()
        with self.assertRaises(AccessError):
            lead.with_user(self.outsider).action_claim()
        self.assertFalse(lead.user_id)

    def test_claim_cap_counts_open_leads_held_from_the_pool(self):
        leads = self.pooled(5)
        leads[:3].with_user(self.rep1).action_claim()
        with self.assertRaisesRegex(UserError, "hold 3 open records at most: you hold 3, so you can claim 0 more"):
            leads[3].with_user(self.rep1).action_claim()
        self.assertFalse(leads[3].user_id)
        # an invalid lead no longer counts against the cap
        leads[0].with_user(self.rep1)._set_lifecycle_state("invalid", reason="spam")
        leads[3].with_user(self.rep1).action_claim()
        self.assertEqual(leads[3].user_id, self.rep1)

    def test_cooldown_blocks_the_rep_it_was_reclaimed_from_until_it_ends(self):
        with freeze_time("2026-05-01 09:00:00"):
            lead = self.pooled()
            lead.with_user(self.rep1).action_claim()
        with freeze_time("2026-05-11 09:00:00"):
            self.pool._cron_reclaim_leads()
        self.assertFalse(lead.user_id)
        with freeze_time("2026-05-18 08:59:00"), self.assertRaisesRegex(UserError, "cool-down of 7 days"):
            lead.with_user(self.rep1).action_claim()
        with freeze_time("2026-05-18 09:01:00"):
            lead.with_user(self.rep1).action_claim()
        self.assertEqual(lead.user_id, self.rep1)

    def test_cooldown_does_not_apply_to_another_rep(self):
        with freeze_time("2026-05-01 09:00:00"):
            lead = self.pooled()
            lead.with_user(self.rep1).action_claim()
        with freeze_time("2026-05-11 09:00:00"):
            self.pool._cron_reclaim_leads()
            lead.with_user(self.rep2).action_claim()
        self.assertEqual(lead.user_id, self.rep2)

    def test_contact_details_are_masked_until_claimed(self):
        lead = self.pooled(email_from="boss@bigcorp.cn", phone="13800138000")
        data = lead.with_user(self.rep1).read(["email_from", "phone", "name"])[0]
        self.assertEqual(data["email_from"], "b***@bigcorp.cn")
        self.assertEqual(data["phone"], "138****00")
        self.assertEqual(data["name"], "Pooled lead 0")
        # the pool manager sees them
        self.assertEqual(lead.with_user(self.manager).read(["email_from"])[0]["email_from"], "boss@bigcorp.cn")
        lead.with_user(self.rep1).action_claim()
        self.assertEqual(lead.with_user(self.rep1).read(["email_from"])[0]["email_from"], "boss@bigcorp.cn")
        # a pool without masking shows them at once
        self.pool.mask_contact = False
        other = self.pooled(email_from="open@bigcorp.cn")
        self.assertEqual(other.with_user(self.rep2).read(["email_from"])[0]["email_from"], "open@bigcorp.cn")

    def test_release_needs_a_reason_and_returns_the_lead(self):
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        with self.assertRaisesRegex(UserError, "Say why"):
            lead.with_user(self.rep1).action_release(" ")
        self.assertEqual(lead.user_id, self.rep1)
        wizard = Form(self.env["ltc.lead.release.wizard"].with_user(self.rep1).with_context(active_ids=lead.ids))
        wizard.reason = "Budget frozen until next year"
        wizard.save().action_confirm()
        self.assertFalse(lead.user_id)
        self.assertTrue(lead.in_pool)
        release = lead.pool_log_ids.filtered(lambda log: log.action == "release")
        self.assertEqual(release.reason, "Budget frozen until next year")
        self.assertEqual(release.user_id, self.rep1)

    def test_another_rep_cannot_release_my_lead(self):
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        with self.assertRaises(AccessError):
            lead.with_user(self.rep2).action_release("mine now")
        self.assertEqual(lead.user_id, self.rep1)

    def test_manager_assigns_beyond_the_cap_but_a_rep_cannot_assign(self):
        leads = self.pooled(5)
        with self.assertRaises(AccessError):
            leads.with_user(self.rep1).action_assign_to(self.rep1)
        wizard = Form(self.env["ltc.lead.assign.wizard"].with_user(self.manager).with_context(active_ids=leads.ids))
        wizard.user_id = self.rep2
        wizard.save().action_confirm()
        self.assertEqual(leads.user_id, self.rep2)
        self.assertEqual(set(leads.pool_log_ids.mapped("action")), {"assign"})

    def test_pool_kanban_search_finds_available_leads(self):
        free, taken = self.pooled(2)
        taken.with_user(self.rep1).action_claim()
        found = self.env["crm.lead"].with_user(self.rep2).search([("in_pool", "=", True), ("id", "in", (free | taken).ids)])
        self.assertEqual(found, free)

    def test_negative_rules_are_refused(self):
        with self.assertRaisesRegex(Exception, "cannot be negative"):
            self.pool.cooldown_days = -1
