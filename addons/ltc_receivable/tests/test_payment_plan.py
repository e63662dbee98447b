from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.addons.ltc_lead.guard import guarded
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LtcReceivableCommon

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestPaymentPlan(LtcReceivableCommon):
    """Contract total 22,000 (2 x 10,000 + 2,000, no tax) unless a test says otherwise."""

    def _plan_30_60_10(self, **last):
        return [
            {"name": "预付款 30%", "kind": "advance", "percentage": 30, "trigger": "date",
             "date_planned": TODAY - timedelta(days=1)},
            {"name": "进度款 60%", "kind": "progress", "percentage": 60, "trigger": "manual"},
            {"name": "验收款 10%", "kind": "acceptance", "percentage": 10, "trigger": "manual", **last},
        ]

    # ---------------------------------------------------------------- plan and balance
    def test_percentages_sum_exactly_to_the_total_the_last_line_takes_the_remainder(self):
        # 3 x 3,333.33 = 9,999.99: thirds of 10,000 do not add up without the remainder
        contract = self._contract(lines=[(self.server, 1, 10000.0)], plan=[
            {"name": f"Third {i}", "percentage": 100 / 3 if i < 3 else 100 - 2 * (100 / 3), "trigger": "manual"}
            for i in (1, 2, 3)])
        self.assertEqual(contract.plan_line_ids.mapped("amount"), [3333.33, 3333.33, 3333.34])
        self.assertAlmostEqual(contract.plan_amount, 10000.0)
        self.assertEqual(contract.plan_line_ids.user_id, self.rep, "the AR is responsible by default")

    def test_lines_created_one_by_one_over_the_api_get_their_amounts(self):
        contract = self._contract_from_quote(self._create_quote())
        Line = self.env["ltc.payment.plan.line"].with_user(self.rep)
        first = Line.create({"contract_id": contract.id, "name": "Half", "percentage": 50, "trigger": "manual"})
        self.assertAlmostEqual(first.amount, 11000.0)
        second = Line.create({"contract_id": contract.id, "name": "Rest", "percentage": 50, "trigger": "manual"})
        self.assertEqual([first.amount, second.amount], [11000.0, 11000.0])
        contract._check_plan_balanced()

    def test_an_unbalanced_plan_is_refused_at_signing_and_at_invoicing(self):
        quote = self._create_quote()
        contract = self._contract_from_quote(quote)
        contract.write({"plan_line_ids": [Command.create({"name": "Half", "amount": 11000.0, "trigger": "manual"})]})
        self._approve(contract)
        contract.with_user(self.rep).write({"date_signed": TODAY, "signed_copy": b"JVBERi0xLjQK",
                                            "signed_copy_name": "signed.pdf"})
        with self.assertRaisesMsg(UserError, r"sums to .*11,000\.00.*its total is .*22,000\.00"):
            contract.with_user(self.rep).action_sign()
        self.assertEqual(contract.state, "approved")

    def test_after_an_amendment_only_lines_not_invoiced_change_and_the_plan_must_balance_again(self):
        contract = self._contract(plan=[
            {"name": "预付款 30%", "percentage": 30, "trigger": "date", "date_planned": TODAY - timedelta(days=1)},
            {"name": "进度款", "amount": 13200.0, "trigger": "manual"},
            {"name": "验收款", "amount": 2200.0, "trigger": "manual"}])
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        first, second, last = contract.plan_line_ids.sorted("sequence")
        self.assertAlmostEqual(first.invoice_id.amount_total, 6600.0)
        with self.assertRaisesMsg(UserError, "is invoiced"):
            first.with_user(self.rep).write({"amount": 1.0})
        # the contract grows by 2,000 (what an amendment does to the total): the plan no longer balances
        contract.line_ids[1].sudo().with_context(ltc_skip_version_guard=True).write({"price_unit": 4000.0})
        self.assertAlmostEqual(contract.amount_total, 24000.0)
        self.assertAlmostEqual(first.amount, 6600.0, msg="an invoiced line keeps its amount")
        with self.assertRaisesMsg(UserError, "sums to .*22,000.00.*its total is .*24,000.00"):
            second.with_user(self.rep).action_raise_invoice()
        self.assertFalse(second.invoice_id, "nothing invoiced on an unbalanced plan")
        second.with_user(self.rep).write({"amount": 15200.0})
        second.with_user(self.rep).action_raise_invoice()
        self.assertAlmostEqual(second.invoice_id.amount_total, 15200.0)

    # ---------------------------------------------------------------- triggers
    def test_date_trigger_invoices_through_a_down_payment_once(self):
        contract = self._contract(plan=self._plan_30_60_10())
        advance = contract.plan_line_ids.sorted("sequence")[0]
        Line = self.env["ltc.payment.plan.line"]
        Line._cron_raise_due_invoices()
        invoice = advance.invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_total, 6600.0)
        self.assertEqual(invoice.invoice_date, advance.date_planned)
        self.assertEqual(invoice.ltc_contract_id, contract)
        order = contract.order_id
        self.assertTrue(order.order_line.filtered("is_downpayment"), "Odoo's own down payment line on the order")
        self.assertEqual(advance.payment_state, "not_paid")
        self.assertAlmostEqual(contract.amount_plan_invoiced, 6600.0)
        Line._cron_raise_due_invoices()  # a re-run invoices nothing twice
        self.assertEqual(len(advance.invoice_ids), 1)
        self.assertFalse(contract.plan_line_ids.sorted("sequence")[1].invoice_id, "manual lines wait")

    def test_plan_invoices_left_in_draft_when_the_company_says_so(self):
        self.company.ltc_plan_invoice_post = False
        contract = self._contract(plan=self._plan_30_60_10())
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0]
        self.assertEqual(line.invoice_id.state, "draft")
        self.assertEqual(line.payment_state, "not_invoiced", "a draft is not yet a receivable")
        self.assertAlmostEqual(contract.amount_plan_invoiced, 0.0)
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        self.assertEqual(len(line.invoice_ids), 1, "the draft holds the line: no second invoice")
        line.invoice_id.sudo().action_post()
        self.assertEqual(line.payment_state, "not_paid")
        self.assertAlmostEqual(contract.amount_plan_invoiced, 6600.0)

    def test_milestone_and_acceptance_triggers_fire_on_the_event(self):
        contract = self._contract(plan=[])
        installed = self.env["ltc.contract.milestone"].create({"contract_id": contract.id, "name": "Installed",
                                                              "date_planned": TODAY})
        accepted = self.env["ltc.contract.milestone"].create({"contract_id": contract.id, "name": "Accepted",
                                                             "date_planned": TODAY})
        contract.write({"plan_line_ids": [
            Command.create({"name": "Progress", "percentage": 50, "trigger": "milestone", "milestone_id": installed.id}),
            Command.create({"name": "Acceptance", "percentage": 50, "trigger": "acceptance",
                            "milestone_id": accepted.id}),
        ]})
        progress, acceptance = contract.plan_line_ids.sorted("sequence")
        installed.with_user(self.fr).action_done()
        self.assertAlmostEqual(progress.invoice_id.amount_total, 11000.0, msg=contract.sudo().message_ids.mapped("body"))
        accepted.with_user(self.fr).action_done()
        self.assertFalse(acceptance.invoice_id, "acceptance needs the signed acceptance document")
        accepted.with_user(self.fr).write({"acceptance_document": b"JVBERi0xLjQK", "acceptance_document_name": "ok.pdf"})
        # the last line: the final invoice of the order, less the down payment
        self.assertAlmostEqual(acceptance.invoice_id.amount_total, 11000.0)
        self.assertEqual(contract.order_id.invoice_status, "invoiced")

    def test_delivery_trigger_waits_for_every_line_delivered(self):
        contract = self._contract(lines=[(self.server, 2, 10000.0)], plan=[
            {"name": "On delivery", "percentage": 100, "trigger": "delivery"}])
        line = contract.plan_line_ids
        order_line = contract.order_id.order_line
        order_line.write({"qty_delivered": 1})
        self.assertFalse(line.invoice_id)
        order_line.write({"qty_delivered": 2})
        self.assertAlmostEqual(line.invoice_id.amount_total, 20000.0)

    def test_invoicing_the_orders_by_hand_is_refused_when_a_plan_bills_them(self):
        contract = self._contract(plan=self._plan_30_60_10())
        order = contract.order_id.with_user(self.manager)
        with self.assertRaisesMsg(UserError, "payment plan raises its invoices"):
            order._create_invoices()
        wizard = self.env["sale.advance.payment.inv"].with_user(self.manager).with_context(
            active_model="sale.order", active_ids=order.ids).create({"advance_payment_method": "fixed",
                                                                     "fixed_amount": 100.0})
        with self.assertRaisesMsg(UserError, "payment plan raises its invoices"):
            wizard.create_invoices()
        self.assertFalse(order.invoice_ids)

    def test_a_line_waits_for_its_trigger_and_a_contract_not_signed_invoices_nothing(self):
        contract = self._contract(plan=[{"name": "Later", "percentage": 100, "trigger": "date",
                                         "date_planned": TODAY + timedelta(days=10)}])
        with self.assertRaisesMsg(UserError, "waits for its trigger"):
            contract.plan_line_ids.with_user(self.rep).action_raise_invoice()
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        self.assertFalse(contract.plan_line_ids.invoice_id)

    # ---------------------------------------------------------------- lock dates and the unique line
    def test_a_locked_period_moves_the_invoice_date_and_says_so(self):
        contract = self._contract(plan=[
            {"name": "Advance", "percentage": 30, "trigger": "date", "date_planned": TODAY - timedelta(days=40)},
            {"name": "Rest", "percentage": 70, "trigger": "manual"}])
        lock = TODAY - timedelta(days=20)
        self.company.sudo().sale_lock_date = lock
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        invoice = contract.plan_line_ids.sorted("sequence")[0].invoice_id
        self.assertEqual(invoice.invoice_date, lock + timedelta(days=1))
        self.assertIn("is locked", contract.message_ids[0].body)

    def test_one_live_invoice_per_plan_line_is_a_database_rule(self):
        contract = self._contract(plan=self._plan_30_60_10())
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0].sudo()
        second = self.init_invoice("out_invoice", partner=self.customer, amounts=[6600.0])
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            guarded(second).write({"ltc_plan_line_id": line.id})
            second.flush_recordset()
        # a cancelled invoice frees the line
        line.invoice_id.button_draft()
        line.invoice_id.button_cancel()
        guarded(second).write({"ltc_plan_line_id": line.id})
        second.flush_recordset()
        self.assertEqual(line.invoice_id, second)

    # ---------------------------------------------------------------- status from the ledger
    def test_statuses_follow_payments_unreconcile_and_credit_notes(self):
        contract = self._contract(plan=self._plan_30_60_10())
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0]
        invoice = line.invoice_id
        payment = self._pay(invoice, 2000.0)
        self.assertEqual(line.payment_state, "partial")
        self.assertAlmostEqual(line.amount_paid, 2000.0)
        self.assertAlmostEqual(line.amount_residual, 4600.0)
        self.assertAlmostEqual(contract.amount_collected, 2000.0)
        self.assertAlmostEqual(contract.amount_outstanding, 4600.0)
        self._pay(invoice, 4600.0, date=TODAY)
        self.assertEqual(line.payment_state, "paid")
        self.assertEqual(line.date_paid, TODAY)
        self.assertAlmostEqual(contract.amount_collected, 6600.0)
        # unreconcile the first payment: due again
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(line.payment_state, "partial")
        self.assertAlmostEqual(line.amount_residual, 2000.0)
        # a credit note of 2,000 settles the rest and lowers what was invoiced
        reversal = self.env["account.move.reversal"].with_context(
            active_model="account.move", active_ids=invoice.ids).create({
                "reason": "discount", "journal_id": invoice.journal_id.id, "date": TODAY})
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.invoice_line_ids.price_unit = 2000.0
        refund.action_post()
        open_lines = (refund | invoice).line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable" and not aml.reconciled)
        if len(open_lines) > 1:
            open_lines.reconcile()
        self.assertEqual(refund.ltc_plan_line_id, line)
        self.assertAlmostEqual(line.amount_invoiced, 4600.0)
        self.assertAlmostEqual(line.amount_residual, 0.0)
        self.assertEqual(line.payment_state, "paid")

    def test_overdue_and_days_overdue(self):
        contract = self._contract(plan=self._plan_30_60_10())
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0]
        line.invoice_id.sudo().invoice_date_due = TODAY - timedelta(days=5)
        self.assertEqual(line.days_overdue, 5)
        self.assertIn(line, self.env["ltc.payment.plan.line"].search([("is_overdue", "=", True)]))
        self.assertAlmostEqual(contract.amount_overdue, 6600.0)
        self.assertEqual(self.env["ltc.contract"]._ltc_risk_points(contract.ids), {contract.id: 1})
        self.assertIn("not collected", " ".join(contract._get_close_blockers()))

    def test_a_usd_contract_in_another_currency_company_keeps_plan_figures_in_usd(self):
        usd = self.setup_other_currency("EUR", rates=[("1900-01-01", 0.5)])  # 1 company unit = 0.5 EUR
        contract = self._contract(plan=self._plan_30_60_10(), currency=usd)
        self.assertEqual(contract.currency_id, usd)
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0]
        self.assertAlmostEqual(line.amount, 6600.0)
        self.assertAlmostEqual(line.amount_residual, 6600.0)              # in the contract's currency
        self.assertAlmostEqual(line.amount_residual_company, 13200.0)     # in the company's currency
        self._pay(line.invoice_id, 600.0, currency=usd)
        self.assertAlmostEqual(line.amount_residual, 6000.0)
        self.assertAlmostEqual(line.amount_residual_company, 12000.0)
        self.assertAlmostEqual(contract.amount_outstanding_company, 12000.0)

    # ---------------------------------------------------------------- guards and access
    def test_ledger_figures_and_links_are_not_written_by_hand(self):
        contract = self._contract(plan=self._plan_30_60_10())
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        line = contract.plan_line_ids.sorted("sequence")[0]
        for user in (self.rep, self.manager, self.finance):
            for vals in ({"amount_paid": 6600.0}, {"payment_state": "paid"}, {"date_triggered": TODAY},
                         {"invoice_id": False}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    line.with_user(user).with_context(ltc_guarded_write=True).write(vals)
        with self.assertRaises(AccessError):
            line.invoice_id.with_user(self.finance).write({"ltc_plan_line_id": False})
        self.assertEqual(line.payment_state, "not_paid")

    def test_access_by_role_and_company(self):
        contract = self._contract(plan=self._plan_30_60_10())
        Line = self.env["ltc.payment.plan.line"]
        domain = [("contract_id", "=", contract.id)]
        self.assertEqual(Line.with_user(self.rep).search_count(domain), 3)
        self.assertEqual(Line.with_user(self.manager).search_count(domain), 3)
        self.assertEqual(Line.with_user(self.accountant).search_count(domain), 3)
        self.assertEqual(Line.with_user(self.other_rep).search_count(domain), 0)
        self.assertFalse(Line.with_user(self.other_rep).read_group(domain, ["amount:sum"], []) [0]["amount"])
        self.assertEqual(Line.with_user(self.other_company_rep).search_read(domain, ["amount"]), [])
        with self.assertRaises(AccessError):
            contract.plan_line_ids[:1].with_user(self.other_rep).read(["amount"])

    def test_constraints_give_clear_errors(self):
        contract = self._contract(plan=self._plan_30_60_10())
        with self.assertRaisesMsg(ValidationError, "choose the milestone"):
            contract.plan_line_ids[1].with_user(self.rep).write({"trigger": "milestone"})
        with self.assertRaisesMsg(ValidationError, "give the planned date"):
            contract.plan_line_ids[1].with_user(self.rep).write({"trigger": "date", "date_planned": False})

    # ---------------------------------------------------------------- templates
    def test_template_30_60_10_with_retention_due_12_months_after_acceptance(self):
        contract = self._contract(plan=[])
        acceptance = self.env["ltc.contract.milestone"].create({"contract_id": contract.id, "name": "验收",
                                                               "date_planned": TODAY})
        # the company's own copy of the template shipped with the addon
        template = self.env.ref("ltc_receivable.plan_template_30_60_10").sudo().copy({"company_id": self.company.id})
        wizard = self.env["ltc.payment.plan.apply"].with_user(self.rep).create(
            {"contract_id": contract.id, "template_id": template.id})
        wizard.action_apply()
        advance, accepted, retention = contract.plan_line_ids.sorted("sequence")
        self.assertEqual([advance.amount, accepted.amount, retention.amount], [6600.0, 13200.0, 2200.0])
        self.assertEqual((retention.trigger, retention.milestone_id, retention.delay_months),
                         ("acceptance", acceptance, 12))
        acceptance.with_user(self.fr).write({"date_done": TODAY, "acceptance_document": b"JVBERi0xLjQK",
                                             "acceptance_document_name": "验收单.pdf"})
        self.assertTrue(accepted.invoice_id)
        self.assertFalse(retention.invoice_id, "the retention waits 12 months")
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        self.assertFalse(retention.invoice_id)
        with freeze_time(TODAY + relativedelta(months=12)):
            self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        self.assertAlmostEqual(retention.invoice_id.amount_total, 2200.0)
        # a template replaces no invoiced line
        with self.assertRaisesMsg(UserError, "already has invoiced plan lines"):
            contract._ltc_apply_plan_template(template)
        with self.assertRaisesMsg(ValidationError, "add up to 90"):
            self.env["ltc.payment.plan.template"].create({"name": "Bad", "line_ids": [
                Command.create({"name": "A", "percentage": 90})]})
