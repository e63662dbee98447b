from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestGuardedStates(LtcOpportunityCase):
    """Registration, conflict and decision states are set by their actions only; the stage gate reads
    the registrations and conflicts themselves (the JSON-RPC side: test_tour_rpc_guarded)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_qualified.registration_required = True
        cls.opp = cls._create_opportunity("Smart meter", cls.rep_a, cls.customer)

    def test_rep_cannot_approve_by_write(self):
        registration = self.env["ltc.opportunity.registration"].with_user(self.rep_a).create({"lead_id": self.opp.id})
        with self.assertRaises(AccessError):
            registration.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.opp.with_user(self.rep_a).write({"registration_state": "approved"})
        with self.assertRaises(AccessError):
            self.opp.with_user(self.manager).write({"has_open_conflict": False, "stalled": False})
        self.assertEqual(registration.state, "draft")
        registration.with_user(self.rep_a).action_submit()  # no tier definition: approved at once
        self.assertEqual(self.opp.registration_state, "approved")

    def test_stage_gate_reads_the_registration_itself(self):
        self.env["ltc.opportunity.registration"].create({"lead_id": self.opp.id})
        self.opp.flush_recordset()
        self.env.execute_query(SQL("UPDATE crm_lead SET registration_state = 'approved' WHERE id = %s", self.opp.id))
        self.opp.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "an approved registration"):
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})

    def test_stalled_flag_still_clears_on_a_stage_move(self):
        """The flag is guarded, and still cleared by the rep's stage move (its owner clears it)."""
        opp = self._create_opportunity("Smart meter II", self.rep_a, self.customer, stage=self.stage_qualified)
        opp._flag_stalled(opp.create_date)
        self.assertTrue(opp.stalled)
        with self.assertRaises(AccessError):
            opp.with_user(self.rep_a).write({"stalled": False})
        opp.with_user(self.rep_a).write({"stage_id": self.stage_new.id})  # backwards: not gated
        self.assertFalse(opp.stalled)
        self.assertFalse(opp.stalled_date)
