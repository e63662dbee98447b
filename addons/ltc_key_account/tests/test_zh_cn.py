from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LtcVisitCase


@tagged("post_install", "-at_install")
class TestChineseVisits(LtcVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["ltc_key_account"], ["zh_CN"])
        cls.rep1.lang = "zh_CN"

    def test_a_chinese_rep_reads_states_and_errors_in_chinese(self):
        Visit = self.env["ltc.visit"].with_user(self.rep1).with_context(lang="zh_CN")
        states = dict(Visit.fields_get(["state"], ["selection"])["state"]["selection"])
        self.assertEqual((states["checked_in"], states["done"]), ("已签到", "已完成"))
        visit = Visit.create({"partner_id": self.customer.id, "visit_type_id": self.sop.id})
        visit.action_check_in()
        with self.assertRaisesRegex(UserError, "签退前请填写拜访的必填检查项"):
            visit.action_check_out()
