from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LtcVisitCase


@tagged("post_install", "-at_install")
class TestVisitAccess(LtcVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Visit = cls.env["ltc.visit"]
        cls.visit_rep1 = Visit.create({"partner_id": cls.customer.id, "user_id": cls.rep1.id})
        cls.visit_rep2 = Visit.create({"partner_id": cls.customer.id, "user_id": cls.rep2.id})
        cls.visit_outsider = Visit.create({"partner_id": cls.customer.id, "user_id": cls.outsider.id,
                                           "accompanied_user_id": cls.rep1.id})
        other_customer = cls.env["res.partner"].create({"name": "Other Co Customer", "is_company": True,
                                                        "company_id": cls.other_company.id})
        cls.visit_other_company = Visit.create({"partner_id": other_customer.id, "user_id": cls.other_rep.id,
                                                "company_id": cls.other_company.id})
        cls.all_visits = cls.visit_rep1 | cls.visit_rep2 | cls.visit_outsider | cls.visit_other_company

    def _visible(self, user, company=None):
        env = self.env(user=user)
        if company:
            env = env(context=dict(env.context, allowed_company_ids=company.ids))
        return env["ltc.visit"].search([("id", "in", self.all_visits.ids)])

    def test_a_rep_sees_own_and_accompanied_visits_only(self):
        self.assertEqual(self._visible(self.rep2), self.visit_rep2.with_user(self.rep2))
        self.assertEqual(set(self._visible(self.rep1).ids), {self.visit_rep1.id, self.visit_outsider.id})

    def test_a_rep_cannot_check_in_someone_elses_visit(self):
        with self.assertRaises(AccessError):
            self.visit_rep1.with_user(self.rep2).action_check_in()
        self.assertEqual(self.visit_rep1.state, "draft")

    def test_team_leader_sees_the_teams_visits(self):
        leader = self.env["res.users"].create({
            "name": "Leader", "login": "ltc_ka_leader",
            "groups_id": [Command.set(self.env.ref("sales_team.group_sale_salesman").ids)]})
        self.team.user_id = leader
        self.assertEqual(set(self._visible(leader).ids), {self.visit_rep1.id, self.visit_rep2.id})

    def test_manager_sees_the_teams_visits_not_other_teams_nor_another_company(self):
        # the manager leads the team of Rep Wang and Rep Li: not the outsider's visit, though Rep Wang came along
        self.assertEqual(set(self._visible(self.manager).ids), {self.visit_rep1.id, self.visit_rep2.id})
        self.assertEqual(self._visible(self.other_rep).ids, self.visit_other_company.ids)
        with self.assertRaises(AccessError):
            self.visit_other_company.with_user(self.rep1).read(["partner_id"])

    def test_only_managers_override_a_grade_and_always_with_a_reason(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.rep1).write({"ltc_grade_override": "A", "ltc_grade_override_reason": "Big"})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.rep1).write({"ltc_grade_computed": "A"})
        self.customer.with_user(self.manager).write({"ltc_grade_override": "A",
                                                     "ltc_grade_override_reason": "Group strategic account"})
        self.assertEqual(self.customer.ltc_grade, "A")

    def test_visit_types_and_rules_are_read_only_for_reps(self):
        with self.assertRaises(AccessError):
            self.sop.with_user(self.rep1).write({"require_answers": False})
        with self.assertRaises(AccessError):
            self.env["ltc.account.grade.rule"].with_user(self.rep1).create({"grade": "A"})
        with self.assertRaises(AccessError):
            self.visit_rep1.with_user(self.rep1).unlink()
