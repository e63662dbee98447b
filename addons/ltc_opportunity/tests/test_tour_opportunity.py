from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestOpportunityTour(HttpCase):
    def test_rep_registers_from_form_and_sees_conflict_on_kanban(self):
        rep = new_test_user(self.env, "ltc_tour_rep", groups="sales_team.group_sale_salesman", name="Tour Rep")
        other_rep = new_test_user(self.env, "ltc_tour_other", groups="sales_team.group_sale_salesman")
        sr = new_test_user(self.env, "ltc_tour_sr", groups="sales_team.group_sale_salesman", name="Tour SR")
        line = self.env["ltc.product.line"].create({"name": "Tour line", "code": "TOUR"})
        customer = self.env["res.partner"].create({"name": "Tour Customer Ltd", "is_company": True})
        self.env["res.partner"].create({"name": "Tour Contact", "parent_id": customer.id})
        Lead = self.env["crm.lead"]
        Lead.create({
            "name": "Other rep deal", "type": "opportunity", "user_id": other_rep.id, "partner_id": customer.id,
            "product_line_ids": [Command.set(line.ids)],
        })
        opp = Lead.create({
            "name": "Tour deal", "type": "opportunity", "user_id": rep.id, "partner_id": customer.id,
            "solution_user_id": sr.id, "product_line_ids": [Command.set(line.ids)],
        })
        self.start_tour("/odoo/action-crm.crm_lead_action_pipeline", "ltc_opportunity_register",
                        login="ltc_tour_rep")
        self.assertEqual(opp.registration_state, "approved")
        self.assertTrue(opp.has_open_conflict)
        self.assertEqual(opp.stakeholder_ids.partner_id.name, "Tour Contact")
