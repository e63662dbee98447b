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

    def test_a_bank_receipt_is_booked_to_the_customer_and_matched(self):
        a, b, a_inv, b_inv, b2_inv = self._plans()
        bank = self.company_data["default_journal_bank"]
        st_line = self.env["account.bank.statement.line"].create({
            "journal_id": bank.id, "date": TODAY, "payment_ref": "回款 Huaxin 8,000", "amount": 8000.0,
            "partner_id": self.customer.id})
        self.assertFalse(st_line.is_reconciled)
        with self.assertRaisesRegex(UserError, "invoicing or accounting users"):
            st_line.with_user(self.rep).action_ltc_match_receipt()
        action = st_line.with_user(self.accountant).action_ltc_match_receipt()
        wizard = self.env["ltc.receipt.matching"].with_user(self.accountant).browse(action["res_id"])
        # the bank line's counterpart is now the customer's receivable, open for 8,000
        receipt = wizard.receipt_line_id
        self.assertEqual(receipt.move_id, st_line.move_id)
        self.assertEqual(receipt.account_id, self.customer.property_account_receivable_id)
        self.assertAlmostEqual(wizard.amount, 8000.0)
        self.assertEqual(wizard.line_ids.filtered("selected").mapped("amount_to_apply"), [6600.0, 1400.0])
        wizard.action_confirm()
        a_line, b_line = a.plan_line_ids.sorted("sequence")[0], b.plan_line_ids.sorted("sequence")[0]
        self.assertEqual((a_line.payment_state, b_line.payment_state), ("paid", "partial"))
        self.assertAlmostEqual(b_line.amount_residual, 5200.0)
        self.assertTrue(receipt.reconciled)
        self.assertTrue(st_line.is_reconciled)
        self.assertAlmostEqual(sum(st_line.move_id.line_ids.mapped("balance")), 0.0)
        with self.assertRaisesRegex(UserError, "already matched"):
            st_line.with_user(self.accountant).action_ltc_match_receipt()

    def test_a_bank_receipt_without_customer_or_outgoing_is_refused(self):
        bank = self.company_data["default_journal_bank"]
        no_partner, outgoing = self.env["account.bank.statement.line"].create([
            {"journal_id": bank.id, "date": TODAY, "payment_ref": "unknown", "amount": 500.0},
            {"journal_id": bank.id, "date": TODAY, "payment_ref": "fee", "amount": -20.0,
             "partner_id": self.customer.id}])
        with self.assertRaisesRegex(UserError, "no customer"):
            no_partner.with_user(self.accountant).action_ltc_match_receipt()
        with self.assertRaisesRegex(UserError, "incoming bank line"):
            outgoing.with_user(self.accountant).action_ltc_match_receipt()
        self.assertEqual(no_partner.move_id.line_ids.account_id,
                         bank.default_account_id | bank.suspense_account_id, "left untouched")
