from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestPromotions(LtcCpqCommon):
    """Promotions stay with Odoo loyalty; they are not a rep discount and do not upset approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.promotion = cls.env["loyalty.program"].create({
            "name": "LTC spring promotion 5 %",
            "program_type": "promotion",
            "trigger": "auto",
            "applies_on": "current",
            "company_id": cls.company.id,
            "rule_ids": [(0, 0, {"reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 1})],
            "reward_ids": [(0, 0, {
                "reward_type": "discount", "discount": 5, "discount_mode": "percent",
                "discount_applicability": "order", "required_points": 1,
            })],
        })

    def test_promotion_line_is_not_a_rep_discount_and_approved_quote_confirms(self):
        order = self._create_quote([(self.rack, 1, 1500.0, 25.0)], user=self.rep).with_user(self.rep)
        order._update_programs_and_rewards()
        coupon = order.coupon_point_ids.coupon_id.filtered(lambda c: c.program_id == self.promotion)
        order._apply_program_reward(self.promotion.reward_ids, coupon)
        reward_line = order.order_line.filtered("reward_id")
        self.assertTrue(reward_line, "the promotion applies through sale_loyalty")
        self.assertEqual(order.max_discount, 25.0, "the promotion line does not count as a rep discount")
        self.assertEqual(order.discount_approval_level, "manager")
        order.request_validation()
        order.with_user(self.manager).validate_tier()
        # sale_loyalty refreshes rewards on confirmation: this must not be refused as a write under review
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.order_line.filtered("reward_id"))
