from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestKeyAccountDesktopTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "ltc_ka_desk_manager", groups="sales_team.group_sale_manager",
                                    name="Desk Manager", lang="en_US")
        cls.rep = new_test_user(cls.env, "ltc_ka_desk_rep", groups="sales_team.group_sale_salesman",
                                name="Desk Rep", lang="en_US")
        cls.customer = cls.env["res.partner"].create({"name": "Desk Test Co", "is_company": True,
                                                      "user_id": cls.rep.id})

    def test_manager_walks_the_visit_views(self):
        self.env["ltc.visit"].create({"partner_id": self.customer.id, "user_id": self.rep.id,
                                      "accompanied_user_id": self.manager.id, "date_planned": fields.Datetime.now()})
        self.start_tour("/odoo/action-ltc_key_account.action_ltc_visit", "ltc_key_account_visit_views",
                        login="ltc_ka_desk_manager")

    def test_account_plan_opens_the_accounts_opportunities(self):
        self.env["crm.lead"].create({"name": "Desk MES", "type": "opportunity", "partner_id": self.customer.id,
                                     "user_id": self.rep.id})
        plan = self.env["ltc.account.plan"].create({"partner_id": self.customer.id, "user_id": self.rep.id})
        self.start_tour(f"/odoo/action-ltc_key_account.action_ltc_account_plan/{plan.id}", "ltc_key_account_plan",
                        login="ltc_ka_desk_manager")
