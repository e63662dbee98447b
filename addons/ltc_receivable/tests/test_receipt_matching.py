from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LtcReceivableCommon

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestReceiptMatching(LtcReceivableCommon):

    def _receipt(self, amount):
        payment = self.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.customer.id,
            "amount": amount, "date": TODAY})
        payment.action_post()
        return payment

    def _plans(self):
        """Contract A: 6,600 due 20 days ago; contract B: 6,600 due 10 days ago and 13,200 today."""
        plan = [{"name": "Advance", "percentage": 30, "trigger": "date", "date_planned": TODAY - timedelta(days=1)},
                {"name": "Progress", "percentage": 60, "trigger": "manual"},
                {"name": "Rest", "percentage": 10, "trigger": "manual"}]
        a, b = self._contract(plan=plan), self._contract(plan=plan)
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        b.plan_line_ids.sorted("sequence")[1].with_user(self.rep).action_raise_invoice()
        a_inv = a.plan_line_ids.sorted("sequence")[0].invoice_id.sudo()
        b_inv, b2_inv = (line.invoice_id.sudo() for line in b.plan_line_ids.sorted("sequence")[:2])
        a_inv.line_ids.filtered("date_maturity").date_maturity = TODAY - timedelta(days=20)
        b_inv.line_ids.filtered("date_maturity").date_maturity = TODAY - timedelta(days=10)
        return a, b, a_inv, b_inv, b2_inv

    def _wizard(self, payment, contract=False):
        receipt = payment.move_id.line_ids.filtered(lambda aml: aml.account_id.account_type == "asset_receivable")
        action = self.env["ltc.receipt.matching"].with_user(self.accountant)._open_for(receipt, contract)
        return self.env["ltc.receipt.matching"].with_user(self.accountant).browse(action["res_id"])

    def test_proposal_same_contract_then_exact_amount_then_oldest_due(self):
        a, b, a_inv, b_inv, b2_inv = self._plans()
        # oldest due first
        wizard = self._wizard(self._receipt(1000.0))
        self.assertEqual(wizard.line_ids.move_id[:1], a_inv)
        # an invoice of exactly the receipt's amount before an older one
        wizard = self._wizard(self._receipt(13200.0))
        self.assertEqual(wizard.line_ids.move_id[:1], b2_inv)
        # the preferred contract first
        wizard = self._wizard(self._receipt(1000.0), contract=b)
        self.assertEqual(wizard.line_ids.contract_id[:1], b)
        self.assertEqual(wizard.line_ids.filtered("selected").move_id, b_inv)

    def test_a_partial_receipt_is_reconciled_over_the_proposal(self):
        a, b, a_inv, b_inv, b2_inv = self._plans()
        wizard = self._wizard(self._receipt(8000.0))
        self.assertEqual(wizard.line_ids.filtered("selected").mapped("amount_to_apply"), [6600.0, 1400.0])
        wizard.action_confirm()
        a_line, b_line = a.plan_line_ids.sorted("sequence")[0], b.plan_line_ids.sorted("sequence")[0]
        self.assertEqual(a_line.payment_state, "paid")
        self.assertEqual(b_line.payment_state, "partial")
        self.assertAlmostEqual(b_line.amount_residual, 5200.0)

    def test_only_an_open_receipt_is_matched(self):
        self._plans()
        payment = self._receipt(6600.0)
        self._wizard(payment).action_confirm()
        with self.assertRaisesRegex(UserError, "nothing left to match"):
            payment.action_ltc_match_receipt()
