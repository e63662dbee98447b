"""Registration, conflict and decision states over JSON-RPC, as the rep and the manager logged in
through the web session (HttpCase: run by odoo-bin with the tours, --test-tags ltc_tour)."""
from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install", "ltc_tour")
class TestRpcGuarded(HttpCase, LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_a.password = "ltc_opp_rep_a_pw"
        cls.manager.password = "ltc_opp_manager_pw"
        cls.stage_qualified.registration_required = True
        cls.opp = cls._create_opportunity("Smart grid", cls.rep_a, cls.customer)

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def assertRefused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc(model, method, *args, **kwargs)
        return str(caught.exception)

    def test_rep_cannot_approve_a_registration_by_write(self):
        self.authenticate("ltc_opp_rep_a", "ltc_opp_rep_a_pw")
        denied = "odoo.exceptions.AccessError"
        self.assertEqual(self.assertRefused("crm.lead", "write", self.opp.ids, {"registration_state": "approved"}),
                         denied)
        self.assertEqual(self.assertRefused("ltc.opportunity.registration", "create",
                                            {"lead_id": self.opp.id, "state": "approved"}), denied)
        registration_id = self.rpc("ltc.opportunity.registration", "create", {"lead_id": self.opp.id})
        self.assertEqual(self.assertRefused("ltc.opportunity.registration", "write", [registration_id],
                                            {"state": "approved", "decided_date": "2026-01-01 00:00:00"}), denied)
        self.opp.invalidate_recordset()
        self.assertEqual(self.opp.registration_state, "draft")
        self.assertEqual(self.assertRefused("crm.lead", "write", self.opp.ids, {"stage_id": self.stage_qualified.id}),
                         "odoo.exceptions.UserError")

    def test_stage_gate_rederives_the_registration_and_conflicts(self):
        """The gate reads the registrations and conflicts themselves, not their stored copies."""
        registration = self.env["ltc.opportunity.registration"].create({"lead_id": self.opp.id})
        self.opp.flush_recordset()
        self.env.execute_query(SQL("UPDATE crm_lead SET registration_state = 'approved', has_open_conflict = false "
                                   "WHERE id = %s", self.opp.id))
        self.env.invalidate_all()
        self.assertEqual(registration.state, "draft")
        self.authenticate("ltc_opp_rep_a", "ltc_opp_rep_a_pw")
        self.assertEqual(self.assertRefused("crm.lead", "write", self.opp.ids, {"stage_id": self.stage_qualified.id}),
                         "odoo.exceptions.UserError")
        self.opp.invalidate_recordset()
        self.assertEqual(self.opp.stage_id, self.stage_new)

    def test_decisions_and_rulings_are_not_set_by_write(self):
        point = self.env["ltc.decision.point"].create({"lead_id": self.opp.id, "decision_type": "go_no_go"})
        other = self._create_opportunity("Smart grid too", self.rep_b, self.customer)
        conflict = self.env["ltc.opportunity.conflict"].create({
            "lead_id": self.opp.id, "other_lead_id": other.id, "user_id": self.rep_a.id,
            "other_user_id": self.rep_b.id, "company_id": self.company.id, "match": "partner",
            "product_line_ids": [Command.set(self.line_erp.ids)]})
        self.authenticate("ltc_opp_rep_a", "ltc_opp_rep_a_pw")
        self.assertEqual(self.assertRefused("ltc.decision.point", "write", point.ids,
                                            {"state": "approved", "decided_by_id": self.rep_a.id}),
                         "odoo.exceptions.AccessError")
        self.assertEqual(self.assertRefused("crm.lead", "write", self.opp.ids, {"has_open_conflict": False}),
                         "odoo.exceptions.AccessError")
        self.authenticate("ltc_opp_manager", "ltc_opp_manager_pw")
        self.assertEqual(self.assertRefused("ltc.opportunity.conflict", "write", conflict.ids,
                                            {"state": "ruled", "ruling": "share"}), "odoo.exceptions.AccessError")
        point.invalidate_recordset()
        conflict.invalidate_recordset()
        self.assertEqual((point.state, conflict.state), ("draft", "open"))
