import io

import openpyxl

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPipelineXlsx(TransactionCase):
    def test_pipeline_xlsx_has_one_row_per_opportunity_with_weighted_amount(self):
        leads = self.env["crm.lead"].create([
            {"name": "Deal A", "type": "opportunity", "expected_revenue": 1000, "probability": 50},
            {"name": "Deal B", "type": "opportunity", "expected_revenue": 300, "probability": 10},
        ])
        content, fmt = self.env["ir.actions.report"]._render("ltc_reports.report_ltc_pipeline_xlsx", leads.ids)
        self.assertEqual(fmt, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[1][0], "Deal A")
        self.assertAlmostEqual(rows[1][6], 500.0)
        self.assertAlmostEqual(rows[2][6], 30.0)
