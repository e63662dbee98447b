from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import LtcVisitCase


@tagged("post_install", "-at_install")
class TestAccountPlan(LtcVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cio = cls.env["res.partner"].create({"name": "CIO Huang", "parent_id": cls.customer.id})
        cls.opportunity = cls.env["crm.lead"].create({
            "name": "Steel MES", "type": "opportunity", "partner_id": cls.customer.id, "user_id": cls.rep1.id,
            "expected_revenue": 50000,
            "stakeholder_ids": [
                (0, 0, {"partner_id": cls.contact.id, "role": "decision_maker", "attitude": "supporter",
                        "influence": "high"}),
                (0, 0, {"partner_id": cls.cio.id, "role": "blocker", "attitude": "opponent"}),
            ]})
        cls.plan = cls.env["ltc.account.plan"].with_user(cls.rep1).create({
            "partner_id": cls.customer.id, "year": 2026, "sponsor_user_id": cls.manager.id})

    def test_plan_takes_the_owner_as_ar_and_opens_the_accounts_deals(self):
        self.assertEqual(self.plan.user_id, self.rep1)
        self.assertEqual(self.plan.name, "Shanghai Steel Co 2026")
        self.assertEqual(self.plan.opportunity_count, 1)
        action = self.plan.action_open_opportunities()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), self.opportunity)
        self.assertEqual(self.plan.contract_count, 0)
        self.assertEqual(self.customer.ltc_account_plan_count, 1)

    def test_power_map_imports_the_opportunities_decision_chains_once(self):
        self.plan.action_import_stakeholders()
        self.plan.action_import_stakeholders()
        members = self.plan.stakeholder_ids
        self.assertEqual(members.partner_id, self.contact | self.cio)
        buyer = members.filtered(lambda m: m.partner_id == self.contact)
        self.assertEqual((buyer.role, buyer.attitude, buyer.influence), ("decision_maker", "supporter", "high"))

    def test_a_rep_outside_the_account_team_does_not_see_the_plan(self):
        self.assertFalse(self.env["ltc.account.plan"].with_user(self.rep2).search([("id", "=", self.plan.id)]))
        with self.assertRaises(AccessError):
            self.plan.with_user(self.rep2).read(["name"])
        self.assertTrue(self.env["ltc.account.plan"].with_user(self.manager).search([("id", "=", self.plan.id)]))
        self.plan.solution_user_id = self.rep2
        self.assertTrue(self.env["ltc.account.plan"].with_user(self.rep2).search([("id", "=", self.plan.id)]))

    def test_accounts_not_visited_as_often_as_their_grade_asks_are_due(self):
        self.env["ltc.visit.frequency"].search([]).unlink()
        self.env["ltc.visit.frequency"].create({"grade": "A", "interval_days": 7})
        self.customer.write({"ltc_grade_computed": "A"})
        Partner = self.env["res.partner"]
        self.assertIn(self.customer, Partner.search([("ltc_visit_due", "=", True)]))
        with freeze_time(fields.Datetime.now() - timedelta(days=3)):
            visit = self._visit()
            visit.action_check_in()
            visit.action_check_out()
        self.customer.invalidate_recordset(["ltc_visit_due"])
        self.assertFalse(self.customer.ltc_visit_due)
        self.assertNotIn(self.customer, Partner.search([("ltc_visit_due", "=", True)]))
        self.assertIn(self.customer, Partner.search([("ltc_visit_due", "=", False)]))
        with freeze_time(fields.Datetime.now() + timedelta(days=5)):
            self.customer.invalidate_recordset(["ltc_visit_due"])
            self.assertTrue(self.customer.ltc_visit_due)
