import io
from datetime import datetime, timedelta

import openpyxl

from odoo import Command, fields
from odoo.addons.ltc_receivable.tests.common import LtcReceivableCommon
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestReceivableReports(LtcReceivableCommon):
    """Aging as of a date, collections, DSO, credit, ROI and the trace on ltc_receivable's scenario:
    contract A in the company's currency, B in EUR (1 company unit = 0.5 EUR), partial payments, a
    payment after the as-of dates, a credit note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("1900-01-01", 0.5)])
        cls.team = cls.env["crm.team"].create({"name": "LTC Reports East", "user_id": cls.manager.id,
                                               "member_ids": [Command.set(cls.rep.ids)]})
        cls.rep.sale_team_id = cls.team

    def _aging_scenario(self):
        """The receivable scenario with the invoices due on their invoice date (immediate payment): the
        plan invoices raised late are otherwise due on the day they were raised."""
        a, b, d = super()._aging_scenario()
        moves = self.env["account.move"].search([("partner_id", "=", self.customer.id), ("state", "=", "posted"),
                                                 ("move_type", "in", ("out_invoice", "out_refund"))])
        for move in moves:
            move.sudo().invoice_date_due = move.invoice_date
        return a, b, d

    def _aging(self, as_of, user=None, groupby="bucket_id"):
        Report = self.env["ltc.report.aging"].with_context(ltc_as_of=as_of)
        if user:
            Report = Report.with_user(user)
        return {key.display_name if key else False: amount
                for key, amount in Report._read_group([("company_id", "=", self.company.id)], [groupby],
                                                      ["residual:sum"])}

    def test_aging_report_equals_the_general_ledger_at_three_dates_by_bucket(self):
        a, b, d = self._aging_scenario()
        Aging = self.env["ltc.receivable.aging"]
        expected = {d[45]: 33000.0, d[35]: 29800.0, TODAY: 49600.0}
        for as_of, total in expected.items():
            with self.subTest(as_of=as_of):
                by_bucket = self._aging(as_of)
                self.assertAlmostEqual(sum(by_bucket.values()), total, places=2)
                self.assertAlmostEqual(Aging._get_gl_balance(self.company, as_of), total, places=2)
        # today: A1 paid in full (gone); A2 13,200 less its credit note 2,000 and B1 12,000 are 50 days
        # late; B2 26,400 is 30 days late; nothing is "not due"
        self.assertEqual(self._aging(TODAY), {"1–30 days": 26400.0, "31–60 days": 23200.0})
        # at d35: everything 15–25 days late
        self.assertEqual(self._aging(d[35]), {"1–30 days": 29800.0})
        by_contract = self._aging(d[35], groupby="contract_id")
        self.assertEqual(by_contract, {a.display_name: 17800.0, b.display_name: 12000.0})
        self.assertEqual(self._aging(TODAY, groupby="user_id"), {self.rep.display_name: 49600.0})
        self.assertEqual(self._aging(TODAY, groupby="team_id"), {self.team.display_name: 49600.0})

    def test_buckets_follow_the_company_setting(self):
        self._aging_scenario()
        self.company.ltc_aging_buckets = "40"
        self.assertEqual(self._aging(TODAY), {"1–40 days": 26400.0, "40+ days": 23200.0})
        self.assertEqual(self.env["ltc.aging.bucket"].search([("company_id", "=", self.company.id)]).mapped("name"),
                         ["Not due", "1–40 days", "40+ days"])

    def test_planned_vs_collected_per_plan_line_counts_payments_not_credit_notes(self):
        a, b, d = self._aging_scenario()
        a1, a2 = a.plan_line_ids.sorted("sequence")[:2]
        b1 = b.plan_line_ids.sorted("sequence")[0]
        Report = self.env["ltc.report.collection"]

        def figures(line):
            [(planned, collected, company)] = Report._read_group(
                [("plan_line_id", "=", line.id)], aggregates=["planned_amount:sum", "collected_amount:sum",
                                                              "collected_company:sum"])
            return planned, collected, company
        self.assertEqual(figures(a1), (6600.0, 6600.0, 6600.0))   # 2,000 at d40 + 4,600 today
        self.assertEqual(figures(a2), (13200.0, 0.0, 0.0))        # the credit note collects nothing
        self.assertEqual(figures(b1), (6600.0, 600.0, 1200.0))    # 600 EUR = 1,200 in company currency
        months = Report._read_group([("contract_id", "=", a.id), ("kind", "=", "collected")], ["date:day"],
                                    ["collected_amount:sum"])
        self.assertEqual(dict(months), {d[40]: 2000.0, TODAY: 4600.0})

    def test_dso_from_the_ledger(self):
        self._aging_scenario()
        # receivable 49,600 today; invoiced over 90 days: 6,600 + 13,200 + 13,200 + 26,400 − 2,000 = 57,400
        self.assertEqual(self.env["ltc.report.aging"]._get_dso(self.company, TODAY), round(49600 / 57400 * 90, 1))
        self.assertEqual(self.env["ltc.report.aging"]._get_dso(self.company, TODAY - timedelta(days=400)), 0.0)

    def test_finance_dashboard_reads_the_ledger(self):
        a, __, d = self._aging_scenario()
        board = self.env["ltc.dashboard"].with_user(self.accountant).create({"kind": "finance"})
        # everything open is past due today; this month's collections: A1's 4,600 paid today (and the
        # partial payments of d35 / d40 when they fall in this month)
        self.assertEqual((board.receivable_amount, board.overdue_amount), (49600.0, 49600.0))
        self.assertEqual(board.dso, round(49600 / 57400 * 90, 1))
        month = TODAY.replace(day=1)
        self.assertEqual(board.collected_amount, 4600.0 + 1200.0 * (d[35] >= month) + 2000.0 * (d[40] >= month))
        action = board.with_context(ltc_report="aging").action_open_report()
        self.assertEqual((action["res_model"], action["context"]["ltc_as_of"]), ("ltc.report.aging", str(TODAY)))
        rep_board = self.env["ltc.dashboard"].with_user(self.other_rep).create({"kind": "finance"})
        self.assertEqual((rep_board.receivable_amount, rep_board.dso), (0.0, 0.0))  # not theirs, not finance

    def test_collected_credit_by_iron_triangle_role(self):
        a, b, __ = self._aging_scenario()
        rows = self.env["ltc.report.credit"]._read_group([("contract_id", "=", a.id)], ["role", "user_id"],
                                                         ["collected_credit:sum"])
        self.assertEqual({(role, user): amount for role, user, amount in rows},
                         {("ar", self.rep): 3960.0, ("sr", self.sr): 1980.0, ("fr", self.fr): 660.0})
        [(amount,)] = self.env["ltc.report.credit"]._read_group([("contract_id", "=", b.id), ("role", "=", "ar")],
                                                                aggregates=["collected_credit:sum"])
        self.assertEqual(amount, 720.0)  # 60 % of 1,200 in company currency

    def test_access_rep_team_manager_finance_other_company(self):
        self._aging_scenario()
        self.assertEqual(sum(self._aging(TODAY, user=self.rep).values()), 49600.0)
        self.assertEqual(sum(self._aging(TODAY, user=self.manager).values()), 49600.0)   # leads the rep's team
        self.assertEqual(self._aging(TODAY, user=self.other_rep), {})
        self.assertEqual(self._aging(TODAY, user=self.vp), {})                           # not their team
        self.assertEqual(sum(self._aging(TODAY, user=self.accountant).values()), 49600.0)
        other_finance = new_test_user(self.env, login="ltc_rp_other_fin", company_id=self.other_company.id,
                                      company_ids=[Command.set(self.other_company.ids)],
                                      groups="base.group_user,account.group_account_manager")
        Report = self.env["ltc.report.aging"].with_user(other_finance)
        self.assertFalse(Report.search([]))
        self.assertFalse(Report.search_read([("company_id", "=", self.company.id)], ["residual"]))
        self.assertFalse(self.env["ltc.report.collection"].with_user(other_finance).search([]))
        with self.assertRaises(AccessError):
            self.env["ltc.report.aging"].with_user(self.other_company_rep).with_context(
                allowed_company_ids=self.company.ids).search([])
        with self.assertRaises(AccessError):
            self.env["ltc.report.aging"].with_user(self.rep).search([], limit=1).write({"residual": 0})

    def test_aging_xlsx_has_translated_headers_numbers_and_dates(self):
        a, __, d = self._aging_scenario()
        Report = self.env["ltc.report.aging"].with_context(ltc_as_of=d[35])
        rows = Report.search([("company_id", "=", self.company.id)], order="residual desc")
        content, fmt = self.env["ir.actions.report"].with_context(ltc_as_of=d[35])._render(
            "ltc_reports.report_ltc_report_aging_xlsx", rows.ids)
        self.assertEqual(fmt, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[1]]
        labels = Report.fields_get(["partner_id", "residual", "date_maturity"], ["string"])
        self.assertEqual(header[1], labels["partner_id"]["string"])
        col = {name: header.index(labels[name]["string"]) for name in ("residual", "date_maturity")}
        values = [(row[col["residual"]].value, row[col["date_maturity"]].value) for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(sorted(v for v, __ in values), sorted(rows.mapped("residual")))
        self.assertAlmostEqual(sum(v for v, __ in values), 29800.0)
        self.assertTrue(all(isinstance(v, float | int) and isinstance(day, datetime) for v, day in values))
        self.assertIn(datetime.combine(d[60], datetime.min.time()), [day for __, day in values])

    def test_aging_xlsx_headers_in_chinese_for_a_chinese_user(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "ltc_reports")])._update_translations(["zh_CN"])
        self._aging_scenario()
        self.accountant.lang = "zh_CN"
        Report = self.env["ltc.report.aging"].with_user(self.accountant)
        rows = Report.search([("company_id", "=", self.company.id)])
        content, __ = self.env["ir.actions.report"].with_user(self.accountant)._render(
            "ltc_reports.report_ltc_report_aging_xlsx", rows.ids)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[1]]
        self.assertIn("未收金额", header)
        self.assertEqual(sheet.title, "应收账龄报表")

    def test_campaign_roi_costs_in_two_currencies_wins_and_collections(self):
        campaign = self.env["utm.campaign"].create({"name": "LTC Spring Expo"})
        Cost = self.env["ltc.campaign.cost"]
        Cost.create({"name": "Booth", "campaign_id": campaign.id, "amount": 2000.0})
        cost_eur = Cost.create({"name": "Flyers", "campaign_id": campaign.id, "amount": 500.0,
                                "currency_id": self.eur.id})
        self.assertEqual(cost_eur.amount_company, 1000.0)
        Lead = self.env["crm.lead"]
        Lead.create({"name": "Expo visitor", "type": "lead", "campaign_id": campaign.id})
        won = Lead.create({"name": "Expo deal", "type": "opportunity", "campaign_id": campaign.id,
                           "expected_revenue": 10000.0, "user_id": self.rep.id})
        won.action_set_won()
        Lead.create({"name": "Expo lost", "type": "opportunity", "campaign_id": campaign.id,
                     "expected_revenue": 3000.0}).action_set_lost()
        contract = self._contract(plan=[{"name": "All", "percentage": 100, "trigger": "date",
                                         "date_planned": TODAY - timedelta(days=10)}], campaign_id=campaign.id)
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        invoice = contract.plan_line_ids.invoice_id
        self.assertEqual(invoice.campaign_id, campaign)
        self._pay(invoice, 5000.0)
        row = self.env["ltc.report.campaign"].search([("campaign_id", "=", campaign.id),
                                                      ("company_id", "=", self.company.id)])
        self.assertRecordValues(row, [{
            "cost": 3000.0, "lead_count": 3, "opportunity_count": 2, "won_count": 1, "won_amount": 10000.0,
            "collected_amount": 5000.0, "cost_per_lead": 1000.0, "cost_per_opportunity": 1500.0,
            "cost_per_win": 3000.0, "roi": 66.67}])
        with self.assertRaises(AccessError):
            Cost.with_user(self.rep).create({"name": "Rep spend", "campaign_id": campaign.id, "amount": 1.0})

    def test_trace_from_any_link_of_the_chain(self):
        a, __, __ = self._aging_scenario()
        a1 = a.plan_line_ids.sorted("sequence")[0]
        Trace = self.env["ltc.trace"].with_user(self.accountant)
        for model, res_id in (("account.move", a1.invoice_id.id), ("ltc.contract", a.id),
                              ("sale.order", a.order_id.id), ("res.partner", self.customer.id)):
            with self.subTest(model=model):
                trace = Trace.browse(Trace.action_trace(model, res_id)["res_id"])
                lines = {(line.kind, line.res_model, line.res_id): line for line in trace.line_ids}
                self.assertIn(("contract", "ltc.contract", a.id), lines)
                self.assertIn(("quotation", "sale.order", a.order_id.id), lines)
                self.assertIn(("plan_line", "ltc.payment.plan.line", a1.id), lines)
                self.assertIn(("invoice", "account.move", a1.invoice_id.id), lines)
                payments = a1.invoice_id._get_reconciled_payments()
                self.assertEqual(len(payments), 2)
                for payment in payments:
                    self.assertEqual(lines[("payment", "account.payment", payment.id)].amount, payment.amount)
                self.assertEqual(lines[("plan_line", "ltc.payment.plan.line", a1.id)].amount, 6600.0)
                opened = lines[("invoice", "account.move", a1.invoice_id.id)].action_open()
                self.assertEqual((opened["res_model"], opened["res_id"]), ("account.move", a1.invoice_id.id))
        with self.assertRaises(AccessError):
            self.env["ltc.trace"].with_user(self.other_rep).action_trace("ltc.contract", a.id)
        # the contract's AR sees the payments of their invoices (as the invoice shows them), opens none
        Trace = self.env["ltc.trace"].with_user(self.rep)
        lines = Trace.browse(Trace.action_trace("ltc.contract", a.id)["res_id"]).line_ids
        payments = lines.filtered(lambda line: line.kind == "payment")
        self.assertEqual(len(payments), 2)
        self.assertFalse(any(payments.mapped("can_open")))
        self.assertTrue(lines.filtered(lambda line: line.kind == "contract").can_open)
