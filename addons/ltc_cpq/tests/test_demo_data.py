from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestDemoData(LtcCpqCommon):
    def test_demo_bundle_keeps_the_demo_product_rules(self):
        """Adding the demo server bundle as it comes does not break the demo's own rule
        ("服务器需安装服务": servers need on-site installation)."""
        server = self.env.ref("ltc_cpq.product_demo_server", raise_if_not_found=False)
        if not server:
            self.skipTest("demo data not loaded")
        self.assertTrue(self.env.ref("ltc_cpq.product_rule_demo_install").active)
        order = self._create_quote(user=self.rep)
        wizard = self.env["ltc.bundle.configurator"].with_user(self.rep).create(
            {"order_id": order.id, "product_id": server.id, "quantity": 2.0})
        wizard.action_apply()
        self.assertIn(self.env.ref("ltc_cpq.product_demo_install"), order.order_line.product_id)
        self.assertFalse(order._get_product_rule_violations())
        self.assertFalse(order.ltc_rule_warning)

    def test_demo_quote_keeps_its_bundle_and_the_demo_rules(self):
        order = self.env.ref("ltc_cpq.sale_order_demo_versions", raise_if_not_found=False)
        if not order:
            self.skipTest("demo data not loaded")
        self.assertFalse(order._get_bundle_violations())
        self.assertFalse(order._get_product_rule_violations())
