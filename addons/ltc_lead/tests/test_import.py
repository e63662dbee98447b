import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LtcLeadCase

HEADER = ("Lead Name / 线索名称", "Company / 公司名称", "Contact / 联系人", "Email / 邮箱", "Phone / 电话",
          "Country Code / 国家代码", "Source / 来源", "Medium / 媒介", "Campaign / 营销活动",
          "Product Lines / 产品线", "Expected Revenue / 预计收入", "Notes / 备注")


def workbook(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return base64.b64encode(buf.getvalue())


@tagged("post_install", "-at_install")
class TestImport(LtcLeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.existing = cls.env["crm.lead"].create({
            "name": "Existing", "type": "lead", "email_from": "known@old.cn", "company_id": cls.company.id})

    def _import(self, rows, **vals):
        wizard = self.env["ltc.lead.import"].with_user(self.rep1).create({"file": workbook(rows), **vals})
        wizard.action_import()
        return wizard

    def test_good_duplicate_and_malformed_rows_each_get_their_result(self):
        rows = [
            ["ERP 升级", "深圳市腾飞科技有限公司", "李雷", "lilei@tengfei.cn", "13800138000", "CN", "Expo", "Event",
             "Spring 2026", "T-ERP", 500000, "card"],                                                    # 2 created
            ["Known buyer", "Old Co", "", "KNOWN@old.cn ", "", "", "", "", "", "", "", "fill me"],  # 3 merged (existing)
            ["Same company", "深圳市腾飞科技股份有限公司", "", "", "", "", "", "", "", "", "", ""],    # 4 merged (row 2)
            ["Bad email", "X", "", "not-an-email", "", "", "", "", "", "", "", ""],                    # 5 rejected
            [None, "No name Co", "", "a@b.cn", "", "", "", "", "", "", "", ""],                        # 6 rejected
            ["Bad line", "Y", "", "", "", "", "", "", "", "NOPE", "", ""],                            # 7 rejected
            ["Bad amount", "Z", "", "", "", "", "", "", "", "", "-5", ""],                            # 8 rejected
            ["Bad phone", "W", "", "", "12", "", "", "", "", "", "", ""],                             # 9 rejected
            ["Second good", "Another Co., Ltd.", "", "x@another.cn", "021 6123 4567", "CN", "", "", "", "", "", ""],
        ]
        wizard = self._import(rows)
        self.assertEqual((wizard.created_count, wizard.merged_count, wizard.skipped_count, wizard.rejected_count),
                         (2, 2, 0, 5))
        by_row = {line.row: line for line in wizard.line_ids}
        self.assertEqual(by_row[3].lead_id, self.existing)
        self.assertEqual(by_row[3].reason, f"Same email as lead #{self.existing.id}")
        self.assertIn("row 2", by_row[4].reason)
        self.assertIn("not an email address", by_row[5].reason)
        self.assertIn("Lead Name", by_row[6].reason)
        self.assertIn("NOPE", by_row[7].reason)
        self.assertIn("negative", by_row[8].reason)
        self.assertIn("phone", by_row[9].reason)
        created = self.env["crm.lead"].search([("name", "in", ["ERP 升级", "Second good"])])
        self.assertEqual(len(created), 2)
        erp = created.filtered(lambda lead: lead.name == "ERP 升级")
        self.assertEqual(erp.source_id.name, "Expo")
        self.assertEqual(erp.medium_id.name, "Event")
        self.assertEqual(erp.campaign_id.name, "Spring 2026")
        self.assertEqual(erp.product_line_ids, self.erp)
        self.assertEqual(erp.phone_key, "8613800138000")
        self.assertEqual(erp.company_key, "深圳市腾飞科技")
        # merged rows filled the empty fields of their target, never overwrote it
        self.assertEqual(self.existing.partner_name, "Old Co")
        self.assertEqual(self.existing.email_from, "known@old.cn")
        self.assertFalse(self.env["crm.lead"].search_count([("name", "in", ["Bad email", "Bad line", "Same company"])]))

        # the result workbook lists every row with its result
        result = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.result_file))).active
        rows_out = list(result.iter_rows(min_row=2, values_only=True))
        self.assertEqual([r[0] for r in rows_out], list(range(2, 11)))
        self.assertEqual([r[2] for r in rows_out].count("Created"), 2)
        self.assertEqual([r[2] for r in rows_out].count("Rejected"), 5)

    def test_cells_are_read_as_typed_in_a_spreadsheet(self):
        # numbers typed into numeric cells (a phone, an amount with cents, a whole amount), an empty
        # row, a row whose last cells are empty: as the user sees them in the sheet
        rows = [
            ["Numeric phone", "Num Co", "", "", 13800138001, "CN", "", "", "", "", 1234.56, ""],
            [None, None, None, None, None, None, None, None, None, None, None, None],
            ["Whole amount", "Whole Co", "", "", "", "", "", "", "", "", 300000],
        ]
        wizard = self._import(rows)
        self.assertEqual((wizard.created_count, wizard.rejected_count), (2, 1))
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.row == 3).reason, "Empty row")
        numeric = self.env["crm.lead"].search([("name", "=", "Numeric phone")])
        self.assertEqual(numeric.phone, "13800138001")
        self.assertEqual(numeric.phone_key, "8613800138001")
        self.assertEqual(numeric.expected_revenue, 1234.56)
        self.assertEqual(self.env["crm.lead"].search([("name", "=", "Whole amount")]).expected_revenue, 300000)

    def test_a_row_merged_into_an_earlier_row_fills_it_and_its_keys(self):
        rows = [
            ["South deal", "华南贸易有限公司", "", "", "", "CN", "", "", "", "", "", ""],           # 2 created
            ["South again", "华南贸易股份有限公司", "", "Buyer@HuaNan.cn", "020 8888 6666", "", "", "", "", "", "", ""],
        ]
        wizard = self._import(rows)
        self.assertEqual((wizard.created_count, wizard.merged_count), (1, 1))
        lead = self.env["crm.lead"].search([("name", "=", "South deal")])
        self.assertEqual(lead.email_from, "Buyer@HuaNan.cn")
        self.assertEqual(lead.email_key, "buyer@huanan.cn")
        self.assertEqual(lead.email_normalized, "buyer@huanan.cn")
        self.assertEqual(lead.phone_key, "862088886666")
        self.assertEqual(lead.phone_sanitized, lead._phone_format(fname="phone"))
        self.assertTrue(lead.phone_sanitized)
        self.assertEqual(lead.company_key, "华南贸易")

    def test_a_batch_the_database_refuses_is_retried_row_by_row(self):
        wizard = self.env["ltc.lead.import"].create({})
        base = {"type": "lead", "company_id": self.company.id}
        to_create = [(2, {**base, "name": "Good A"}), (3, {**base, "name": "Broken", "source_id": 2147480000}),
                     (4, {**base, "name": "Good B"})]
        results = {}
        created = wizard._create_in_batches(to_create, results)
        self.assertEqual(set(created), {2, 4})
        self.assertEqual([results[n][0] for n in (2, 3, 4)], ["created", "rejected", "created"])
        self.assertIn("source_id", results[3][1])
        self.assertEqual(self.env["crm.lead"].search([("name", "in", ["Good A", "Good B", "Broken"])]).mapped("name"),
                         ["Good B", "Good A"])

    def test_a_lead_created_earlier_in_the_transaction_is_a_duplicate(self):
        """A lead created then a file imported in one transaction (an RPC call, a server action):
        the import's SQL look-up sees the new lead's keys, not yet written to the database."""
        lead = self.env["crm.lead"].with_user(self.rep1).create({
            "name": "Just typed", "type": "lead", "email_from": "Fresh@New.cn", "phone": "+86 139 0000 2222"})
        wizard = self._import([
            ["Fresh again", "", "", "fresh@new.cn", "", "", "", "", "", "", "", ""],
            ["Fresh by phone", "", "", "", "0086 139 0000 2222", "", "", "", "", "", "", ""],
        ])
        self.assertEqual((wizard.created_count, wizard.merged_count), (0, 2))
        by_row = {line.row: line for line in wizard.line_ids}
        self.assertEqual(by_row[2].lead_id, lead)
        self.assertEqual(by_row[2].reason, f"Same email as lead #{lead.id}")
        self.assertEqual(by_row[3].reason, f"Same phone as lead #{lead.id}")
        self.assertEqual(self.env["crm.lead"].search_count([("email_key", "=", "fresh@new.cn")]), 1)

    def test_duplicate_reasons_name_the_key_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["ltc_lead"], ["zh_CN"], overwrite=True)
        self.rep1.lang = "zh_CN"
        self.existing.write({"phone": "+86 138 0000 3333", "partner_name": "华东贸易有限公司"})
        self.env.company.write({"ltc_dedup_contact": True, "ltc_dedup_project": True})
        other = self.env["crm.lead"].create({"name": "Only the project", "type": "lead", "contact_name": "Wang Wu",
                                             "company_id": self.company.id})
        wizard = self._import([
            ["A", "", "", "known@old.cn", "", "", "", "", "", "", "", ""],
            ["B", "", "", "", "+86 138 0000 3333", "", "", "", "", "", "", ""],
            ["C", "华东贸易股份有限公司", "", "", "", "", "", "", "", "", "", ""],
            ["D", "", "wang wu", "", "", "", "", "", "", "", "", ""],
            ["Only the project", "", "", "", "", "", "", "", "", "", "", ""],
        ])
        reasons = {line.row: line.reason for line in wizard.line_ids}
        lead = self.existing.id
        self.assertEqual(reasons, {2: f"邮箱与线索 #{lead} 相同", 3: f"电话与线索 #{lead} 相同",
                                   4: f"公司与线索 #{lead} 相同", 5: f"联系人与线索 #{other.id} 相同",
                                   6: f"项目与线索 #{other.id} 相同"})

    def test_skip_policy_skips_duplicates(self):
        wizard = self._import([["Again", "", "", "known@old.cn", "", "", "", "", "", "", "", ""]], on_duplicate="skip")
        self.assertEqual((wizard.created_count, wizard.skipped_count), (0, 1))
        self.assertFalse(self.existing.partner_name)

    def test_import_into_a_pool_leaves_leads_unowned(self):
        wizard = self._import([["Pooled", "", "", "p@pool.cn", "", "", "", "", "", "", "", ""]], pool_id=self.pool.id)
        lead = wizard.line_ids.lead_id or self.env["crm.lead"].search([("name", "=", "Pooled")])
        self.assertEqual(lead.pool_id, self.pool)
        self.assertFalse(lead.user_id)

    def test_a_file_that_is_not_a_workbook_is_refused_clearly(self):
        wizard = self.env["ltc.lead.import"].create({"file": base64.b64encode(b"name,email\nx,y\n")})
        with self.assertRaisesRegex(UserError, "not an XLSX workbook"):
            wizard.action_import()
        wizard = self.env["ltc.lead.import"].create({"file": workbook([["x"]], header=["Foo", "Bar"])})
        with self.assertRaisesRegex(UserError, "Lead Name"):
            wizard.action_import()

    def test_template_is_a_workbook_with_every_column(self):
        wizard = self.env["ltc.lead.import"].create({})
        action = wizard.action_download_template()
        self.assertIn("field=template_file", action["url"])
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file))).active
        header = [c.value for c in sheet[1]]
        self.assertEqual(header, list(HEADER))
        # the template's own example row imports
        example = [c.value for c in sheet[2]]
        for code in ("ERP", "SVC"):
            if not self.env["ltc.product.line"].search_count([("code", "=", code)]):
                self.env["ltc.product.line"].create({"name": code, "code": code})
        result = self._import([example])
        self.assertEqual(result.created_count, 1)
