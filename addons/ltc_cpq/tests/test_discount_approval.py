from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestDiscountApproval(LtcCpqCommon):
    """The matrix: ≤ 10 % none, ≤ 30 % sales manager, > 30 % manager then VP, below cost VP."""

    def _quote(self, discount, price=None, product=None):
        product = product or self.rack
        order = self._create_quote(user=self.rep)
        order.with_user(self.rep).write({"order_line": [(0, 0, {
            "product_id": product.id, "product_uom_qty": 1,
            **({"price_unit": price} if price is not None else {}), "discount": discount,
        })]})
        return order.with_user(self.rep)

    def test_discount_within_the_free_limit_needs_no_approval(self):
        order = self._quote(10.0)
        self.assertEqual(order.discount_approval_level, "none")
        self.assertFalse(order.need_validation)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.review_ids)

    def test_manager_tier_blocks_the_rep_until_a_manager_approves(self):
        order = self._quote(25.0)
        self.assertEqual(order.discount_approval_level, "manager")
        self.assertTrue(order.need_validation)
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.request_validation()
        self.assertEqual(order.review_ids.definition_id, self.env.ref("ltc_cpq.tier_definition_discount_manager"))
        self.assertIn(order.validation_status, ("waiting", "pending"))
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertIn(self.manager, order.review_ids.reviewer_ids)
        self.assertNotIn(self.rep, order.review_ids.reviewer_ids)
        order.with_user(self.manager).validate_tier()
        self.assertEqual(order.validation_status, "validated")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_vp_tier_needs_the_manager_then_the_vp(self):
        order = self._quote(35.0)
        self.assertEqual(order.discount_approval_level, "vp")
        order.request_validation()
        self.assertEqual(
            order.review_ids.sorted("sequence").definition_id,
            self.env.ref("ltc_cpq.tier_definition_discount_manager")
            | self.env.ref("ltc_cpq.tier_definition_discount_vp"),
        )
        vp_review = order.review_ids.filtered(lambda r: r.definition_id.reviewer_group_id == self.env.ref(
            "ltc_cpq.group_ltc_vp"))
        self.assertNotIn(self.manager, vp_review.reviewer_ids, "a sales manager is not a VP reviewer")
        order.with_user(self.manager).validate_tier()
        self.assertIn(order.validation_status, ("waiting", "pending"))
        self.assertFalse(order.with_user(self.manager).can_review, "the manager cannot approve the VP tier")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        order.with_user(self.vp).validate_tier()
        self.assertEqual(order.validation_status, "validated")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_price_below_cost_needs_a_vp_even_without_a_big_discount(self):
        order = self._quote(0.0, price=850.0)  # rack cost 900, pricelist 1500 -> 43 % off, below cost
        self.assertTrue(order.below_cost)
        small = self._quote(5.0, price=940.0, product=self.rack)  # 940*0.95 = 893 < 900
        self.assertTrue(small.below_cost)
        small.order_line.write({"price_unit": 1500.0, "discount": 40.0})  # 900 = cost: not below
        self.assertFalse(small.below_cost)
        self.company.ltc_discount_vp_limit = 100.0
        self.company.ltc_discount_manager_limit = 100.0
        order.invalidate_recordset()
        self.assertEqual(order.discount_approval_level, "none")
        order.request_validation()
        self.assertEqual(order.review_ids.definition_id, self.env.ref("ltc_cpq.tier_definition_below_cost"))
        with self.assertRaises(ValidationError):
            order.with_user(self.manager).validate_tier()
            order.action_confirm()
        order.with_user(self.vp).validate_tier()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_below_cost_check_can_be_switched_off_per_company(self):
        order = self._quote(0.0, price=850.0)
        self.company.ltc_below_cost_approval = False
        self.assertFalse(order.below_cost)

    def test_rejected_quote_stays_blocked(self):
        order = self._quote(25.0)
        order.request_validation()
        order.with_user(self.manager).reject_tier()
        self.assertEqual(order.validation_status, "rejected")
        with self.assertRaises(ValidationError):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        with self.assertRaisesMsg(UserError, "needs its discount approval"):
            order.action_quotation_sent()

    def test_rep_cannot_approve_their_own_discount(self):
        order = self._quote(25.0)
        order.request_validation()
        self.assertFalse(order.can_review)
        order.validate_tier()
        self.assertIn(order.validation_status, ("waiting", "pending"))

    def test_reviewers_see_the_figures_that_triggered_the_tier(self):
        order = self._quote(35.0)
        self.assertRegex(
            order.approval_figures,
            r"LTC Rack: 35.0 % off the pricelist price .*1,500.00.* \(final .*975.00.*\), above the 30.0 % limit.",
        )
        order.request_validation()
        self.assertIn("35.0 %", str(order.with_user(self.manager).to_validate_message))
        below = self._quote(0.0, price=850.0)
        self.assertRegex(below.approval_figures, r"LTC Rack: final price .*850.00.* is below the cost .*900.00")

    def test_changing_prices_after_approval_restarts_it(self):
        order = self._quote(25.0)
        order.request_validation()
        order.with_user(self.manager).validate_tier()
        order.order_line.with_user(self.rep).discount = 29.0
        self.assertFalse(order.review_ids, "the approval was for 25 %, not 29 %")
        with self.assertRaises(ValidationError):
            order.action_confirm()

    def test_quote_waiting_for_approval_cannot_be_sent_until_approved(self):
        order = self._quote(25.0)
        with self.assertRaisesMsg(UserError, "needs its discount approval before it is sent"):
            order.action_quotation_send()
        order.request_validation()
        with self.assertRaisesMsg(UserError, "needs its discount approval"):
            order.action_quotation_sent()
        order.with_user(self.manager).validate_tier()
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.version_ids.max_discount, 25.0)

    def test_limits_are_per_company(self):
        other = self.env["res.company"].create({
            "name": "LTC Branch", "ltc_discount_manager_limit": 20.0, "ltc_discount_vp_limit": 40.0,
        })
        self.env.user.company_ids |= other
        order = self.env["sale.order"].with_company(other).create({
            "partner_id": self.customer.id, "company_id": other.id,
            "order_line": [(0, 0, {"product_id": self.rack.id, "price_unit": 1500.0, "discount": 15.0})],
        })
        self.assertEqual(order.discount_approval_level, "none", "15 % is free in the branch")
        order.order_line.discount = 35.0
        self.assertEqual(order.discount_approval_level, "manager")
        with self.assertRaises(ValidationError):
            other.ltc_discount_vp_limit = 10.0


