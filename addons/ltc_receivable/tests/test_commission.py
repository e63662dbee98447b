import datetime
import io
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LtcReceivableCommon

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestCommission(LtcReceivableCommon):
    """Contract 22,000: servers 20,000 (hardware, 2 %) + installation 2,000 (services, 5 %); shares
    AR 60 / SR 30 / FR 10; bonus 0.02 % and penalty 0.05 % of the base per day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Categ = cls.env["product.category"]
        cls.server.categ_id = Categ.create({"name": "LTC AR Hardware"})
        cls.install.categ_id = Categ.create({"name": "LTC AR Services"})
        Rule = cls.env["ltc.commission.rule"]
        Rule.create({"name": "Hardware", "categ_id": cls.server.categ_id.id, "rate": 2.0})
        Rule.create({"name": "Services", "categ_id": cls.install.categ_id.id, "rate": 5.0})
        Rule.create({"name": "Anything else", "rate": 1.0, "sequence": 99})

    def _scenario(self):
        contract = self._contract(plan=[
            {"name": "Half early", "percentage": 50, "trigger": "manual", "date_planned": TODAY + timedelta(days=10)},
            {"name": "Half late", "percentage": 50, "trigger": "manual", "date_planned": TODAY - timedelta(days=20)},
        ])
        first, second = contract.plan_line_ids.sorted("sequence")
        first.with_user(self.rep).action_raise_invoice()
        second.with_user(self.rep).action_raise_invoice()
        self._pay(first.invoice_id, 11000.0, date=TODAY)             # 10 days early
        self._pay(second.invoice_id, 5000.0, date=TODAY)             # 20 days late, in part
        # a credit note is no collection; a payment after the period is not in it
        refund = second.invoice_id.sudo()._reverse_moves([{"invoice_date": TODAY, "date": TODAY}])
        refund.invoice_line_ids.price_unit = 1000.0
        refund.action_post()
        (refund | second.invoice_id).line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable" and not aml.reconciled).reconcile()
        self._pay(second.invoice_id, 1000.0, date=TODAY + timedelta(days=30))
        return contract

    def _statement(self, user):
        statement = self.env["ltc.commission.statement"].with_user(self.manager).create({
            "user_id": user.id, "date_from": TODAY - timedelta(days=5), "date_to": TODAY + timedelta(days=5)})
        statement.action_compute()
        return statement

    def test_collections_shares_rules_and_interest_by_hand(self):
        self._scenario()
        rep = self._statement(self.rep)
        # early half: base 11,000 x 60 % = 6,600; rate 20/22 x 2 % + 2/22 x 5 % = 2.2727 %: 150.00;
        #   bonus 6,600 x 0.02 % x 10 days = 13.20
        # late half: base 5,000 x 60 % = 3,000; commission 68.18; penalty 3,000 x 0.05 % x 20 = -30.00
        self.assertEqual(sorted(rep.line_ids.mapped("days")), [-10, 20])
        self.assertAlmostEqual(rep.base, 9600.0)
        self.assertAlmostEqual(rep.commission, 150.00 + 68.18)
        self.assertAlmostEqual(rep.interest, 13.20 - 30.00)
        self.assertAlmostEqual(rep.total, 218.18 - 16.80)
        sr = self._statement(self.sr)
        self.assertAlmostEqual(sr.base, 4800.0)
        self.assertAlmostEqual(sr.commission, 75.00 + 34.09)
        self.assertAlmostEqual(sr.interest, 6.60 - 15.00)
        self.assertFalse(self._statement(self.other_rep).line_ids)
        # it recomputes to the same figures
        before = [(sl.partial_id.id, sl.base, sl.commission, sl.interest) for sl in rep.line_ids]
        rep.action_compute()
        self.assertEqual([(sl.partial_id.id, sl.base, sl.commission, sl.interest) for sl in rep.line_ids], before)

    def test_access_and_guarded_figures(self):
        self._scenario()
        rep_statement, sr_statement = self._statement(self.rep), self._statement(self.sr)
        Statement = self.env["ltc.commission.statement"]
        self.assertEqual(Statement.with_user(self.rep).search([("id", "in", (rep_statement | sr_statement).ids)]),
                         rep_statement)
        self.assertEqual(len(Statement.with_user(self.manager).search([("id", "in", (rep_statement | sr_statement).ids)])),
                         2)
        with self.assertRaises(AccessError):
            rep_statement.line_ids[:1].with_user(self.manager).write({"commission": 999.0})
        with self.assertRaises(AccessError):
            rep_statement.with_user(self.rep).action_compute()
        self.assertFalse(Statement.with_user(self.other_company_rep).search([]))

    def test_xlsx_reads_back_numbers_and_dates(self):
        self._scenario()
        statement = self._statement(self.rep)
        content, fmt = self.env["ir.actions.report"]._render("ltc_receivable.report_ltc_commission_xlsx",
                                                             statement.ids)
        self.assertEqual(fmt, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "Salesperson")
        self.assertEqual(sheet["J1"].value, "Commission")
        rows = sorted(sheet.iter_rows(min_row=2, values_only=True), key=lambda r: r[5])
        self.assertEqual(len(rows), 2)
        early = rows[0]
        self.assertIsInstance(early[3], datetime.datetime)
        self.assertEqual(early[3].date(), TODAY)
        self.assertEqual((early[5], early[8], early[9], early[10]), (-10, 6600.0, 150.0, 13.2))
