from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import LtcReceivableCommon


class LtcReceivableTourCommon(LtcReceivableCommon, HttpCase):
    """The receivable fixtures (a company with its chart of accounts, the AR Zhang rep, a sales
    manager …) in a browser: every user logs in to that company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.users"].browse((cls.rep | cls.other_rep | cls.manager | cls.accountant).ids).lang = "en_US"

    def _manual_plan(self, first="Advance 30%"):
        """An executing contract of 22,000 of the AR Zhang rep: a manual advance of 30 % and the
        balance on a date next year, not invoiced."""
        next_year = fields.Date.today() + timedelta(days=365)
        return self._contract(plan=[
            {"sequence": 1, "name": first, "percentage": 30, "trigger": "manual"},
            {"sequence": 2, "name": "Balance 70%", "percentage": 70, "trigger": "date", "date_planned": next_year},
        ])


@tagged("post_install", "-at_install", "ltc_tour")
class TestPlanInvoiceTour(LtcReceivableTourCommon):
    def test_rep_raises_the_manual_advance_from_the_contract_plan(self):
        contract = self._manual_plan()
        advance, balance = contract.plan_line_ids.sorted("sequence")
        self.assertEqual(contract.state, "executing")
        self.assertEqual((advance.amount, advance.user_id), (6600.0, self.rep))
        self.assertFalse(advance.invoice_ids)
        self.start_tour(f"/odoo/action-ltc_contract.action_ltc_contract/{contract.id}", "ltc_plan_raise_invoice",
                        login=self.rep.login)
        self.assertEqual(len(advance.invoice_ids), 1)
        invoice = advance.invoice_ids
        self.assertEqual((invoice.move_type, invoice.state), ("out_invoice", "posted"))
        self.assertEqual(invoice.amount_total, advance.amount)
        self.assertEqual(advance.amount_invoiced, 6600.0)
        self.assertEqual(advance.payment_state, "not_paid")
        self.assertFalse(balance.invoice_ids, "only the line whose button was clicked is invoiced")
        self.assertEqual(contract.amount_plan_invoiced, 6600.0)
        self.assertEqual(contract.amount_outstanding, 6600.0)


@tagged("post_install", "-at_install", "ltc_tour")
class TestCollectionsPhoneTour(LtcReceivableTourCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_rep_sees_their_collections_due_this_month_on_a_phone(self):
        mine = self._manual_plan()
        theirs = self._manual_plan(first="Other Rep Advance")
        # the same AR's contract, but another rep is responsible for collecting this line
        theirs.plan_line_ids.sorted("sequence")[0].user_id = self.other_rep
        for contract in (mine, theirs):
            contract.plan_line_ids.sorted("sequence")[0].with_user(self.rep).action_raise_invoice()
        advance = mine.plan_line_ids.sorted("sequence")[0]
        self.assertEqual(advance.date_due, fields.Date.context_today(advance))
        self.assertEqual(advance.amount_residual, 6600.0)
        self.start_tour("/odoo/action-ltc_receivable.action_ltc_my_collections", "ltc_my_collections_phone",
                        login=self.rep.login)
        # the tour only reads: nothing was paid, moved or re-assigned on the way
        self.assertEqual((advance.payment_state, advance.user_id), ("not_paid", self.rep))

    def test_rep_raises_the_advance_from_the_plan_cards_on_a_phone(self):
        contract = self._manual_plan()
        advance, balance = contract.plan_line_ids.sorted("sequence")
        self.start_tour(f"/odoo/action-ltc_contract.action_ltc_contract/{contract.id}", "ltc_plan_cards_phone",
                        login=self.rep.login)
        self.assertEqual(len(advance.invoice_ids), 1)
        self.assertEqual(advance.invoice_ids.amount_total, 6600.0)
        self.assertFalse(balance.invoice_ids)


@tagged("post_install", "-at_install", "ltc_tour")
class TestCreditProfileTour(LtcReceivableTourCommon):
    def test_sales_manager_reads_the_credit_profile_of_a_late_customer(self):
        # payable on the invoice date, the plan's invoice dated on its trigger 40 days ago
        immediate = self.env.ref("account.account_payment_term_immediate")
        contract = self._contract(payment_term_id=immediate.id, plan=[
            {"sequence": 1, "name": "Advance 30%", "percentage": 30, "trigger": "date",
             "date_planned": fields.Date.today() - timedelta(days=40)},
            {"sequence": 2, "name": "Balance 70%", "percentage": 70, "trigger": "manual"},
        ])
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        advance = contract.plan_line_ids.sorted("sequence")[0]
        self.assertEqual(advance.days_overdue, 40)
        self.env.invalidate_all()  # the profile is read from the ledger, not kept: drop what the quote's credit check read
        customer = self.customer.with_user(self.manager)
        self.assertEqual((customer.ltc_open_amount, customer.ltc_overdue_amount), (6600.0, 6600.0))
        self.assertEqual(customer.ltc_overdue_ratio, 100.0)
        self.start_tour(f"/odoo/action-base.action_partner_form/{self.customer.id}", "ltc_credit_profile_manager",
                        login=self.manager.login)
