from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestStageGatePhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_rep_is_refused_the_gated_stage_until_the_fields_are_filled_on_a_phone(self):
        rep = new_test_user(self.env, "ltc_gate_phone_rep", groups="sales_team.group_sale_salesman",
                            name="Gate Phone Rep", lang="en_US")
        # two stages of their own, after every other stage: no other gate lies between them
        start = self.env["crm.stage"].create({"name": "Tour Phone Start", "sequence": 900})
        gated = self.env["crm.stage"].create({"name": "Tour Phone Gated", "sequence": 901})
        self.env["ltc.stage.gate"].create({
            "stage_id": gated.id,
            "required_field_line_ids": [Command.create({"field_name": "expected_revenue"}),
                                        Command.create({"field_name": "date_deadline"})],
        })
        opp = self.env["crm.lead"].create({
            "name": "Phone Gated Deal", "type": "opportunity", "user_id": rep.id, "team_id": False,
            "stage_id": start.id, "expected_revenue": 0.0, "date_deadline": False,
            "company_id": rep.company_id.id,
        })
        self.assertEqual(opp.with_user(rep)._get_stage_gate_missing(gated),
                         ["Field: Expected Revenue", "Field: Expected Closing"])
        self.start_tour(f"/odoo/action-crm.crm_lead_action_pipeline/{opp.id}", "ltc_stage_gate_refusal_phone",
                        login="ltc_gate_phone_rep")
        self.assertEqual(opp.stage_id, gated)
        self.assertEqual(opp.expected_revenue, 48000.0)
        self.assertEqual(str(opp.date_deadline), "2031-06-30")
