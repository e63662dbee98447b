from datetime import datetime, timedelta

from odoo.tests import freeze_time, tagged

from .common import LtcVisitCase


@tagged("post_install", "-at_install")
class TestVisitPlan(LtcVisitCase):
    """Grade A every 7 days, grade B every 30, a 28-day horizon; the reps work in UTC+8."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ltc_visit_plan_days = 28
        (cls.rep1 | cls.rep2).tz = "Asia/Shanghai"
        cls.env["ltc.visit.frequency"].search([]).unlink()  # the demo's
        cls.env["ltc.visit.frequency"].create([
            {"grade": "A", "interval_days": 7, "visit_type_id": cls.sop.id},
            {"grade": "B", "interval_days": 30},
        ])
        cls.customer.write({"ltc_grade_computed": "A"})
        cls.account_b = cls.env["res.partner"].create({"name": "B Co", "is_company": True, "user_id": cls.rep2.id,
                                                       "ltc_grade_computed": "B"})
        cls.unowned = cls.env["res.partner"].create({"name": "Unowned A Co", "is_company": True,
                                                     "ltc_grade_computed": "A"})
        cls.ungraded = cls.env["res.partner"].create({"name": "Ungraded Co", "is_company": True,
                                                      "user_id": cls.rep1.id})

    def _planned(self, partner):
        return self.env["ltc.visit"].search([("partner_id", "=", partner.id), ("state", "=", "planned")],
                                            order="date_planned")

    def test_plan_per_grade_for_each_reps_accounts_and_rerun_plans_nothing_twice(self):
        with freeze_time("2026-03-02 01:00:00"):
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
        a_visits = self._planned(self.customer)
        # 09:00 in Shanghai is 01:00 UTC: today, +7, +14, +21, +28
        self.assertEqual(a_visits.mapped("date_planned"),
                         [datetime(2026, 3, 2, 1) + timedelta(days=7 * i) for i in range(5)])
        self.assertEqual(a_visits.user_id, self.rep1)
        self.assertEqual(a_visits.visit_type_id, self.sop)
        self.assertEqual(len(a_visits[0].answer_ids), 3, "the SOP comes with the planned visit")
        self.assertEqual(self._planned(self.account_b).mapped("date_planned"), [datetime(2026, 3, 2, 1)])
        self.assertEqual(self._planned(self.account_b).user_id, self.rep2)
        self.assertFalse(self._planned(self.unowned) | self._planned(self.ungraded))
        count = self.env["ltc.visit"].search_count([])
        with freeze_time("2026-03-02 05:00:00"):
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
        self.assertEqual(self.env["ltc.visit"].search_count([]), count, "a second run the same day plans nothing")
        with freeze_time("2026-03-09 01:00:00"):
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
        self.assertEqual(len(self._planned(self.customer)), 6, "a week later, one more week is planned")
        self.assertEqual(self._planned(self.account_b).mapped("date_planned"),
                         [datetime(2026, 3, 2, 1), datetime(2026, 4, 1, 1)], "B: 30 days on, within the new horizon")

    def test_a_recent_visit_moves_the_next_planned_one(self):
        with freeze_time("2026-02-25 02:00:00"):
            visit = self._visit(user=self.rep2, partner=self.account_b)
            visit.action_check_in()
            visit.action_check_out()
        with freeze_time("2026-03-02 01:00:00"):
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
        self.assertEqual(self._planned(self.account_b).mapped("date_planned"), [datetime(2026, 3, 27, 1)])

    def test_cancelled_visits_do_not_count(self):
        with freeze_time("2026-03-02 01:00:00"):
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
            self._planned(self.account_b).action_cancel()
            self.env["ltc.visit.frequency"]._cron_generate_visit_plans()
        self.assertEqual(len(self._planned(self.account_b)), 1)

    def test_accompanied_visit_is_seen_by_the_manager_on_the_calendar(self):
        visit = self._visit(date_planned=datetime(2026, 3, 3, 2), accompanied_user_id=self.manager.id)
        self.assertIn(visit, self.env["ltc.visit"].with_user(self.manager).search(
            [("accompanied_user_id", "=", self.manager.id)]))
