from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestProductRules(LtcCpqCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rule_model = cls.env["ltc.product.rule"]
        cls.rule_rack = rule_model.create({
            "name": "Servers need a rack",
            "rule_type": "requires",
            "categ_id": cls.categ_server.id,
            "target_product_tmpl_id": cls.rack.product_tmpl_id.id,
        })
        cls.rule_switch = rule_model.create({
            "name": "No third-party switch with installation",
            "rule_type": "excludes",
            "product_tmpl_id": cls.install.product_tmpl_id.id,
            "target_categ_id": cls.categ_network.id,
        })

    def test_requires_rule_blocks_confirmation_and_names_the_rule(self):
        order = self._create_quote([(self.disk, 2)])
        with self.assertRaisesMsg(UserError, 'Rule "Servers need a rack": LTC Disk requires LTC Rack'):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.write({"order_line": [(0, 0, {"product_id": self.rack.id, "product_uom_qty": 1})]})
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_excludes_rule_blocks_sending_and_names_the_rule(self):
        order = self._create_quote([(self.install, 1), (self.switch, 2)])
        with self.assertRaisesMsg(UserError, 'Rule "No third-party switch with installation"'):
            order.action_quotation_sent()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.version_ids, "a refused send keeps no version")
        order.order_line.filtered(lambda sol: sol.product_id == self.switch).unlink()
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")

    def test_rules_of_other_products_do_not_fire(self):
        order = self._create_quote([(self.switch, 1)])
        self.assertFalse(order.ltc_rule_warning)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_archived_rule_no_longer_applies(self):
        self.rule_rack.active = False
        order = self._create_quote([(self.disk, 1)])
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_rule_needs_exactly_one_condition_and_one_target(self):
        with self.assertRaises(ValidationError):
            self.env["ltc.product.rule"].create({
                "name": "Broken", "rule_type": "requires",
                "product_tmpl_id": self.disk.product_tmpl_id.id, "categ_id": self.categ_hw.id,
                "target_product_tmpl_id": self.rack.product_tmpl_id.id,
            })
        with self.assertRaises(ValidationError):
            self.env["ltc.product.rule"].create({
                "name": "No target", "rule_type": "excludes", "product_tmpl_id": self.disk.product_tmpl_id.id,
            })
