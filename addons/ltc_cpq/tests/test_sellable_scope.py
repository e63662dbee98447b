from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestSellableScope(LtcCpqCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_tag = cls.env["res.partner.category"].create({"name": "LTC Network Dealer"})
        cls.dealer = cls.env["res.partner"].create({
            "name": "深圳网联 Net Dealer", "is_company": True, "category_id": [Command.link(cls.dealer_tag.id)],
        })
        cls.dealer_contact = cls.env["res.partner"].create({
            "name": "Dealer buyer", "parent_id": cls.dealer.id, "type": "contact",
        })
        cls.scope_dealer = cls.env["ltc.sellable.scope"].create({
            "name": "Network dealers: network only",
            "partner_category_ids": [Command.link(cls.dealer_tag.id)],
            "product_categ_ids": [Command.link(cls.categ_network.id)],
            "product_tmpl_ids": [Command.link(cls.install.product_tmpl_id.id)],
        })

    def test_out_of_scope_product_is_refused_with_the_scope_named(self):
        with self.assertRaisesMsg(ValidationError, "LTC Rack cannot be sold to .*Network dealers: network only"):
            self._create_quote([(self.switch, 1), (self.rack, 1)], partner=self.dealer)
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.dealer.id)]))

    def test_products_in_scope_categories_and_products_are_accepted(self):
        order = self._create_quote([(self.switch, 3), (self.install, 1)], partner=self.dealer)
        self.assertEqual(len(order.order_line), 2)

    def test_scope_follows_the_commercial_partner_of_a_contact(self):
        with self.assertRaises(ValidationError):
            self._create_quote([(self.rack, 1)], partner=self.dealer_contact)

    def test_adding_an_out_of_scope_line_in_the_form_is_refused(self):
        order = self._create_quote([(self.switch, 1)], partner=self.dealer, user=self.rep)
        with self.assertRaisesMsg(ValidationError, "LTC Rack"):
            with Form(order.with_user(self.rep)) as form:
                with form.order_line.new() as line:
                    line.product_id = self.rack
        self.assertEqual(order.order_line.product_id, self.switch)

    def test_switching_customer_to_a_scoped_one_is_refused(self):
        order = self._create_quote([(self.rack, 1)])
        with self.assertRaisesMsg(ValidationError, "LTC Rack"):
            order.partner_id = self.dealer
        self.assertEqual(order.partner_id, self.customer)

    def test_scope_by_customer_and_by_pricelist(self):
        vip_pricelist = self.env["product.pricelist"].create({"name": "LTC Dealer Tier A"})
        self.env["ltc.sellable.scope"].create({
            "name": "Tier A: servers", "pricelist_ids": [Command.link(vip_pricelist.id)],
            "product_categ_ids": [Command.link(self.categ_server.id)],
        })
        self.env["ltc.sellable.scope"].create({
            "name": "East Power: racks", "partner_ids": [Command.link(self.customer.id)],
            "product_tmpl_ids": [Command.link(self.rack.product_tmpl_id.id)],
        })
        # the customer scope applies: racks only
        self._create_quote([(self.rack, 1)])
        with self.assertRaisesMsg(ValidationError, "East Power: racks"):
            self._create_quote([(self.switch, 1)])
        # on the Tier A pricelist both scopes apply: racks and servers
        self._create_quote([(self.rack, 1), (self.disk, 1)], pricelist_id=vip_pricelist.id)

    def test_customer_without_any_scope_is_not_restricted(self):
        order = self._create_quote([(self.rack, 1), (self.switch, 1), (self.install, 1)])
        self.assertEqual(len(order.order_line), 3)

    def test_archived_scope_no_longer_restricts(self):
        self.scope_dealer.active = False
        order = self._create_quote([(self.rack, 1)], partner=self.dealer)
        self.assertEqual(order.order_line.product_id, self.rack)
