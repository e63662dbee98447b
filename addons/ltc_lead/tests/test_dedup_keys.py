from odoo.tests import TransactionCase, tagged

from ..normalize import normalize_company, normalize_phone


@tagged("post_install", "-at_install")
class TestDedupKeys(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cn = cls.env.ref("base.cn")
        cls.env.company.country_id = cls.cn

    def test_company_key_drops_width_punctuation_and_legal_suffix(self):
        self.assertEqual(normalize_company(" 深圳市腾飞科技有限公司 "), "深圳市腾飞科技")
        self.assertEqual(normalize_company("深圳市腾飞科技股份有限公司"), "深圳市腾飞科技")
        self.assertEqual(normalize_company("ＡＢＣ Trading Co., Ltd."), "abctrading")
        self.assertEqual(normalize_company("abc trading company limited"), "abctrading")
        # a latin suffix glued to the word is part of the name
        self.assertEqual(normalize_company("Costco"), "costco")

    def test_phone_key_carries_country_code(self):
        self.assertEqual(normalize_phone("+86 138-0013-8000"), "8613800138000")
        self.assertEqual(normalize_phone("0086 13800138000"), "8613800138000")
        self.assertEqual(normalize_phone("138 0013 8000", 86), "8613800138000")
        self.assertEqual(normalize_phone("0755-8888 1234", 86), "8675588881234")
        self.assertEqual(normalize_phone("8613800138000", 86), "8613800138000")

    def test_keys_are_stored_on_the_lead_and_follow_edits(self):
        lead = self.env["crm.lead"].create({
            "name": "ERP 项目",
            "partner_name": "深圳市腾飞科技有限公司",
            "email_from": " Li.Lei@TengFei.CN ",
            "phone": "138 0013 8000",
            "contact_name": "Li  Lei",
        })
        self.assertEqual(lead.company_key, "深圳市腾飞科技")
        self.assertEqual(lead.email_key, "li.lei@tengfei.cn")
        self.assertEqual(lead.phone_key, "8613800138000")
        self.assertEqual(lead.contact_key, "lilei")
        self.assertEqual(lead.project_key, "erp项目")
        lead.partner_name = "Tengfei Tech Co., Ltd."
        self.assertEqual(lead.company_key, "tengfeitech")
        found = self.env["crm.lead"].search([("company_key", "=", "tengfeitech")])
        self.assertEqual(found, lead)


@tagged("post_install", "-at_install")
class TestDuplicates(TransactionCase):
    def test_duplicates_use_the_keys_chosen_by_the_company(self):
        company = self.env.company
        company.write({"ltc_dedup_email": True, "ltc_dedup_phone": False, "ltc_dedup_company": True,
                       "ltc_dedup_contact": False, "ltc_dedup_project": False})
        first = self.env["crm.lead"].create({"name": "A", "partner_name": "腾飞科技有限公司", "phone": "+86 138 0000 1111"})
        same_company = self.env["crm.lead"].create({"name": "B", "partner_name": "腾飞科技股份有限公司"})
        same_phone = self.env["crm.lead"].create({"name": "C", "phone": "0086 13800001111"})
        self.assertIn(first, same_company.duplicate_lead_ids)
        self.assertNotIn(first, same_phone.duplicate_lead_ids)
        company.ltc_dedup_phone = True
        same_phone.invalidate_recordset(["duplicate_lead_ids"])
        self.assertIn(first, same_phone.duplicate_lead_ids)
        found = self.env["crm.lead"]._ltc_find_duplicates([{"company_key": "腾飞科技"}, {"phone_key": "8613800001111"}],
                                                          company)
        self.assertEqual(found["company_key"]["腾飞科技"], first.id)
        self.assertEqual(found["phone_key"]["8613800001111"], first.id)

    def test_merge_goes_through_odoos_merge_wizard(self):
        a = self.env["crm.lead"].create({"name": "A", "email_from": "x@dup.cn", "type": "lead"})
        b = self.env["crm.lead"].create({"name": "B", "email_from": "X@DUP.cn", "type": "lead"})
        self.assertIn(a, b.duplicate_lead_ids)
        wizard = self.env["crm.merge.opportunity"].with_context(active_ids=(a | b).ids, active_model="crm.lead").create({})
        wizard.action_merge()
        self.assertEqual(len((a | b).exists().filtered("active")), 1)
