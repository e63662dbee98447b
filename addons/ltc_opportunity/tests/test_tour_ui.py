from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestOpportunityPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_rep_registers_an_opportunity_created_on_the_phone(self):
        rep = new_test_user(self.env, "ltc_phone_opp_rep", groups="sales_team.group_sale_salesman",
                            name="Phone Opp Rep", lang="en_US")
        self.env["ltc.product.line"].create({"name": "Phone line", "code": "PHONE"})
        self.env["res.partner"].create({"name": "Phone Customer Ltd", "is_company": True})
        self.start_tour("/odoo/action-crm.crm_lead_action_pipeline/new", "ltc_opportunity_register_phone",
                        login="ltc_phone_opp_rep")
        opp = self.env["crm.lead"].search([("name", "=", "Phone registered deal")])
        self.assertEqual(opp.type, "opportunity")
        self.assertEqual(opp.user_id, rep)
        self.assertEqual(opp.product_line_ids.name, "Phone line")
        self.assertIn(opp.registration_state, ("to_approve", "approved"))


@tagged("post_install", "-at_install", "ltc_tour")
class TestStageGateManagerTour(HttpCase):
    def test_sales_manager_opens_and_edits_the_stage_gates(self):
        manager = new_test_user(self.env, "ltc_gate_manager", groups="sales_team.group_sale_manager",
                                name="Gate Manager", lang="en_US")
        self.assertFalse(manager.has_group("base.group_erp_manager"))
        stage = self.env["crm.stage"].create({"name": "Tour Gate Stage", "sequence": 999})
        gate = self.env["ltc.stage.gate"].create({
            "stage_id": stage.id,
            "required_field_line_ids": [Command.create({"field_name": "expected_revenue"})],
        })
        self.start_tour("/odoo/action-ltc_opportunity.action_ltc_stage_gate", "ltc_stage_gate_manager",
                        login="ltc_gate_manager")
        self.assertEqual(gate.required_field_line_ids.mapped("field_name"), ["expected_revenue", "date_deadline"])

    def test_chinese_dates_are_not_cut_in_lists(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        manager = new_test_user(self.env, "ltc_date_manager", groups="sales_team.group_sale_manager",
                                name="Date Manager", lang="zh_CN")
        self.env["ltc.sales.target"].create({"user_id": manager.id, "date_from": "2032-01-01",
                                             "date_to": "2032-12-31", "amount": 1000})
        self.start_tour("/odoo/action-ltc_opportunity.action_ltc_sales_target", "ltc_date_columns_fit",
                        login="ltc_date_manager")
