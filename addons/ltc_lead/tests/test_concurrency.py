"""Claims and reclaims with two real database cursors, as two Odoo workers would run them."""
from contextlib import closing, contextmanager

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    """These tests commit through their own cursors: they create their data in a committed
    transaction and delete it at the end."""

    @contextmanager
    def worker(self, uid=SUPERUSER_ID):
        with closing(self.registry.cursor()) as cr:
            yield api.Environment(cr, uid, {})

    def setUp(self):
        super().setUp()
        with self.worker() as env:
            env = env(context={"tracking_disable": True, "no_reset_password": True})
            self.rep1 = new_test_user(env, "ltc_cc_rep1", groups="sales_team.group_sale_salesman").id
            self.rep2 = new_test_user(env, "ltc_cc_rep2", groups="sales_team.group_sale_salesman").id
            pool = env["ltc.lead.pool"].create({
                "name": "Concurrency Pool", "user_ids": [(6, 0, [self.rep1, self.rep2])],
                "max_open_per_rep": 0, "reclaim_no_follow_up_days": 10, "reclaim_not_converted_days": 0,
                "cooldown_days": 0, "mask_contact": False,
            })
            self.pool = pool.id
            self.leads = env["crm.lead"].create([
                {"name": f"CC {i}", "type": "lead", "pool_id": pool.id, "user_id": False,
                 "company_id": env.company.id} for i in range(6)]).ids
            env.cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.worker() as env:
            env["crm.lead"].browse(self.leads).unlink()
            env["ltc.lead.pool"].browse(self.pool).unlink()
            env["res.users"].browse([self.rep1, self.rep2]).unlink()
            env.cr.commit()

    def test_two_reps_claim_the_same_lead_at_once_exactly_one_wins(self):
        lead_id = self.leads[0]
        with self.worker(self.rep1) as env_a, self.worker(self.rep2) as env_b:
            env_a["crm.lead"].browse(lead_id).action_claim()          # worker A holds the row lock
            with self.assertRaisesRegex(UserError, "Someone else is claiming this lead right now"):
                env_b["crm.lead"].browse(lead_id).action_claim()      # worker B is refused at once
            env_b.cr.rollback()
            env_a.cr.commit()
            with self.assertRaisesRegex(UserError, "already been claimed by"):
                env_b["crm.lead"].browse(lead_id).action_claim()      # and after A's commit, told who won
            env_b.cr.rollback()
        with self.worker() as env:
            lead = env["crm.lead"].browse(lead_id)
            self.assertEqual(lead.user_id.id, self.rep1)
            self.assertEqual(len(lead.pool_log_ids), 1)

    def test_two_claims_of_one_rep_at_once_cannot_pass_the_cap(self):
        """The second claim read the rep's leads before the first one committed (Odoo's transactions
        keep the snapshot of their first query): it must not count them from that snapshot."""
        with self.worker() as env:
            env["ltc.lead.pool"].browse(self.pool).max_open_per_rep = 1
            env.cr.commit()
        with self.worker(self.rep1) as env_a, self.worker(self.rep1) as env_b:
            env_b.cr.execute("SELECT 1")                              # worker B's transaction starts
            env_a["crm.lead"].browse(self.leads[0]).action_claim()  # worker A claims and commits
            env_a.cr.commit()
            with self.assertRaises(SerializationFailure):            # B is refused its stale count...
                env_b["crm.lead"].browse(self.leads[1]).action_claim()
            env_b.cr.rollback()
            # ... and retried in a fresh transaction (as Odoo's RPC layer does), the cap refuses it
            with self.assertRaisesRegex(UserError, "lets a rep hold 1 open records at most"):
                env_b["crm.lead"].browse(self.leads[1]).action_claim()
            env_b.cr.rollback()
        with self.worker() as env:
            self.assertEqual(env["crm.lead"].search_count([("pool_id", "=", self.pool), ("user_id", "=", self.rep1)]), 1)

    def test_two_reclaim_workers_never_reclaim_the_same_lead(self):
        with freeze_time("2026-01-01 09:00:00"), self.worker(self.rep1) as env:
            env["crm.lead"].browse(self.leads).action_claim()
            env.cr.commit()
        with freeze_time("2026-01-20 09:00:00"), self.worker() as env_a, self.worker() as env_b:
            now = fields.Datetime.now()
            done_a = env_a["ltc.lead.pool"].browse(self.pool)._reclaim_leads_batch(now, 4)   # A: 4 rows, not committed
            done_b = env_b["ltc.lead.pool"].browse(self.pool)._reclaim_leads_batch(now, 10)  # B skips A's locked rows
            self.assertEqual(len(done_a), 4)
            self.assertEqual(len(done_b), 2)
            self.assertFalse({r[0] for r in done_a} & {r[0] for r in done_b})
            env_a.cr.commit()
            env_b.cr.commit()
        with freeze_time("2026-01-20 10:00:00"), self.worker() as env:
            # a re-run after both (or after a crash of either) finds nothing left to do
            self.assertEqual(env["ltc.lead.pool"]._cron_reclaim_leads(), 0)
            logs = env["ltc.lead.pool.log"].search([("lead_id", "in", self.leads), ("action", "=", "reclaim")])
            self.assertEqual(len(logs), 6)
            self.assertFalse(env["crm.lead"].browse(self.leads).user_id)
            env.cr.rollback()
