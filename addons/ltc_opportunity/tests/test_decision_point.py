from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LtcOpportunityCase

SCORES = {
    "ar_relationship_score": 4, "ar_commercial_score": 3,
    "sr_solution_fit_score": 5, "sr_competition_score": 3,
    "fr_deliverability_score": 4, "fr_risk_score": 2,
}


@tagged("post_install", "-at_install")
class TestDecisionPoint(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opp = cls._create_opportunity("Plant digital twin", cls.rep_a, cls.customer,
                                          solution_user_id=cls.sr.id, fulfilment_user_id=cls.fr.id)
        cls.point = cls.env["ltc.decision.point"].with_context(default_lead_id=cls.opp.id).create({
            "lead_id": cls.opp.id, "decision_type": "go_no_go",
        })

    def _score_all(self):
        self.point.with_user(self.rep_a).write({"ar_relationship_score": 4, "ar_commercial_score": 3})
        self.point.with_user(self.sr).write({"sr_solution_fit_score": 5, "sr_competition_score": 3})
        self.point.with_user(self.fr).write({"fr_deliverability_score": 4, "fr_risk_score": 2})

    def test_decision_maker_defaults_to_team_leader(self):
        self.assertEqual(self.point.decision_maker_id, self.manager)

    def test_each_role_scores_only_its_own_items(self):
        with self.assertRaisesRegex(AccessError, "Rep Alice"):
            self.point.with_user(self.sr).write({"ar_relationship_score": 5})
        with self.assertRaises(AccessError):
            self.point.with_user(self.rep_a).write({"fr_risk_score": 5})
        self.assertEqual(self.point.ar_relationship_score, 0)
        self._score_all()
        self.assertAlmostEqual(self.point.average_score, sum(SCORES.values()) / 6)

    def test_scores_range_from_one_to_five(self):
        with self.assertRaises(ValidationError):
            self.point.with_user(self.rep_a).write({"ar_commercial_score": 7})

    def test_submit_requires_every_score(self):
        self.point.with_user(self.rep_a).write({"ar_relationship_score": 4, "ar_commercial_score": 3})
        with self.assertRaisesRegex(UserError, "Solution Fit"):
            self.point.with_user(self.rep_a).action_submit()
        self.assertEqual(self.point.state, "draft")

    def test_only_the_decision_maker_decides_go(self):
        self._score_all()
        self.point.with_user(self.rep_a).action_submit()
        self.assertEqual(self.point.activity_ids.user_id, self.manager)
        with self.assertRaises(AccessError):
            self.point.with_user(self.rep_a).action_approve()
        self.assertEqual(self.point.state, "submitted")
        with self.assertRaisesRegex(UserError, "frozen"):
            self.point.with_user(self.sr).write({"sr_competition_score": 5})
        self.point.with_user(self.manager).action_approve()
        self.assertEqual(self.point.state, "approved")
        self.assertEqual(self.point.decided_by_id, self.manager)
        self.assertIn("Go", self.opp.message_ids[0].body)

    def test_gate_requires_an_approved_go_no_go(self):
        self.env["ltc.stage.gate"].create({
            "stage_id": self.stage_qualified.id, "required_decision": "go_no_go",
            "checklist_item_ids": [Command.clear()],
        })
        with self.assertRaisesRegex(UserError, "Go / No-Go"):
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self._score_all()
        self.point.with_user(self.rep_a).action_submit()
        self.point.with_user(self.manager).action_reject()
        with self.assertRaisesRegex(UserError, "Go / No-Go"):
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self.point.with_user(self.manager).action_reset()
        self.point.with_user(self.rep_a).action_submit()
        self.point.with_user(self.manager).action_approve()
        self.opp.with_user(self.rep_a).write({"stage_id": self.stage_qualified.id})
        self.assertEqual(self.opp.stage_id, self.stage_qualified)
