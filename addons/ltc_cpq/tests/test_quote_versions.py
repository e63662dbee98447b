from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestQuoteVersions(LtcCpqCommon):
    def _revise(self, order, reason, user=None):
        wizard_model = self.env["ltc.quote.revise.wizard"]
        if user:
            wizard_model = wizard_model.with_user(user)
        wizard_model.create({"order_id": order.id, "reason": reason}).action_revise()

    def test_sending_a_quotation_keeps_it_as_v1_with_who_and_when(self):
        order = self._create_quote([(self.rack, 2), (self.switch, 1)], user=self.rep)
        order.with_user(self.rep).action_quotation_sent()
        version = order.version_ids
        self.assertEqual(len(version), 1)
        self.assertEqual(version.version, 1)
        self.assertEqual(version.name, f"{order.name} v1")
        self.assertEqual(version.user_id, self.rep)
        self.assertTrue(version.date)
        self.assertEqual(version.amount_untaxed, 3800.0)
        self.assertEqual(version.line_ids.product_id, self.rack | self.switch)
        self.assertTrue(version.is_live)
        self.assertEqual(order.current_version, 1)

    def test_sending_through_the_email_composer_keeps_a_version(self):
        order = self._create_quote([(self.rack, 1)])
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.version_ids.version, 1)

    def test_a_sent_quotation_cannot_change_without_a_revision(self):
        order = self._create_quote([(self.rack, 2)])
        order.action_quotation_sent()
        with self.assertRaisesMsg(UserError, "sent to the customer as v1. Click Revise"):
            order.order_line.discount = 5.0
        with self.assertRaisesMsg(UserError, "Click Revise"):
            order.order_line.unlink()
        with self.assertRaisesMsg(UserError, "Click Revise"):
            order.write({"order_line": [(0, 0, {"product_id": self.switch.id, "product_uom_qty": 1})]})
        self.assertEqual(order.order_line.discount, 0.0)
        self.assertEqual(order.order_line.product_id, self.rack)

    def test_customer_may_change_optional_products_on_the_portal(self):
        portal_user = new_test_user(self.env, login="ltc_cpq_portal", groups="base.group_portal")
        order = self._create_quote([(self.rack, 2)])
        order.action_quotation_sent()
        # the portal controller works in sudo as the portal user
        order.order_line.with_user(portal_user).sudo().product_uom_qty = 3
        self.assertEqual(order.order_line.product_uom_qty, 3)
        with self.assertRaises(UserError):
            order.order_line.product_uom_qty = 4

    def test_revision_needs_a_reason_and_a_sent_quotation(self):
        order = self._create_quote([(self.rack, 2)])
        with self.assertRaisesMsg(UserError, "Only a sent quotation can be revised"):
            order.action_revise("Customer asked")
        order.action_quotation_sent()
        with self.assertRaisesMsg(UserError, "Say why"):
            order.action_revise("   ")
        self.assertEqual(order.state, "sent")

    def test_each_revision_is_a_new_version_with_reason_and_diff(self):
        order = self._create_quote([(self.rack, 2), (self.switch, 1)], user=self.rep)
        order.with_user(self.rep).action_quotation_sent()
        self._revise(order, "Customer wants 3 racks and a better price", user=self.rep)
        self.assertEqual(order.state, "draft")
        rack_line = order.order_line.filtered(lambda sol: sol.product_id == self.rack)
        rack_line.write({"product_uom_qty": 3, "discount": 5.0})
        order.order_line.filtered(lambda sol: sol.product_id == self.switch).unlink()
        order.write({"order_line": [(0, 0, {"product_id": self.install.id, "product_uom_qty": 1})]})
        order.with_user(self.rep).action_quotation_sent()

        v2 = order.version_ids[0]
        self.assertEqual(v2.version, 2)
        self.assertEqual(v2.reason, "Customer wants 3 racks and a better price")
        self.assertFalse(order.revision_reason, "the reason moves onto the version")
        changes = self.env["ltc.quote.version"]._diff_lines(
            order.version_ids[1]._get_line_values(), v2._get_line_values()
        )
        by_change = {(c["change"], c["label"]): c for c in changes}
        self.assertIn(("added", "LTC Installation"), by_change)
        self.assertIn(("removed", "LTC Switch"), by_change)
        rack_change = by_change[("changed", "LTC Rack")]
        fields_changed = {title: (old, new) for title, old, new, __ in rack_change["fields"]}
        self.assertEqual(fields_changed["Quantity"], (2.0, 3.0))
        self.assertEqual(fields_changed["Discount (%)"], (0.0, 5.0))
        self.assertNotIn("Unit Price", fields_changed)
        self.assertIn("LTC Installation", v2.diff_html)
        self.assertIn("Changes since v1", v2.diff_html)

    def test_three_versions_stay_readable_and_only_the_latest_is_live(self):
        order = self._create_quote([(self.rack, 1)])
        order.action_quotation_sent()
        for qty, reason in ((2, "More racks"), (4, "Final volume")):
            order.action_revise(reason)
            order.order_line.product_uom_qty = qty
            order.action_quotation_sent()
        versions = order.version_ids
        self.assertEqual(versions.mapped("version"), [3, 2, 1])
        self.assertEqual(versions.filtered("is_live").version, 3)
        self.assertEqual(
            [v.line_ids.product_uom_qty for v in versions.sorted("version")], [1.0, 2.0, 4.0],
            "each version keeps the lines as they were sent",
        )
        self.assertEqual(order.current_version, 3)
        self.assertEqual(versions.sorted("version")[0].reason, "First version sent")
        # the live quote is the order itself: the history does not move it
        self.assertEqual(order.order_line.product_uom_qty, 4.0)

    def test_rep_can_read_versions_but_not_change_them(self):
        order = self._create_quote([(self.rack, 1)], user=self.rep)
        order.with_user(self.rep).action_quotation_sent()
        version = order.version_ids.with_user(self.rep)
        self.assertEqual(version.amount_untaxed, 1500.0)
        with self.assertRaises(UserError):
            version.reason = "rewritten"

    def test_resending_a_revision_without_changes_is_recorded_as_no_change(self):
        order = self._create_quote([(self.rack, 1)])
        order.action_quotation_sent()
        order.action_revise("Extend validity")
        order.action_quotation_sent()
        self.assertIn("No change in lines, prices or discounts since v1", order.version_ids[0].diff_html)
