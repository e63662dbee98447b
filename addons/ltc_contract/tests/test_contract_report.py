import shutil
import subprocess
import tempfile
import unicodedata
import unittest

from odoo.tests import tagged
from odoo.tools.misc import find_in_path

from .common import LtcContractCommon


def _wkhtmltopdf_missing():
    try:
        find_in_path("wkhtmltopdf")
    except OSError:
        return True
    return not shutil.which("pdftotext")


@tagged("post_install", "-at_install")
class TestContractReport(LtcContractCommon):
    def _pdf_text(self, contract):
        pdf, report_type = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "ltc_contract.action_report_ltc_contract", contract.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True,
                                  text=True).stdout
        # CJK fonts map some ideographs to Kangxi radicals (力 → ⼒): compare the normalized text
        return unicodedata.normalize("NFKC", text)

    @unittest.skipIf(_wkhtmltopdf_missing(), "wkhtmltopdf or pdftotext is not installed "
                     "(apt-get install wkhtmltopdf poppler-utils)")
    def test_printed_contract_holds_number_parties_and_total(self):
        contract = self._contract_from_quote()
        contract.with_user(self.rep).dealer_partner_id = self.dealer
        text = self._pdf_text(contract)
        self.assertIn(contract.name, text)
        self.assertIn("华东电力 East Power", text, "CJK text renders")
        self.assertIn("Dealer Hangzhou", text)
        self.assertIn(self.company.name, text)
        self.assertIn("22,000.00", text)

    @unittest.skipIf(_wkhtmltopdf_missing(), "wkhtmltopdf or pdftotext is not installed "
                     "(apt-get install wkhtmltopdf poppler-utils)")
    def test_printed_in_chinese_for_a_chinese_customer(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["ltc_contract"], ["zh_CN"], overwrite=True)
        self.customer.lang = "zh_CN"
        contract = self._contract_from_quote()
        text = self._pdf_text(contract)
        self.assertIn(f"合同 {contract.name}", text)
        self.assertIn(f"供方: {self.company.name}", text)
        self.assertIn("订单合同", text)
        self.assertIn("合计", text)
        self.assertIn("22,000.00", text)
        self.assertNotIn("Customer:", text)
