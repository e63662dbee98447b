from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LtcReceivableCommon

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestCredit(LtcReceivableCommon):

    def _invoice(self, amount, due_days_ago, paid_days_ago=None, paid_amount=None):
        inv = self.init_invoice("out_invoice", partner=self.customer, amounts=[amount],
                                invoice_date=TODAY - timedelta(days=due_days_ago + 30))
        inv.invoice_payment_term_id = False
        inv.invoice_date_due = TODAY - timedelta(days=due_days_ago)
        inv.action_post()
        if paid_days_ago is not None:
            self._pay(inv, paid_amount or amount, date=TODAY - timedelta(days=paid_days_ago))
        return inv

    def test_profile_figures_from_the_ledger(self):
        self._invoice(1000.0, due_days_ago=40, paid_days_ago=30)   # 10 days late
        self._invoice(3000.0, due_days_ago=50, paid_days_ago=50)   # on time
        self._invoice(2000.0, due_days_ago=20)                      # open, 20 days overdue
        self._invoice(2000.0, due_days_ago=-10)                     # open, not due
        receipt = self.env["account.payment"].create({"payment_type": "inbound", "partner_type": "customer",
                                                      "partner_id": self.customer.id, "amount": 500.0})
        receipt.action_post()
        p = self.customer
        self.assertAlmostEqual(p.ltc_avg_days_late, (1000 * 10) / 4000)   # 2.5 days
        self.assertEqual(p.ltc_late_count, 1)
        self.assertEqual(p.ltc_worst_days_late, 20)
        self.assertAlmostEqual(p.ltc_overdue_amount, 2000.0)
        self.assertAlmostEqual(p.ltc_open_amount, 4000.0)
        self.assertAlmostEqual(p.ltc_overdue_ratio, 50.0)
        self.assertAlmostEqual(p.ltc_prepaid_amount, 500.0)
        # 2.5 days late but 50 % overdue: not A (10 %) nor B (30 %), C (60 %)
        self.assertEqual(p.ltc_credit_rating, "C")
        self.assertEqual(self.env["res.partner"].create({"name": "New"}).ltc_credit_rating, "B")
        action = p.action_ltc_view_overdue_items()
        self.assertAlmostEqual(sum(self.env["account.move.line"].search(action["domain"]).mapped("amount_residual")),
                               2000.0)

    def test_rating_d_or_over_the_limit_puts_a_quotation_on_credit_hold(self):
        self._invoice(5000.0, due_days_ago=80)   # 80 days overdue, 100 % overdue: D
        self.assertEqual(self.customer.ltc_credit_rating, "D")
        quote = self._create_quote()
        self.assertTrue(quote.ltc_credit_hold)
        with self.assertRaises(ValidationError):
            quote.with_user(self.rep).action_confirm()
        self.assertEqual(quote.state, "draft")
        quote.with_user(self.rep).request_validation()
        quote.with_user(self.finance).validate_tier()
        quote.with_user(self.rep).action_confirm()
        self.assertEqual(quote.state, "sale")

    def test_credit_limit_and_contract_review(self):
        self.customer.write({"use_partner_credit_limit": True, "credit_limit": 25000.0})
        self._invoice(4000.0, due_days_ago=-5)   # open, not due: 4,000 + 22,000 > 25,000
        self.assertAlmostEqual(self.customer.ltc_credit_available, 21000.0)
        quote = self._create_quote()
        self.assertIn("over its credit limit", quote.ltc_credit_hold_reason)
        # the quote on hold becomes a contract once finance has reviewed it
        quote.with_user(self.rep).request_validation()
        quote.with_user(self.finance).validate_tier()
        contract = self._contract_from_quote(quote)
        self.assertTrue(contract._ltc_credit_review_needed())
        contract.with_user(self.rep).action_submit()
        self.assertIn("Customer credit at risk: finance", contract.review_ids.mapped("name"))
