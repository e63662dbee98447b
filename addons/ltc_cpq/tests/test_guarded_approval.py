from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestGuardedApproval(LtcCpqCommon):
    """Approval figures are derived from the lines, never written; the gate derives them again when
    it decides (the JSON-RPC side: test_tour_rpc_approval)."""

    def _quote(self, discount):
        return self._create_quote([(self.rack, 1, None, discount)], user=self.rep).with_user(self.rep)

    def test_nobody_writes_the_approval_figures(self):
        order = self._quote(40.0)
        for user in (self.rep, self.manager, self.vp):
            with self.assertRaises(AccessError):
                order.with_user(user).write({"discount_approval_level": "none", "max_discount": 0.0})
            with self.assertRaises(AccessError):
                order.order_line.with_user(user).write({"ltc_discount": 0.0})
        with self.assertRaises(AccessError):
            self._create_quote([(self.rack, 1, None, 40.0)], user=self.rep, discount_approval_level="vp",
                               max_discount=99.0)
        self.assertEqual((order.discount_approval_level, order.max_discount), ("vp", 40.0))

    def test_the_gate_decides_on_the_lines_not_on_stored_figures(self):
        order = self._quote(40.0)
        order.flush_recordset()
        self.env.execute_query(SQL("UPDATE sale_order SET discount_approval_level = 'none', max_discount = 0 "
                                   "WHERE id = %s", order.id))
        self.env.invalidate_all()
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.request_validation()
        self.assertIn(self.env.ref("ltc_cpq.tier_definition_discount_vp"), order.review_ids.definition_id)

    def test_a_cost_raised_after_quoting_calls_for_the_vp(self):
        """below_cost is stored from the cost of its day: the gate reads today's cost."""
        order = self._quote(0.0)
        order.order_line.price_unit = 1000.0  # 33 % off 1500, above the cost of 900
        self.assertFalse(order.below_cost)
        self.rack.sudo().standard_price = 1100.0
        order.request_validation()
        self.assertIn(self.env.ref("ltc_cpq.tier_definition_below_cost"), order.review_ids.definition_id)
