from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestStageGate(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env["ltc.checklist.item"]
        cls.item_chain = Item.create({"name": "Decision chain identified"})
        cls.item_budget = Item.create({"name": "Budget confirmed"})
        cls.item_demo = Item.create({"name": "Solution presented"})
        cls.field_revenue = cls.env["ir.model.fields"]._get("crm.lead", "expected_revenue")
        cls.field_deadline = cls.env["ir.model.fields"]._get("crm.lead", "date_deadline")
        cls.gate_qualified = cls.env["ltc.stage.gate"].create({
            "stage_id": cls.stage_qualified.id,
            "checklist_item_ids": [Command.set((cls.item_chain | cls.item_budget).ids)],
            "required_field_ids": [Command.set(cls.field_revenue.ids)],
        })
        cls.gate_proposal = cls.env["ltc.stage.gate"].create({
            "stage_id": cls.stage_proposal.id,
            "checklist_item_ids": [Command.set(cls.item_demo.ids)],
            "required_decision": "go_no_go",
        })
        cls.opp = cls._create_opportunity("Warehouse IoT", cls.rep_a, cls.customer)

    def _tick(self, *items):
        self.opp.checklist_line_ids.filtered(lambda line: line.item_id in items).with_user(self.rep_a).done = True

    def test_checklist_lines_created_from_the_team_gates(self):
        self.assertEqual(self.opp.checklist_line_ids.item_id, self.item_chain | self.item_budget | self.item_demo)
        line = self.opp.checklist_line_ids.filtered(lambda line: line.item_id == self.item_budget)
        self.assertEqual(line.stage_id, self.stage_qualified)

    def test_stage_move_refused_lists_missing_items(self):
        with self.assertRaises(UserError) as caught:
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        message = str(caught.exception)
        self.assertIn("T-Qualified", message)
        self.assertIn("Checklist: Decision chain identified", message)
        self.assertIn("Checklist: Budget confirmed", message)
        self.assertIn("Field: Expected Revenue", message)
        self.assertNotIn("Solution presented", message)  # gate of a later stage
        self.assertEqual(self.opp.stage_id, self.stage_new)

    def test_stage_move_allowed_once_items_done_and_fields_filled(self):
        self._tick(self.item_chain)
        with self.assertRaises(UserError) as caught:
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self.assertNotIn("Decision chain", str(caught.exception))
        self.assertIn("Budget confirmed", str(caught.exception))
        self._tick(self.item_budget)
        # the field filled in the same save counts
        self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id, "expected_revenue": 80000})
        self.assertEqual(self.opp.stage_id, self.stage_qualified)

    def test_skipping_stages_checks_every_gate_passed(self):
        with self.assertRaises(UserError) as caught:
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_proposal.id})
        message = str(caught.exception)
        for expected in ("Budget confirmed", "Solution presented", "Decision point: Go / No-Go"):
            self.assertIn(expected, message)

    def test_backward_move_is_not_gated(self):
        self.opp.sudo().stage_id = self.stage_proposal
        self.opp.with_user(self.rep_a).write({"stage_id": self.stage_new.id})
        self.assertEqual(self.opp.stage_id, self.stage_new)

    def test_team_gate_replaces_the_all_teams_gate(self):
        self.env["ltc.stage.gate"].create({
            "stage_id": self.stage_qualified.id, "team_id": self.team.id,
            "checklist_item_ids": [Command.set(self.item_chain.ids)],
        })
        self._tick(self.item_chain)
        self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self.assertEqual(self.opp.stage_id, self.stage_qualified)
        other_team = self.env["crm.team"].create({"name": "Other team"})
        other = self._create_opportunity("Other team deal", self.rep_b, team_id=other_team.id)
        with self.assertRaisesRegex(UserError, "Budget confirmed"):
            other.with_user(self.rep_b).write({"stage_id": self.stage_qualified.id})

    def test_won_button_goes_through_the_gates(self):
        self.env["ltc.stage.gate"].create({
            "stage_id": self.stage_won.id, "required_decision": "contract_review",
        })
        with self.assertRaisesRegex(UserError, "Contract Review"):
            self.opp.with_user(self.rep_a).action_set_won()
        self.assertNotEqual(self.opp.stage_id, self.stage_won)

    def test_ticking_an_item_records_who_and_when(self):
        self._tick(self.item_budget)
        line = self.opp.checklist_line_ids.filtered(lambda line: line.item_id == self.item_budget)
        self.assertEqual(line.done_by_id, self.rep_a)
        self.assertTrue(line.done_date)
        with Form(self.opp.with_user(self.rep_a)) as form:
            with form.checklist_line_ids.edit(1) as edit:
                edit.done = False
        self.assertFalse(line.done_by_id)

    def test_sales_manager_configures_required_fields_without_reading_ir_model_fields(self):
        """The gate form of a sales manager (not an administrator) loads and saves required fields."""
        self.assertFalse(self.manager.has_group("base.group_erp_manager"))
        gate = self.gate_qualified.with_user(self.manager)
        with Form(gate, view="ltc_opportunity.view_ltc_stage_gate_form") as form:
            with form.required_field_line_ids.new() as line:
                line.field_name = "date_deadline"
        self.assertEqual(gate.required_field_line_ids.mapped("field_name"), ["expected_revenue", "date_deadline"])
        self.assertEqual(self.gate_qualified.required_field_ids, self.field_revenue | self.field_deadline)
        self.assertIn("Expected Closing", gate.required_fields_summary)
        # the list, the stage form's gate list and the field choices read as the manager
        gate.web_search_read([("id", "=", gate.id)], {"required_fields_summary": {}, "stage_id": {}})
        self.stage_qualified.with_user(self.manager).web_read(
            {"gate_ids": {"fields": {"required_fields_summary": {}, "team_id": {}}}})
        choices = dict(self.env["ltc.stage.gate.field"].with_user(self.manager).fields_get(
            ["field_name"])["field_name"]["selection"])
        self.assertIn("product_line_ids", choices)
        self.assertNotIn("message_ids", choices)
        with self.assertRaises(UserError) as caught:
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self.assertIn("Field: Expected Closing", str(caught.exception))
