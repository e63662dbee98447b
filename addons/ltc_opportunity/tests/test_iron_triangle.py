from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestIronTriangle(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opp = cls._create_opportunity(
            "Smart factory", cls.rep_a, cls.customer,
            solution_user_id=cls.sr.id, fulfilment_user_id=cls.fr.id,
        )

    def test_sr_reads_and_writes_opportunity_owned_by_ar(self):
        as_sr = self.opp.with_user(self.sr)
        self.assertIn(self.opp, self.env["crm.lead"].with_user(self.sr).search([("id", "=", self.opp.id)]))
        as_sr.write({"description": "Architecture reviewed"})
        self.assertEqual(str(self.opp.description), "<p>Architecture reviewed</p>")
        as_sr.stakeholder_ids.create({"lead_id": self.opp.id, "partner_id": self.customer_contact.id,
                                      "role": "decision_maker"})
        self.assertEqual(self.opp.stakeholder_ids.partner_id, self.customer_contact)

    def test_fr_and_sponsor_access_opportunity_they_do_not_own(self):
        self.opp.sponsor_user_id = self.outsider
        for user in (self.fr, self.outsider):
            lead = self.opp.with_user(user)
            self.assertEqual(lead.name, "Smart factory")
            lead.write({"priority": "2"})

    def test_rep_outside_the_triangle_cannot_read_the_opportunity(self):
        with self.assertRaises(AccessError):
            _name = self.opp.with_user(self.outsider).name
        self.assertFalse(self.env["crm.lead"].with_user(self.outsider).search([("id", "=", self.opp.id)]))
        stakeholder = self.env["ltc.opportunity.stakeholder"].create({
            "lead_id": self.opp.id, "partner_id": self.customer_contact.id, "role": "coach",
        })
        self.assertFalse(self.env["ltc.opportunity.stakeholder"].with_user(self.outsider).search(
            [("id", "=", stakeholder.id)]))

    def test_handover_changes_role_and_logs_who_when_why(self):
        wizard = Form(self.env["ltc.opportunity.handover"].with_user(self.manager).with_context(
            active_model="crm.lead", active_ids=self.opp.ids))
        wizard.role = "sr"
        wizard.user_id = self.outsider
        wizard.reason = "Sam moves to the banking vertical"
        wizard.save().action_apply()
        self.assertEqual(self.opp.solution_user_id, self.outsider)
        handover = self.opp.handover_ids
        self.assertEqual(len(handover), 1)
        self.assertEqual((handover.role, handover.from_user_id, handover.to_user_id, handover.create_uid),
                         ("sr", self.sr, self.outsider, self.manager))
        self.assertTrue(handover.create_date)
        self.assertIn("Sam moves to the banking vertical", self.opp.message_ids[0].body)
        # the new SR works it, the old one no longer sees it
        self.opp.with_user(self.outsider).write({"priority": "1"})
        with self.assertRaises(AccessError):
            _name = self.opp.with_user(self.sr).name

    def test_handover_without_reason_is_refused_and_role_kept(self):
        with self.assertRaises(UserError):
            self.opp.with_user(self.manager)._handover_role("fr", self.outsider, "  ")
        self.assertEqual(self.opp.fulfilment_user_id, self.fr)
        self.assertFalse(self.opp.handover_ids)

    def test_ar_hands_over_own_opportunity_and_trace_survives(self):
        self.opp.with_user(self.rep_a)._handover_role("ar", self.rep_b, "Territory change")
        self.assertEqual(self.opp.user_id, self.rep_b)
        self.assertEqual(self.opp.handover_ids.create_uid, self.rep_a)
        with self.assertRaises(AccessError):
            _name = self.opp.with_user(self.rep_a).name
