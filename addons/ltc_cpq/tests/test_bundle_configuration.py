from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestBundleConfiguration(LtcCpqCommon):
    def test_configurator_adds_required_and_chosen_optional_components(self):
        order = self._create_quote(user=self.rep)
        self._configure_bundle(order, quantity=2.0, options={self.disk: 4.0, self.psu: False}, user=self.rep)
        parent = order.order_line.filtered(lambda sol: sol.product_id == self.server)
        self.assertEqual(parent.product_uom_qty, 2.0)
        children = parent.bundle_child_line_ids
        self.assertEqual(children.product_id, self.cpu | self.disk, "PSU was left out, CPU is required")
        self.assertEqual(children.filtered(lambda sol: sol.product_id == self.cpu).product_uom_qty, 4.0,
                         "2 CPU per bundle x 2 bundles")
        self.assertEqual(children.filtered(lambda sol: sol.product_id == self.disk).product_uom_qty, 8.0)
        self.assertFalse(order.ltc_rule_warning)

    def test_included_component_is_quoted_at_zero_added_component_at_its_price(self):
        order = self._create_quote()
        self._configure_bundle(order, options={self.disk: 2.0, self.psu: 1.0})
        cpu_line = order.order_line.filtered(lambda sol: sol.product_id == self.cpu)
        disk_line = order.order_line.filtered(lambda sol: sol.product_id == self.disk)
        self.assertEqual(cpu_line.price_unit, 0.0)
        self.assertEqual(disk_line.price_unit, 500.0)
        self.assertEqual(order.amount_untaxed, 10000.0 + 2 * 500.0 + 300.0)
        # an included component at zero is not a discount nor a sale below cost
        self.assertEqual(order.max_discount, 0.0)
        self.assertFalse(order.below_cost)
        cpu_line.product_uom_qty = 3.0
        self.assertEqual(cpu_line.price_unit, 0.0, "changing the quantity keeps an included component at zero")

    def test_configurator_refuses_to_leave_out_a_required_component(self):
        order = self._create_quote()
        with self.assertRaisesMsg(UserError, "LTC CPU"):
            self._configure_bundle(order, options={self.cpu: False})
        self.assertFalse(order.order_line, "nothing is added when the configuration is refused")

    def test_configurator_refuses_quantities_outside_min_max(self):
        order = self._create_quote()
        with self.assertRaisesMsg(UserError, "LTC Disk"):
            self._configure_bundle(order, options={self.disk: 9.0})
        with self.assertRaisesMsg(UserError, "LTC CPU"):
            self._configure_bundle(order, options={self.cpu: 0.5})
        self.assertFalse(order.order_line)

    def test_quote_missing_a_required_component_cannot_be_sent_or_confirmed(self):
        order = self._create_quote()
        self._configure_bundle(order)
        order.order_line.filtered(lambda sol: sol.product_id == self.cpu).unlink()
        self.assertIn("LTC CPU", order.ltc_rule_warning)
        with self.assertRaisesMsg(UserError, 'Bundle "LTC Server": the required component LTC CPU is missing'):
            order.action_confirm()
        with self.assertRaisesMsg(UserError, "LTC CPU"):
            order.action_quotation_sent()
        with self.assertRaisesMsg(UserError, "LTC CPU"):
            order.action_quotation_send()
        self.assertEqual(order.state, "draft")

    def test_bundle_added_as_plain_line_lacks_its_required_components(self):
        order = self._create_quote([(self.server, 1)])
        with self.assertRaisesMsg(UserError, "required component LTC CPU is missing"):
            order.action_confirm()

    def test_component_quantity_changed_beyond_max_blocks_confirmation(self):
        order = self._create_quote()
        self._configure_bundle(order, quantity=2.0)
        order.order_line.filtered(lambda sol: sol.product_id == self.cpu).product_uom_qty = 10.0
        with self.assertRaisesMsg(UserError, "LTC CPU must be 1.0 to 4.0 per bundle, not 5.0"):
            order.action_confirm()
        order.order_line.filtered(lambda sol: sol.product_id == self.cpu).product_uom_qty = 8.0
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_removing_the_bundle_line_removes_its_components(self):
        order = self._create_quote([(self.rack, 1)])
        self._configure_bundle(order, options={self.disk: 2.0})
        order.order_line.filtered(lambda sol: sol.product_id == self.server).unlink()
        self.assertEqual(order.order_line.product_id, self.rack)

    def test_duplicated_quote_keeps_its_bundle_structure(self):
        order = self._create_quote([(self.rack, 1)])
        self._configure_bundle(order, quantity=2.0, options={self.disk: 3.0})
        copy = order.copy()
        parent = copy.order_line.filtered(lambda sol: sol.product_id == self.server)
        self.assertEqual(parent.bundle_child_line_ids.product_id, self.cpu | self.disk)
        self.assertEqual(parent.bundle_child_line_ids.bundle_line_id, self.bl_cpu | self.bl_disk)
        self.assertNotEqual(parent, order.order_line.filtered(lambda sol: sol.product_id == self.server))
        self.assertFalse(copy.ltc_rule_warning)
        copy.action_confirm()
        self.assertEqual(copy.state, "sale")

    def test_bundle_component_limits_are_consistent(self):
        with self.assertRaises(ValidationError):
            self.bl_disk.write({"quantity": 10.0})
        with self.assertRaises(ValidationError):
            self.bl_disk.write({"min_qty": 3.0, "quantity": 2.0})
        self.assertEqual(self.bl_disk.quantity, 2.0)

    def test_an_internal_user_without_sales_rights_opens_a_bundle_product_form(self):
        # Odoo lets every internal user read products (account's test_product checks it): the bundle
        # components, which only sales users may read, must not stand in the way
        internal = new_test_user(self.env, login="ltc_cpq_internal", groups="base.group_user")
        self.assertFalse(self.env["ltc.product.bundle.line"].with_user(internal).has_access("read"))
        with Form(self.server.with_user(internal)) as form:
            self.assertEqual(form.name, "LTC Server")
            self.assertNotIn("bundle_line_ids", form._view["fields"])
        with Form(self.server.with_user(self.rep)) as form:
            self.assertEqual(len(form.bundle_line_ids), 3, "a rep sees the components")
