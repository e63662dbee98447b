from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestGrading(LtcLeadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["ltc.lead.scoring.rule"]
        Rule.search([]).active = False
        cls.rule_erp = Rule.create({"name": "ERP line", "domain": f"[('product_line_ids', 'in', [{cls.erp.id}])]",
                                    "points": 40})
        cls.rule_budget = Rule.create({"name": "Budget", "domain": "[('expected_revenue', '>', 300000)]", "points": 45})
        cls.rule_cn = Rule.create({"name": "China", "domain": "[('country_id.code', '=', 'CN')]", "points": 20})

    def test_score_sums_matching_rules_and_grades_by_company_thresholds(self):
        lead = self.env["crm.lead"].create({"name": "Big ERP", "type": "lead", "expected_revenue": 500000,
                                            "product_line_ids": [(6, 0, self.erp.ids)],
                                            "country_id": self.env.ref("base.cn").id})
        self.assertEqual(lead.ltc_score, 105)
        self.assertEqual(lead.ltc_grade, "A")
        self.assertTrue(lead.is_key_lead)
        self.assertEqual(lead.score_rule_ids, self.rule_erp | self.rule_budget | self.rule_cn)

    def test_score_follows_edits_in_the_form(self):
        lead = self.env["crm.lead"].create({"name": "Small", "type": "lead", "expected_revenue": 400000})
        self.assertEqual((lead.ltc_score, lead.ltc_grade), (45, "C"))
        with Form(lead) as form:
            form.country_id = self.env.ref("base.cn")
        self.assertEqual((lead.ltc_score, lead.ltc_grade), (65, "B"))
        self.assertEqual(lead.score_rule_ids, self.rule_budget | self.rule_cn)

    def test_changing_a_rule_rescores_open_leads(self):
        lead = self.env["crm.lead"].create({"name": "L", "type": "lead", "country_id": self.env.ref("base.cn").id})
        self.rule_cn.points = 90
        self.assertEqual((lead.ltc_score, lead.ltc_grade), (90, "A"))

    def test_a_broken_domain_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self.env["ltc.lead.scoring.rule"].create({"name": "bad", "domain": "[('nope', '=', 1)]", "points": 1})

    def test_thresholds_must_decrease(self):
        with self.assertRaisesRegex(ValidationError, "A > B > C"), self.env.cr.savepoint():
            self.env["res.config.settings"].create({"ltc_grade_a_min": 10, "ltc_grade_b_min": 50}).execute()
        self.env.company.invalidate_recordset()
        self.assertEqual(self.env.company.ltc_grade_a_min, 80)

    def test_rescoring_many_leads_gives_each_group_its_own_score(self):
        cn = self.env.ref("base.cn").id
        chinese = self.env["crm.lead"].create([{"name": f"CN {i}", "type": "lead", "country_id": cn} for i in range(6)])
        big = self.env["crm.lead"].create([{"name": f"Big {i}", "type": "lead", "country_id": cn,
                                            "expected_revenue": 500000} for i in range(4)])
        plain = self.env["crm.lead"].create([{"name": f"Plain {i}", "type": "lead"} for i in range(3)])
        self.rule_cn.points = 30
        self.assertEqual(set(chinese.mapped("ltc_score")), {30})
        self.assertEqual(set(chinese.mapped("ltc_grade")), {"C"})
        self.assertEqual(set(big.mapped("ltc_score")), {75})
        self.assertEqual(set(big.mapped("ltc_grade")), {"B"})
        self.assertEqual(big[0].score_rule_ids, self.rule_budget | self.rule_cn)
        self.assertEqual(set(plain.mapped("ltc_score")), {0})
        self.assertEqual(set(plain.mapped("ltc_grade")), {"D"})
