from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestCustomerPool(LtcLeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cpool = cls.env["ltc.lead.pool"].create({
            "name": "Dormant customers", "pool_type": "customer", "team_ids": [(6, 0, cls.team.ids)],
            "manager_ids": [(6, 0, cls.manager.ids)], "max_open_per_rep": 2, "reclaim_no_follow_up_days": 60,
            "cooldown_days": 30,
        })

    def _customer(self, name="Dormant Co", **vals):
        """A company created "now" — as frozen by the test (create_date comes from the database clock)."""
        partner = self.env["res.partner"].create({"name": name, "is_company": True, "ltc_pool_id": self.cpool.id,
                                                  **vals})
        partner.flush_recordset()
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s", [fields.Datetime.now(), partner.id])
        partner.invalidate_recordset(["create_date"])
        return partner

    def test_customer_without_won_deal_or_follow_up_returns_to_the_pool(self):
        with freeze_time("2026-01-01 09:00:00"):
            partner = self._customer()
            partner.with_user(self.rep1).action_claim_customer()
        self.assertEqual(partner.user_id, self.rep1)
        with freeze_time("2026-03-02 08:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(partner.user_id, self.rep1)
        with freeze_time("2026-03-02 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertFalse(partner.user_id)
        log = self.env["ltc.lead.pool.log"].search([("partner_id", "=", partner.id), ("action", "=", "reclaim")])
        self.assertEqual(log.reason, "no won deal and no follow-up for 60 days ≥ 60")
        with freeze_time("2026-03-05 09:00:00"), self.assertRaisesRegex(UserError, "cool-down of 30 days"):
            partner.with_user(self.rep1).action_claim_customer()

    def test_customer_with_a_won_deal_stays(self):
        with freeze_time("2026-01-01 09:00:00"):
            partner = self._customer()
            partner.with_user(self.rep1).action_claim_customer()
            won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
            self.env["crm.lead"].create({"name": "Won", "type": "opportunity", "partner_id": partner.id,
                                         "stage_id": won_stage.id, "user_id": self.rep1.id})
        with freeze_time("2026-06-01 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(partner.user_id, self.rep1)

    def test_follow_up_on_the_customer_keeps_it(self):
        with freeze_time("2026-01-01 09:00:00"):
            partner = self._customer()
            partner.with_user(self.rep1).action_claim_customer()
        with freeze_time("2026-02-15 09:00:00"):
            partner.with_user(self.rep1).message_post(body="Quarterly call", message_type="comment")
        with freeze_time("2026-03-05 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(partner.user_id, self.rep1)

    def test_customer_claim_cap(self):
        partners = self._customer("A") | self._customer("B") | self._customer("C")
        partners[:2].with_user(self.rep1).action_claim_customer()
        with self.assertRaisesRegex(UserError, "you hold 2"):
            partners[2].with_user(self.rep1).action_claim_customer()
        self.assertFalse(partners[2].user_id)

    def test_companies_outside_any_pool_return_to_the_default_customer_pool(self):
        self.company.ltc_customer_pool_id = self.cpool
        other_company = self.env["res.company"].create({"name": "Elsewhere"})
        with freeze_time("2026-01-01 09:00:00"):
            mine = self._customer("Old Customer", ltc_pool_id=False, user_id=self.rep1.id, company_id=self.company.id)
            foreign = self._customer("Foreign", ltc_pool_id=False, user_id=self.rep1.id, company_id=other_company.id)
        with freeze_time("2026-02-15 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(mine.user_id, self.rep1)  # 45 days < 60
        with freeze_time("2026-03-02 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertFalse(mine.user_id)
        self.assertEqual(mine.ltc_pool_id, self.cpool)
        self.assertEqual(foreign.user_id, self.rep1)
        self.assertFalse(foreign.ltc_pool_id)


    def test_a_company_created_recently_is_not_reclaimed(self):
        with freeze_time("2026-01-01 09:00:00"):
            partner = self._customer(user_id=self.rep1.id)
        with freeze_time("2026-02-01 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(partner.user_id, self.rep1)
