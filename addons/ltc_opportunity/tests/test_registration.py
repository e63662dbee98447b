from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestRegistration(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = cls.manager
        cls.big_deal_tier = cls._tier_definition(cls.approver, "[('expected_revenue', '>', 100000)]")
        cls.opp = cls._create_opportunity("Big MES rollout", cls.rep_a, cls.customer, expected_revenue=250000)

    def test_registration_below_tier_threshold_is_approved_at_once(self):
        small = self._create_opportunity("Small add-on", self.rep_a, self.customer, expected_revenue=5000)
        small.with_user(self.rep_a).action_register()
        self.assertEqual(small.registration_state, "approved")
        self.assertFalse(small.registration_id.review_ids)

    def test_registration_above_amount_approved_by_manager_through_tier_validation(self):
        self.opp.with_user(self.rep_a).action_register()
        registration = self.opp.registration_id
        self.assertEqual(registration.state, "to_approve")
        self.assertEqual(registration.review_ids.reviewer_ids, self.approver)
        self.assertFalse(registration.with_user(self.rep_a).can_review)
        registration.with_user(self.rep_a).validate_tier()  # not a reviewer: nothing happens
        self.assertEqual(registration.state, "to_approve")

        registration.with_user(self.approver).validate_tier()
        self.assertEqual(registration.validation_status, "validated")
        self.assertEqual(registration.state, "approved")
        self.assertEqual(self.opp.registration_state, "approved")
        self.assertTrue(registration.decided_date)

    def test_registration_rejected_through_tier_validation_keeps_the_review(self):
        self.opp.with_user(self.rep_a).action_register()
        registration = self.opp.registration_id
        registration.with_user(self.approver).reject_tier()
        self.assertEqual(registration.state, "rejected")
        self.assertEqual(self.opp.registration_state, "rejected")
        self.assertEqual(registration.review_ids.status, "rejected")
        self.assertEqual(registration.review_ids.done_by, self.approver)
        # the rep registers again: a new registration, the rejected one stays as history
        self.opp.with_user(self.rep_a).action_register()
        self.assertEqual(len(self.opp.registration_ids), 2)
        self.assertEqual(self.opp.registration_state, "to_approve")

    def test_registration_under_review_cannot_be_edited(self):
        self.opp.with_user(self.rep_a).action_register()
        with self.assertRaises(ValidationError):
            self.opp.registration_id.with_user(self.rep_a).write({"expected_revenue": 1})
        self.assertEqual(self.opp.registration_id.expected_revenue, 250000)

    def test_opportunity_created_in_the_form_can_be_registered_from_it(self):
        """Every field registration requires is editable on the opportunity form (not only on the lead's)."""
        Lead = self.env["crm.lead"].with_user(self.rep_a).with_context(default_type="opportunity")
        with Form(Lead) as form:
            form.name = "Created as an opportunity"
            form.partner_id = self.customer
            form.product_line_ids.add(self.line_iot)
        opp = form.record
        self.assertEqual(opp.type, "opportunity")
        self.assertEqual(opp.product_line_ids, self.line_iot)
        opp.with_user(self.rep_a).action_register()
        self.assertEqual(opp.registration_state, "approved")
        self.assertEqual(opp.registration_id.product_line_ids, self.line_iot)

    def test_registration_without_product_line_refused_and_nothing_created(self):
        opp = self._create_opportunity("No line", self.rep_a, self.customer)
        opp.product_line_ids = False
        with self.assertRaisesRegex(UserError, "product line"):
            opp.with_user(self.rep_a).action_register()
        self.assertFalse(opp.registration_ids)

    def test_registered_opportunity_cannot_register_twice(self):
        self.opp.with_user(self.rep_a).action_register()
        with self.assertRaisesRegex(UserError, "already registered"):
            self.opp.with_user(self.rep_a).action_register()
        self.assertEqual(len(self.opp.registration_ids), 1)

    def test_stage_requiring_registration_refused_until_approved(self):
        self.stage_qualified.registration_required = True
        with self.assertRaisesRegex(UserError, "approved registration"):
            self.opp.with_user(self.rep_a).write({"stage_id": self.stage_proposal.id})
        self.assertEqual(self.opp.stage_id, self.stage_new)
        self.opp.with_user(self.rep_a).action_register()
        self.opp.registration_id.with_user(self.approver).validate_tier()
        self.opp.with_user(self.rep_a).write({"stage_id": self.stage_proposal.id})
        self.assertEqual(self.opp.stage_id, self.stage_proposal)

    def test_registration_model_is_offered_to_tier_definitions(self):
        self.assertIn("ltc.opportunity.registration",
                      self.env["tier.definition"]._get_tier_validation_model_names())
