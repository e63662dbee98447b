from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestAccess(LtcLeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_pool = cls.env["ltc.lead.pool"].create({"name": "Other Pool", "user_ids": [(6, 0, cls.outsider.ids)]})
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.foreign_rep = new_test_user(cls.env, "ltc_t_foreign", groups="sales_team.group_sale_salesman",
                                        company_id=cls.other_company.id, company_ids=cls.other_company.ids)
        cls.mine = cls.env["crm.lead"].create({"name": "Mine", "type": "lead", "user_id": cls.rep1.id})
        cls.theirs = cls.env["crm.lead"].create({"name": "Theirs", "type": "lead", "user_id": cls.rep2.id})
        cls.team_pooled = cls.pooled()
        cls.other_pooled = cls.env["crm.lead"].create({"name": "Other pool lead", "type": "lead",
                                                       "pool_id": cls.other_pool.id, "user_id": False,
                                                       "company_id": cls.company.id})
        cls.foreign = cls.env["crm.lead"].with_company(cls.other_company).create({
            "name": "Foreign", "type": "lead", "user_id": False, "team_id": False, "company_id": cls.other_company.id})
        cls.all_ids = (cls.mine | cls.theirs | cls.team_pooled | cls.other_pooled | cls.foreign).ids

    def visible(self, user):
        return self.env["crm.lead"].with_user(user).search([("id", "in", self.all_ids)])

    def test_rep_sees_own_leads_and_the_pools_open_to_them(self):
        self.assertEqual(self.visible(self.rep1), self.mine | self.team_pooled)

    def test_other_rep_sees_their_own_and_their_pool(self):
        self.assertEqual(self.visible(self.outsider), self.other_pooled)
        with self.assertRaises(AccessError):
            self.mine.with_user(self.outsider).read(["name"])

    def test_manager_sees_their_teams_leads_and_pools(self):
        visible = self.visible(self.manager)
        self.assertIn(self.team_pooled, visible)
        self.assertNotIn(self.other_pooled, visible)
        self.assertNotIn(self.foreign, visible)
        self.mine.team_id = self.team
        self.theirs.team_id = self.team
        self.assertLessEqual(self.mine | self.theirs, self.visible(self.manager))

    def test_nobody_sees_another_companys_leads(self):
        self.assertNotIn(self.foreign, self.visible(self.rep1) | self.visible(self.manager))
        self.assertEqual(self.env["crm.lead"].with_user(self.foreign_rep).search([("id", "in", self.all_ids)]),
                         self.foreign)

    def test_reps_cannot_configure_pools_or_scoring(self):
        with self.assertRaises(AccessError):
            self.pool.with_user(self.rep1).write({"max_open_per_rep": 999})
        with self.assertRaises(AccessError):
            self.env["ltc.lead.scoring.rule"].with_user(self.rep1).create({"name": "x", "points": 100})
        self.pool.with_user(self.manager).write({"max_open_per_rep": 5})
        self.assertEqual(self.pool.max_open_per_rep, 5)
