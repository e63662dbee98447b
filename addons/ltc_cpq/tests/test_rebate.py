from odoo import Command, fields
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import LtcCpqFixtures


@tagged("post_install", "-at_install")
class TestRebate(LtcCpqFixtures, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ltc_cpq()
        cls.agreement = cls.env["ltc.rebate.agreement"].create({
            "name": "East Power 2026",
            "partner_id": cls.customer.id,
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
            "max_redeem_percent": 10.0,
            "tier_ids": [
                Command.create({"min_amount": 100000.0, "rate": 2.0}),
                Command.create({"min_amount": 300000.0, "rate": 3.0}),
            ],
        })
        cls.agreement.action_run()

    @classmethod
    def _invoice(cls, amount, date, move_type="out_invoice", post=True, partner=None):
        move = cls.env["account.move"].create({
            "move_type": move_type,
            "partner_id": (partner or cls.customer).id,
            "invoice_date": date,
            "date": date,
            "invoice_line_ids": [Command.create({
                "product_id": cls.rack.id, "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()],
            })],
        })
        if post:
            move.action_post()
        return move

    def test_rebate_earned_is_read_from_posted_invoices_in_the_period(self):
        self._invoice(150000.0, "2026-03-01")
        self._invoice(200000.0, "2026-06-01")
        self._invoice(900000.0, "2026-07-01", post=False)  # draft: not counted
        self._invoice(500000.0, "2025-12-31")  # before the period
        other = self.env["res.partner"].create({"name": "Other customer", "is_company": True})
        self._invoice(700000.0, "2026-05-01", partner=other)
        self.assertEqual(self.agreement.sales_amount, 350000.0)
        self.assertEqual(self.agreement.rebate_rate, 3.0)
        self.assertEqual(self.agreement.rebate_earned, 10500.0)

    def test_credit_notes_reduce_the_cumulative_sales_and_the_tier(self):
        self._invoice(350000.0, "2026-03-01")
        self._invoice(100000.0, "2026-04-01", move_type="out_refund")
        self.assertEqual(self.agreement.sales_amount, 250000.0)
        self.assertEqual(self.agreement.rebate_rate, 2.0)
        self.assertEqual(self.agreement.rebate_earned, 5000.0)

    def test_progressive_calculation_pays_each_band_at_its_rate(self):
        self.agreement.calculation = "progressive"
        self._invoice(400000.0, "2026-03-01")
        # 100k-300k at 2 % + 300k-400k at 3 %
        self.assertEqual(self.agreement.rebate_earned, 4000.0 + 3000.0)

    def test_below_the_first_tier_nothing_is_earned(self):
        self._invoice(99999.0, "2026-03-01")
        self.assertEqual(self.agreement.rebate_earned, 0.0)

    def _redeem_wizard(self, order, user=None):
        wizard_model = self.env["ltc.rebate.redeem.wizard"]
        if user:
            wizard_model = wizard_model.with_user(user)
        return wizard_model.create({"order_id": order.id, "agreement_id": self.agreement.id})

    def test_rebate_is_redeemed_as_a_discount_line_capped_by_the_order_share(self):
        self._invoice(350000.0, "2026-03-01")  # earned 10 500
        order = self._create_quote([(self.rack, 20)], user=self.rep)  # 30 000 -> cap 3 000
        wizard = self._redeem_wizard(order, user=self.rep)
        self.assertEqual(wizard.rebate_available, 10500.0)
        self.assertEqual(wizard.cap, 3000.0)
        self.assertEqual(wizard.amount, 3000.0, "proposes the smaller of available and cap")
        wizard.action_redeem()
        rebate_line = order.order_line.filtered("rebate_agreement_id")
        self.assertEqual(rebate_line.price_subtotal, -3000.0)
        self.assertEqual(order.amount_untaxed, 27000.0)
        self.assertEqual(self.agreement.rebate_used, 3000.0)
        self.assertEqual(self.agreement.rebate_available, 7500.0)
        self.assertEqual(order.max_discount, 0.0, "a rebate is not a rep discount to approve")
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_redeeming_above_the_cap_is_refused(self):
        self._invoice(350000.0, "2026-03-01")
        order = self._create_quote([(self.rack, 20)])
        wizard = self._redeem_wizard(order)
        wizard.amount = 3000.01
        with self.assertRaisesMsg(ValidationError, "exceeds the cap of 10.0 % of this quote"):
            wizard.action_redeem()
        self.assertFalse(order.order_line.filtered("rebate_agreement_id"))

    def test_redeeming_more_than_earned_is_refused(self):
        self._invoice(100000.0, "2026-03-01")  # earned 2 000
        order = self._create_quote([(self.rack, 100)])  # cap 15 000
        wizard = self._redeem_wizard(order)
        self.assertEqual(wizard.amount, 2000.0)
        wizard.amount = 2500.0
        with self.assertRaisesMsg(UserError, "Only .*2,000.00.* of rebate East Power 2026 is available"):
            wizard.action_redeem()
        wizard.amount = 2000.0
        wizard.action_redeem()
        second = self._create_quote([(self.rack, 100)])
        with self.assertRaisesMsg(ValidationError, "only .*2,000.00.* earned"):
            second._add_rebate_line(self.agreement, 1.0)
        self.assertFalse(second.order_line.filtered("rebate_agreement_id"))

    def test_removing_lines_after_redeeming_breaks_the_cap_at_confirmation(self):
        self._invoice(350000.0, "2026-03-01")
        order = self._create_quote([(self.rack, 10), (self.switch, 10)])  # 23 000 -> cap 2 300
        self._redeem_wizard(order).action_redeem()
        order.order_line.filtered(lambda sol: sol.product_id == self.switch).unlink()
        with self.assertRaisesMsg(UserError, "exceeds the cap"):
            order.action_confirm()

    def test_duplicated_quote_does_not_copy_the_rebate(self):
        self._invoice(350000.0, "2026-03-01")
        order = self._create_quote([(self.rack, 20)])
        self._redeem_wizard(order).action_redeem()
        copy = order.copy()
        self.assertEqual(copy.order_line.product_id, self.rack)
        self.assertEqual(self.agreement.rebate_available, 7500.0)

    def test_cancelled_order_gives_the_rebate_back(self):
        self._invoice(350000.0, "2026-03-01")
        order = self._create_quote([(self.rack, 20)])
        self._redeem_wizard(order).action_redeem()
        self.assertEqual(self.agreement.rebate_available, 7500.0)
        order._action_cancel()
        self.assertEqual(self.agreement.rebate_available, 10500.0)

    def test_rebate_of_another_customer_cannot_be_redeemed(self):
        self._invoice(350000.0, "2026-03-01")
        other = self.env["res.partner"].create({"name": "Other customer", "is_company": True})
        order = self._create_quote([(self.rack, 20)], partner=other)
        with self.assertRaisesMsg(ValidationError, "belongs to"):
            order._add_rebate_line(self.agreement, 100.0)

    def test_draft_agreement_cannot_be_redeemed(self):
        self._invoice(350000.0, "2026-03-01")
        self.agreement.state = "draft"
        order = self._create_quote([(self.rack, 20)])
        with self.assertRaisesMsg(ValidationError, "is not running"):
            order._add_rebate_line(self.agreement, 100.0)

    def test_agreement_period_and_cap_are_validated(self):
        with self.assertRaises(ValidationError):
            self.agreement.date_end = fields.Date.to_date("2025-01-01")
        with self.assertRaises(ValidationError):
            self.agreement.max_redeem_percent = 0.0
