
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LtcReceivableCommon

TODAY = fields.Date.today()


@tagged("post_install", "-at_install")
class TestAgingAndPeriodClose(LtcReceivableCommon):
    """Contract A in the company's currency, contract B in EUR (1 company unit = 0.5 EUR): invoices,
    partial payments, a payment after the as-of date, a credit note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR", rates=[("1900-01-01", 0.5)])

    def _total(self, aging):
        return round(sum(row["total"] for row in aging.values()), 2)

    def test_aging_equals_the_general_ledger_at_three_dates(self):
        a, b, d = self._aging_scenario()
        Aging = self.env["ltc.receivable.aging"]
        company = self.company
        expected = {
            # A1 6,600 invoiced; B1 6,600 EUR = 13,200; A2 13,200 (invoiced d50)
            d[45]: 6600.0 + 13200.0 + 13200.0,
            # less 2,000 (A1, d40) and 1,200 (B1, 600 EUR at d35)
            d[35]: 6600.0 + 13200.0 + 13200.0 - 2000.0 - 1200.0,
            # + B2 13,200 EUR = 26,400, − credit note 2,000, − A1's rest 4,600 paid today
            TODAY: 6600.0 + 13200.0 + 13200.0 - 2000.0 - 1200.0 + 26400.0 - 2000.0 - 4600.0,
        }
        for as_of, total in expected.items():
            with self.subTest(as_of=as_of):
                aging = Aging._get_aging(company, as_of, "partner")
                self.assertAlmostEqual(self._total(aging), total)
                self.assertAlmostEqual(Aging._get_gl_balance(company, as_of), total)
        # by contract at d35: A 6,600 − 2,000 + 13,200; B 13,200 − 1,200; buckets by days past due
        by_contract = Aging._get_aging(company, d[35], "contract")
        self.assertAlmostEqual(by_contract[a.id]["total"], 17800.0)
        self.assertAlmostEqual(by_contract[b.id]["total"], 12000.0)
        self.assertAlmostEqual(sum(by_contract[a.id][k] for k in ("not_due", "b1", "b2", "b3", "b4")), 17800.0)

    def test_buckets_follow_the_company_setting(self):
        a, __, d = self._aging_scenario()
        self.company.ltc_aging_buckets = "10,20"
        row = self.env["ltc.receivable.aging"]._get_aging(self.company, TODAY, "contract")[a.id]
        self.assertEqual(set(row), {"not_due", "b1", "b2", "b3", "total"})
        with self.assertRaises(ValidationError):
            self.company.ltc_aging_buckets = "ten"

    def test_period_close_with_zero_difference_freezes_and_locks(self):
        a, b, d = self._aging_scenario()
        close = self.env["ltc.period.close"].with_user(self.finance).create(
            {"date_from": d[60], "date_to": d[35]})
        close.action_compute()
        self.assertAlmostEqual(close.outstanding, 6600.0 + 13200.0 + 13200.0 - 2000.0 - 1200.0)
        self.assertAlmostEqual(close.gl_balance, close.outstanding)
        self.assertAlmostEqual(close.difference, 0.0)
        line_a = close.line_ids.filtered(lambda cl: cl.contract_id == a)
        self.assertAlmostEqual(line_a.billed, 6600.0 + 13200.0)
        self.assertAlmostEqual(line_a.collected, 2000.0)
        self.assertAlmostEqual(close.line_ids.filtered(lambda cl: cl.contract_id == b).collected, 1200.0)
        close.action_close()
        self.assertEqual(close.state, "closed")
        self.assertEqual(self.company.sale_lock_date, d[35])
        frozen = close.outstanding
        self._pay(b.plan_line_ids.sorted("sequence")[0].invoice_id, 100.0, currency=self.eur)
        close.invalidate_recordset()
        self.assertEqual(close.outstanding, frozen, "the snapshot does not follow later payments")
        with self.assertRaisesRegex(UserError, "closed"):
            close.action_compute()
        with self.assertRaises(AccessError):
            close.line_ids[:1].with_user(self.finance).write({"outstanding": 0.0})

    def test_a_receivable_outside_the_plans_is_reported_and_blocks_the_close(self):
        a, __, d = self._aging_scenario()
        stray = self.init_invoice("out_invoice", partner=self.customer, invoice_date=d[40], amounts=[500.0],
                                  post=True)
        close = self.env["ltc.period.close"].with_user(self.finance).create({"date_from": d[60], "date_to": d[35]})
        close.action_compute()
        self.assertAlmostEqual(close.difference, stray.amount_total)
        self.assertEqual(close.difference_item_ids.move_id, stray)
        with self.assertRaisesRegex(UserError, "differs from the GL"):
            close.action_close()
        self.assertEqual(close.state, "draft")
        self.assertFalse(self.company.sale_lock_date and self.company.sale_lock_date >= d[35])

    def test_reps_cannot_close_and_other_companies_see_nothing(self):
        __, __, d = self._aging_scenario()
        with self.assertRaises(AccessError):
            self.env["ltc.period.close"].with_user(self.rep).create({"date_from": d[60], "date_to": d[35]})
        close = self.env["ltc.period.close"].with_user(self.finance).create({"date_from": d[60], "date_to": d[35]})
        other_finance = new_test_user(self.env, login="ltc_ar_other_fin", company_id=self.other_company.id,
                                      company_ids=[Command.set(self.other_company.ids)],
                                      groups="base.group_user,account.group_account_manager")
        self.assertFalse(self.env["ltc.period.close"].with_user(other_finance).search([("id", "=", close.id)]))
        with self.assertRaises(AccessError):
            self.env["ltc.period.close"].with_user(self.other_company_rep).search([])
        with self.assertRaises(AccessError):
            close.with_user(self.finance).write({"difference": 0.0})
