from datetime import date

from odoo import fields
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged


@tagged("post_install", "-at_install")
class TestGrading(AccountTestInvoicingCommon):
    """A: 100,000 invoiced in 12 months; B: 50,000; C: 10,000 open pipeline; D: everyone else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        Rule = cls.env["ltc.account.grade.rule"]
        Rule.search([("company_id", "=", cls.company.id)]).unlink()
        Rule.create([
            {"sequence": 1, "grade": "A", "min_revenue_12m": 100000},
            {"sequence": 2, "grade": "B", "min_revenue_12m": 50000},
            {"sequence": 3, "grade": "C", "min_open_pipeline": 10000},
            {"sequence": 4, "grade": "D"},
        ])
        cls.customers = cls.env["res.partner"].create([
            {"name": f"Graded {name}", "is_company": True, "customer_rank": 1, "company_id": cls.company.id}
            for name in ("at A", "below A", "refunded", "old", "pipeline", "nothing")])

    def _invoice(self, partner, amount, when, move_type="out_invoice"):
        return self.init_invoice(move_type, partner=partner, invoice_date=when, amounts=[amount], taxes=[],
                                 post=True)

    def _grade(self, today):
        with freeze_time(today):
            self.env["res.partner"]._cron_compute_grades()

    @freeze_time("2026-03-02")
    def test_rules_on_industry_and_tags(self):
        energy, retail = self.env["res.partner.industry"].create([{"name": "LTC Energy"}, {"name": "LTC Retail"}])
        strategic = self.env["res.partner.category"].create({"name": "LTC Strategic"})
        Rule = self.env["ltc.account.grade.rule"]
        # A now only for energy companies; a strategic-tagged account is B whatever it buys
        Rule.search([("company_id", "=", self.company.id), ("grade", "=", "A")]).industry_ids = energy
        Rule.create({"sequence": 0, "grade": "B", "category_ids": [fields.Command.set(strategic.ids)]})
        at_a, below_a, __, __, __, nothing = self.customers
        at_a.industry_id = retail
        below_a.industry_id = energy
        nothing.category_id = strategic
        self._invoice(at_a, 100000, date(2026, 1, 10))
        self._invoice(below_a, 100000, date(2026, 1, 10))
        self._grade("2026-03-02 10:00:00")
        # at_a: 100,000 but retail → B; below_a: 100,000 and energy → A; nothing: strategic → B
        self.assertEqual((at_a.ltc_grade, below_a.ltc_grade, nothing.ltc_grade), ("B", "A", "B"))

    @freeze_time("2026-03-02")
    def test_grades_at_thresholds(self):
        at_a, below_a, refunded, old, pipeline, nothing = self.customers
        self._invoice(at_a, 60000, date(2026, 1, 10))
        self._invoice(at_a.child_ids.create({"name": "Buyer", "parent_id": at_a.id}), 40000, date(2025, 3, 3))
        self._invoice(below_a, 99999.99, date(2026, 2, 1))
        self._invoice(refunded, 120000, date(2026, 2, 1))
        self._invoice(refunded, 30000, date(2026, 2, 15), move_type="out_refund")
        self._invoice(old, 500000, date(2025, 3, 2))  # 365 days ago: out of the window
        self.env["crm.lead"].create([
            {"name": "Open deal", "type": "opportunity", "partner_id": pipeline.id, "expected_revenue": 6000},
            {"name": "Open deal 2", "type": "opportunity", "partner_id": pipeline.id, "expected_revenue": 4000},
            {"name": "Lost deal", "type": "opportunity", "partner_id": below_a.id, "expected_revenue": 90000,
             "active": False},
        ])
        self._grade("2026-03-02 10:00:00")
        self.assertEqual(self.customers.mapped("ltc_grade"), ["A", "B", "B", "D", "C", "D"])
        self.assertEqual(at_a.ltc_grade_revenue_12m, 100000)
        self.assertEqual(refunded.ltc_grade_revenue_12m, 90000)
        self.assertEqual(old.ltc_grade_revenue_12m, 0)
        self.assertEqual(pipeline.ltc_grade_pipeline, 10000)
        self.assertEqual(nothing.ltc_grade_revenue_12m, 0)
        self.assertEqual(at_a.ltc_grade_date, fields.Datetime.to_datetime("2026-03-02 10:00:00"))

    @freeze_time("2026-03-02")
    def test_override_needs_a_reason_and_survives_regrading(self):
        customer = self.customers[0]
        with self.assertRaises(ValidationError):
            customer.write({"ltc_grade_override": "A"})
        customer.write({"ltc_grade_override": "A", "ltc_grade_override_reason": "Group headquarters"})
        self._grade("2026-03-02 10:00:00")
        self.assertEqual((customer.ltc_grade_computed, customer.ltc_grade), ("D", "A"))
        customer.write({"ltc_grade_override": False})
        self.assertEqual(customer.ltc_grade, "D")

    def test_no_rules_no_grades(self):
        self.env["ltc.account.grade.rule"].search([]).unlink()
        self._grade("2026-03-02 10:00:00")
        self.assertFalse(any(self.customers.mapped("ltc_grade")))
