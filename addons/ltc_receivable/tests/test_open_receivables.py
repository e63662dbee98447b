from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestOpenReceivables(AccountTestInvoicingCommon):
    def test_open_receivables_are_posted_unpaid_customer_invoices(self):
        draft = self.init_invoice("out_invoice", amounts=[100])
        unpaid = self.init_invoice("out_invoice", amounts=[200], post=True)
        paid = self.init_invoice("out_invoice", amounts=[300], post=True)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({})._create_payments()
        self.assertEqual(paid.payment_state, self.env["account.move"]._get_invoice_in_payment_state())
        action = self.env.ref("ltc_receivable.action_ltc_open_receivables")
        moves = draft | unpaid | paid
        shown = self.env["account.move"].search(safe_eval(action.domain) + [("id", "in", moves.ids)])
        self.assertEqual(shown, unpaid)