@tagged("post_install", "-at_install")
class TestPortalSignatureAfterApproval(LtcCpqCommon):
    """The customer signs the approved quote in the portal: sale's accept route writes the
    signature as the public user (sudo), then confirms the order."""

    SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYAACAAFUok9dAAAAAElFTkSuQmCC"

    def _sent_quote(self, approve):
        order = self._create_quote(user=self.rep).with_user(self.rep)
        order.write({"order_line": [(0, 0, {"product_id": self.rack.id, "product_uom_qty": 1, "discount": 25.0})]})
        order.request_validation()
        if approve:
            order.with_user(self.manager).validate_tier()
        return order

    def _sign_in_portal(self, order):
        public = self.env.ref("base.public_user")
        order_sudo = order.with_user(public).sudo()
        order_sudo.write({"signed_by": "Zhao Lei", "signed_on": fields.Datetime.now(), "signature": self.SIGNATURE})
        order_sudo._validate_order()

    def test_an_approved_quote_signed_in_the_portal_becomes_an_order(self):
        order = self._sent_quote(approve=True)
        order.action_quotation_sent()
        self.assertTrue(order._has_to_be_signed())
        self._sign_in_portal(order)
        self.assertEqual((order.state, order.signed_by), ("sale", "Zhao Lei"))

    def test_a_quote_under_review_cannot_be_signed(self):
        order = self._sent_quote(approve=False)
        with self.assertRaises(ValidationError):
            self._sign_in_portal(order)
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "draft")
