"""The visit planner run by two workers at once, with two real database cursors."""
from contextlib import closing, contextmanager

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlannerConcurrency(TransactionCase):
    """These tests commit through their own cursors: they create their data in a committed
    transaction and delete it at the end."""

    @contextmanager
    def worker(self):
        with closing(self.registry.cursor()) as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        with self.worker() as env:
            self.company = env.company.id
            self.last_visit = env["ltc.visit"].search([], order="id desc", limit=1).id or 0
            frequency = env["ltc.visit.frequency"].search([("company_id", "=", self.company), ("grade", "=", "A")])
            self.frequency = False if frequency else env["ltc.visit.frequency"].create(
                {"grade": "A", "interval_days": 7}).id
            self.rep = new_test_user(env, "ltc_ka_cc_rep", groups="sales_team.group_sale_salesman",
                                     context={"no_reset_password": True}).id
            self.account = env["res.partner"].create({"name": "Concurrent A Co", "is_company": True,
                                                      "user_id": self.rep, "ltc_grade_computed": "A"}).id
            env.cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.worker() as env:
            env["ltc.visit"].search([("id", ">", self.last_visit)]).unlink()
            env["res.partner"].browse(self.account).unlink()
            env["res.users"].browse(self.rep).unlink()
            env["ltc.visit.frequency"].browse(self.frequency).unlink()
            env.cr.commit()

    def test_two_planners_at_once_plan_each_visit_once(self):
        with self.worker() as env_a, self.worker() as env_b:
            company_a, company_b = env_a["res.company"].browse(self.company), env_b["res.company"].browse(self.company)
            planned = env_a["ltc.visit.frequency"]._generate_visits(company_a)
            self.assertIn(self.account, planned.partner_id.ids)
            self.assertFalse(env_b["ltc.visit.frequency"]._generate_visits(company_b),
                             "the second worker does not wait and plans nothing while the first one runs")
            env_b.cr.rollback()
            env_a.cr.commit()
            self.assertFalse(env_b["ltc.visit.frequency"]._generate_visits(company_b),
                             "after the first one's commit, everything is planned already")
            env_b.cr.commit()
        with self.worker() as env:
            visits = env["ltc.visit"].search([("partner_id", "=", self.account)])
            self.assertEqual(len(visits), len(set(visits.mapped("date_planned"))))
            self.assertTrue(visits)
