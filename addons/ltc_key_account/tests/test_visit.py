from datetime import datetime

from odoo import fields
from odoo.addons.ltc_key_account.models.ltc_visit import haversine_km
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import LtcVisitCase


@tagged("post_install", "-at_install")
class TestVisit(LtcVisitCase):
    def test_haversine_one_degree_of_latitude_is_111_km(self):
        self.assertAlmostEqual(haversine_km(30.0, 120.0, 31.0, 120.0), 111.195, places=2)
        # Beijing (Tian'anmen) to Shanghai (People's Square): about 1,067 km
        self.assertAlmostEqual(haversine_km(39.9087, 116.3975, *self.SHANGHAI), 1067, delta=3)
        self.assertEqual(haversine_km(*self.SHANGHAI, *self.SHANGHAI), 0.0)

    def test_check_in_near_the_customer_stores_location_and_is_on_site(self):
        visit = self._visit()
        with freeze_time("2026-03-02 02:00:00"):
            visit.action_check_in(latitude=self.SHANGHAI[0] + 0.001, longitude=self.SHANGHAI[1], accuracy=12.5)
        self.assertEqual(visit.state, "checked_in")
        self.assertEqual(visit.check_in_time, datetime(2026, 3, 2, 2, 0))
        self.assertEqual(visit.date_planned, datetime(2026, 3, 2, 2, 0), "an unplanned visit is dated by its check-in")
        self.assertAlmostEqual(visit.check_in_latitude, self.SHANGHAI[0] + 0.001, places=7)
        self.assertAlmostEqual(visit.check_in_longitude, self.SHANGHAI[1], places=7)
        self.assertEqual(visit.check_in_accuracy, 12.5)
        self.assertTrue(visit.has_location)
        self.assertAlmostEqual(visit.distance_km, 0.111, places=3)
        self.assertFalse(visit.is_off_site)

    def test_check_in_farther_than_the_company_threshold_is_off_site(self):
        visit = self._visit()
        visit.action_check_in(latitude=self.SHANGHAI[0] + 0.01, longitude=self.SHANGHAI[1], accuracy=8)
        self.assertAlmostEqual(visit.distance_km, 1.112, places=3)
        self.assertTrue(visit.is_off_site)
        self.company.ltc_visit_distance_threshold_km = 2.0
        other = self._visit()
        other.action_check_in(latitude=self.SHANGHAI[0] + 0.01, longitude=self.SHANGHAI[1], accuracy=8)
        self.assertFalse(other.is_off_site)

    def test_check_in_at_a_contact_uses_its_company_coordinates(self):
        visit = self._visit(partner=self.contact)
        visit.action_check_in(latitude=self.SHANGHAI[0], longitude=self.SHANGHAI[1] + 0.02)
        self.assertAlmostEqual(visit.distance_km, haversine_km(*self.SHANGHAI, self.SHANGHAI[0], self.SHANGHAI[1] + 0.02),
                               places=3)
        self.assertTrue(visit.is_off_site)

    def test_check_in_without_location_is_not_flagged(self):
        visit = self._visit()
        visit.action_check_in()
        self.assertEqual(visit.state, "checked_in")
        self.assertFalse(visit.has_location)
        self.assertFalse(visit.is_off_site)
        with self.assertRaises(UserError):
            self._visit().action_check_in(latitude=123.0, longitude=10.0)

    def test_check_out_stores_time_and_duration(self):
        visit = self._visit()
        with freeze_time("2026-03-02 02:00:00"):
            visit.action_check_in(latitude=self.SHANGHAI[0], longitude=self.SHANGHAI[1], accuracy=5)
        with freeze_time("2026-03-02 03:30:00"):
            visit.action_check_out()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.check_out_time, datetime(2026, 3, 2, 3, 30))
        self.assertAlmostEqual(visit.duration_hours, 1.5)
        self.assertEqual((visit.done_count, visit.on_site_count), (1, 1))
        with self.assertRaises(UserError):
            visit.write({"date_planned": datetime(2026, 3, 9, 2, 0)})
        visit.write({"summary": "<p>Notes written afterwards</p>"})
        with self.assertRaises(UserError):
            visit.action_check_out()
        with self.assertRaises(UserError):
            visit.action_cancel()

    def test_required_sop_answers_block_check_out_and_leave_the_visit_untouched(self):
        visit = self._visit(visit_type_id=self.sop.id)
        self.assertEqual(visit.answer_ids.mapped("name"),
                         ["Met the decision maker", "Budget for next year", "Competitors seen"])
        visit.action_check_in()
        checked_in_at = visit.check_in_time
        decision, budget, _competitors = visit.answer_ids
        decision.done = True
        with self.assertRaisesRegex(UserError, "Budget for next year"):
            visit.action_check_out()
        self.assertEqual(visit.state, "checked_in")
        self.assertFalse(visit.check_out_time)
        self.assertEqual(visit.check_in_time, checked_in_at)
        self.assertFalse(self.customer.ltc_last_follow_up_date)
        budget.answer = "   "
        with self.assertRaises(UserError):
            visit.action_check_out()
        budget.answer = "About 2 M CNY"
        visit.action_check_out()
        self.assertEqual(visit.state, "done")
        with self.assertRaises(UserError):
            budget.answer = "changed afterwards"

    def test_optional_sop_when_the_type_does_not_require_answers(self):
        self.sop.require_answers = False
        visit = self._visit(visit_type_id=self.sop.id)
        visit.action_check_in()
        visit.action_check_out()
        self.assertEqual(visit.state, "done")

    def test_plain_write_of_state_or_check_in_fields_is_refused(self):
        visit = self._visit(date_planned=fields.Datetime.now())
        self.assertEqual(visit.state, "planned")
        self.assertEqual(self._visit(date_planned=fields.Datetime.now(), state="draft").state, "planned")
        for vals in ({"state": "done"}, {"check_in_latitude": 1.0}, {"is_off_site": False},
                     {"duration_hours": 3.0}, {"check_out_time": fields.Datetime.now()}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                visit.write(vals)
        with self.assertRaises(AccessError):
            visit.with_user(self.manager).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["ltc.visit"].with_user(self.rep1).create({"partner_id": self.customer.id, "state": "done"})
        with self.assertRaises(AccessError):
            visit.with_context(ltc_guarded_write=True).write({"state": "done"})
        self.assertEqual(visit.state, "planned")
        visit.write({"name": "First meeting"})  # other fields stay editable
        self.assertEqual(visit.name, "First meeting")

    def test_check_out_counts_as_the_owners_follow_up_of_customer_and_lead(self):
        lead = self.env["crm.lead"].create({"name": "Steel ERP", "type": "opportunity", "partner_id": self.customer.id,
                                            "user_id": self.rep1.id})
        visit = self._visit(partner=self.contact, lead_id=lead.id)
        with freeze_time("2026-03-02 02:00:00"):
            visit.action_check_in()
        with freeze_time("2026-03-02 03:00:00"):
            visit.action_check_out()
        self.assertEqual(self.customer.ltc_last_follow_up_date, datetime(2026, 3, 2, 3, 0))
        self.assertEqual(lead.last_follow_up_date, datetime(2026, 3, 2, 3, 0))
        message = self.contact.message_ids[:1]
        self.assertIn("Rep Wang", message.body)
        self.assertEqual(message.author_id, self.rep1.partner_id)

    def test_the_next_step_becomes_a_to_do_on_the_opportunity_or_the_customer(self):
        lead = self.env["crm.lead"].create({"name": "Steel ERP", "type": "opportunity", "partner_id": self.customer.id,
                                            "user_id": self.rep1.id})
        visit = self._visit(lead_id=lead.id, next_step="Send the revised quote\nwith the Suzhou options",
                            next_step_date="2026-03-09")
        visit.action_check_in()
        visit.action_check_out()
        activity = lead.activity_ids
        self.assertEqual((activity.summary, activity.user_id, str(activity.date_deadline)),
                         ("Send the revised quote", self.rep1, "2026-03-09"))
        self.assertEqual(visit.follow_up_activity_id, activity)
        other = self._visit(next_step="Call back")
        other.action_check_in()
        other.action_check_out()
        self.assertEqual(self.customer.activity_ids.summary, "Call back")
        silent = self._visit()
        silent.action_check_in()
        silent.action_check_out()
        self.assertFalse(silent.follow_up_activity_id)

    def test_a_visit_by_someone_else_than_the_owner_is_no_follow_up(self):
        visit = self._visit(user=self.rep2)
        visit.action_check_in()
        visit.action_check_out()
        self.assertFalse(self.customer.ltc_last_follow_up_date)

    def test_a_visit_restarts_the_customer_pool_reclaim_clock(self):
        cpool = self.env["ltc.lead.pool"].create({
            "name": "Dormant customers", "pool_type": "customer", "team_ids": [(6, 0, self.team.ids)],
            "manager_ids": [(6, 0, self.manager.ids)], "max_open_per_rep": 5, "reclaim_no_follow_up_days": 60,
        })
        with freeze_time("2026-01-01 09:00:00"):
            partner = self.env["res.partner"].create({"name": "Dormant Co", "is_company": True,
                                                      "ltc_pool_id": cpool.id})
            partner.flush_recordset()
            self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s",
                                [fields.Datetime.now(), partner.id])
            partner.with_user(self.rep1).action_claim_customer()
        with freeze_time("2026-02-20 09:00:00"):
            visit = self._visit(partner=partner)
            visit.action_check_in()
            visit.action_check_out()
        with freeze_time("2026-03-05 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertEqual(partner.user_id, self.rep1, "visited 13 days ago: not reclaimed")
        with freeze_time("2026-04-21 09:00:00"):
            self.env["ltc.lead.pool"]._cron_reclaim_leads()
        self.assertFalse(partner.user_id, "60 days after the visit, back to the pool")

    def test_cancel(self):
        visit = self._visit(date_planned=fields.Datetime.now())
        visit.action_cancel()
        self.assertEqual(visit.state, "cancelled")
        with self.assertRaises(UserError):
            visit.action_check_in()


@tagged("post_install", "-at_install")
class TestSfeOnTheDashboard(LtcVisitCase):
    def test_manager_dashboard_counts_the_month_s_visits(self):
        Board = self.env["ltc.dashboard"].with_user(self.manager)
        before = Board.create({"kind": "sales"})  # the company's visits of the month so far (demo data)
        self.assertEqual(before.visit_done_count, 0)
        planned = self._visit(date_planned=fields.Datetime.now())
        on_site, off_site = self._visit(), self._visit()
        on_site.action_check_in(latitude=self.SHANGHAI[0] + 0.001, longitude=self.SHANGHAI[1], accuracy=10)
        off_site.action_check_in(latitude=self.SHANGHAI[0] + 0.05, longitude=self.SHANGHAI[1], accuracy=10)
        on_site.action_check_out()
        off_site.action_check_out()
        self.assertEqual(planned.state, "planned")
        board = Board.create({"kind": "sales"})
        # three more visits this month, two done, one of them within 0.5 km of the customer
        self.assertEqual((board.visit_planned_count - before.visit_planned_count, board.visit_done_count,
                          board.visit_on_site_rate), (3, 2, 50.0))
        action = board.with_context(ltc_report="visits").action_open_report()
        self.assertEqual(action["res_model"], "ltc.visit")
        outsider = self.env["ltc.dashboard"].with_user(self.other_rep).create({"kind": "sales"})
        self.assertEqual(outsider.visit_planned_count, 0)
