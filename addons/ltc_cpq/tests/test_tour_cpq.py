from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestCpqTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Tour Customer", "is_company": True})
        cls.cpu = cls.env["product.product"].create({"name": "Tour CPU", "list_price": 100.0})
        cls.disk = cls.env["product.product"].create({"name": "Tour Disk", "list_price": 50.0})
        cls.server = cls.env["product.product"].create({
            "name": "Tour Server", "list_price": 1000.0, "is_bundle": True,
            "bundle_line_ids": [
                Command.create({"product_id": cls.cpu.id, "required": True, "quantity": 2, "min_qty": 1,
                                "max_qty": 2, "price_mode": "included"}),
                Command.create({"product_id": cls.disk.id, "required": False, "quantity": 1, "min_qty": 1,
                                "max_qty": 4, "price_mode": "added"}),
            ],
        })

    def test_bundle_configurator_tour(self):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "user_id": self.env.ref("base.user_admin").id,
        })
        self.start_tour("/odoo/action-sale.action_quotations_with_onboarding", "ltc_cpq_bundle_tour", login="admin")
        self.assertEqual(order.order_line.product_id, self.server | self.cpu)
        self.assertEqual(order.order_line.filtered(lambda sol: sol.product_id == self.cpu).product_uom_qty, 2.0)

    def test_portal_shows_only_the_live_version(self):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.disk.id, "product_uom_qty": 1})],
        })
        order.action_quotation_sent()
        order.action_revise("Customer wants 7 disks")
        order.order_line.product_uom_qty = 7
        order.action_quotation_sent()
        response = self.url_open(order.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_ltc_quote_version", response.text)
        self.assertRegex(response.text, r"o_ltc_quote_version\">\s*v2")
        self.assertIn("350.00", response.text, "the live version: 7 disks")

    def test_manager_approves_and_confirms_a_discounted_quote_tour(self):
        rep = new_test_user(self.env, login="ltc_tour_rep", groups="sales_team.group_sale_salesman")
        new_test_user(self.env, login="ltc_tour_manager", groups="sales_team.group_sale_manager", lang="en_US")
        partner = self.env["res.partner"].create({"name": "Tour Approval Customer", "is_company": True})
        order = self.env["sale.order"].with_user(rep).create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": self.disk.id, "price_unit": 50.0, "discount": 25.0})],
        })
        order.request_validation()
        self.assertEqual(order.discount_approval_level, "manager")
        self.start_tour("/odoo/action-ltc_cpq.action_ltc_quotes_to_approve", "ltc_cpq_approval_tour",
                        login="ltc_tour_manager")
        self.assertEqual(order.validation_status, "validated")
        self.assertEqual(order.state, "sale")
