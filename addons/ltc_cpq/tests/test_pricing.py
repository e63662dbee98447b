from odoo import Command
from odoo.tests import Form, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestPricing(LtcCpqCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dealer tier price: 20 % off network products from 5 units, set on the pricelist (Odoo's engine)
        cls.dealer_pricelist = cls.env["product.pricelist"].create({
            "name": "LTC Dealer Tier B",
            "item_ids": [Command.create({
                "applied_on": "2_product_category", "categ_id": cls.categ_network.id,
                "compute_price": "percentage", "percent_price": 20.0, "min_quantity": 5,
            })],
        })

    def test_line_shows_list_pricelist_and_final_price(self):
        order = self._create_quote([(self.switch, 10)], pricelist_id=self.dealer_pricelist.id)
        line = order.order_line
        self.assertEqual(line.list_price, 800.0)
        self.assertEqual(line.pricelist_price, 640.0)
        line.write({"price_unit": 640.0, "discount": 5.0})
        self.assertAlmostEqual(line.final_price, 608.0)
        self.assertAlmostEqual(line.ltc_discount, 5.0, places=2)

    def test_pricelist_quantity_break_changes_the_pricelist_price(self):
        order = self._create_quote([(self.switch, 2)], pricelist_id=self.dealer_pricelist.id)
        self.assertEqual(order.order_line.pricelist_price, 800.0, "below 5 units, no dealer price")
        with Form(order) as form:
            with form.order_line.edit(0) as line:
                line.product_uom_qty = 5
        self.assertEqual(order.order_line.pricelist_price, 640.0)
        self.assertEqual(order.order_line.final_price, 640.0)

    def test_pricelist_price_is_not_a_discount_to_approve(self):
        order = self._create_quote([(self.switch, 10)], pricelist_id=self.dealer_pricelist.id)
        self.assertEqual(order.max_discount, 0.0, "the dealer tier price is agreed, not a rep discount")
        self.assertEqual(order.discount_approval_level, "none")
        order.order_line.write({"price_unit": 640.0, "discount": 15.0})
        self.assertAlmostEqual(order.max_discount, 15.0, places=2)
        self.assertEqual(order.discount_approval_level, "manager")

    def test_manual_price_below_pricelist_counts_as_discount(self):
        order = self._create_quote([(self.rack, 1, 1200.0)])
        self.assertAlmostEqual(order.order_line.ltc_discount, 20.0, places=2)
        self.assertEqual(order.discount_approval_level, "manager")
