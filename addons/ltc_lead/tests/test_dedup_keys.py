import importlib.util

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

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

    def test_email_key_is_the_normalized_address_and_phone_key_the_mobile_first(self):
        """As crm's email_normalized and phone_sanitized: a lead from a mail alias ('"Name" <address>')
        and a lead with a mobile number dedup with the bare address and the same number."""
        lead = self.env["crm.lead"].create({
            "name": "From the alias", "email_from": '"Zhang San" <ZS@Example.CN>',
            "phone": "0755-8888 1234", "mobile": "139 2468 1357",
        })
        self.assertEqual(lead.email_key, "zs@example.cn")
        self.assertEqual(lead.email_key, lead.email_normalized)
        self.assertEqual(lead.phone_key, "8613924681357")
        found = self.env["crm.lead"]._ltc_find_duplicates(
            [{"email_key": "zs@example.cn", "phone_key": "8613924681357"}], self.env.company)
        self.assertEqual(found["email_key"], {"zs@example.cn": lead.id})
        self.assertEqual(found["phone_key"], {"8613924681357": lead.id})
        lead.mobile = False
        self.assertEqual(lead.phone_key, "8675588881234")
        twin = self.env["crm.lead"].create({"name": "Twin", "email_from": "zs@example.cn", "mobile": "+86 139 2468 1357"})
        self.assertIn(lead, twin.duplicate_lead_ids)

    def test_migration_recomputes_the_keys_stored_by_18_0_1_1_0(self):
        lead = self.env["crm.lead"].create({
            "name": "Old keys", "email_from": '"Zhang San" <ZS@Example.CN>', "mobile": "139 2468 1357"})
        lead.flush_recordset()
        self.env.cr.execute("UPDATE crm_lead SET email_key = %s, phone_key = NULL WHERE id = %s",
                            ['"zhang san" <zs@example.cn>', lead.id])
        self.env.invalidate_all()
        path = file_path("ltc_lead/migrations/18.0.1.2.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("ltc_lead_post_migrate_18_0_1_2_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.assertEqual((lead.email_key, lead.phone_key), ("zs@example.cn", "8613924681357"))

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
    def test_similar_leads_add_the_keys_chosen_by_the_company_to_crms_own(self):
        company = self.env.company
        company.write({"ltc_dedup_email": True, "ltc_dedup_phone": False, "ltc_dedup_company": True,
                       "ltc_dedup_contact": False, "ltc_dedup_project": False})
        first = self.env["crm.lead"].create({"name": "A", "partner_name": "腾飞科技有限公司", "phone": "+86 138 0000 1111"})
        same_company = self.env["crm.lead"].create({"name": "B", "partner_name": "腾飞科技股份有限公司"})
        same_phone = self.env["crm.lead"].create({"name": "C", "phone": "0086 13800001111"})
        self.assertIn(first, same_company.duplicate_lead_ids)
        # crm's own matches (same sanitized phone) stay whatever keys the company chose
        self.assertIn(first, same_phone.duplicate_lead_ids)
        company.ltc_dedup_company = False
        same_company.invalidate_recordset(["duplicate_lead_ids"])
        self.assertNotIn(first, same_company.duplicate_lead_ids)
        company.write({"ltc_dedup_phone": True, "ltc_dedup_company": True})
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
