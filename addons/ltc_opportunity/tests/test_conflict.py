from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestConflict(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # rep B has been working the customer through its subsidiary contact
        cls.opp_b = cls._create_opportunity("Huaxin ERP (Bob)", cls.rep_b, cls.customer_contact,
                                            lines=cls.line_erp | cls.line_iot)
        cls.opp_a = cls._create_opportunity("Huaxin ERP upgrade (Alice)", cls.rep_a, cls.customer,
                                            lines=cls.line_erp)

    def _register_a(self):
        self.opp_a.with_user(self.rep_a).action_register()
        return self.opp_a.conflict_ids

    def test_conflict_raised_across_two_reps_and_managers_notified(self):
        conflict = self._register_a()
        self.assertEqual(len(conflict), 1)
        self.assertEqual((conflict.lead_id, conflict.other_lead_id), (self.opp_a, self.opp_b))
        self.assertEqual(conflict.match, "both")
        self.assertEqual(conflict.product_line_ids, self.line_erp)
        self.assertEqual(conflict.registration_id, self.opp_a.registration_id)
        self.assertTrue(self.opp_a.has_open_conflict)
        self.assertTrue(self.opp_b.has_open_conflict)
        self.assertEqual(conflict.manager_ids, self.manager)
        self.assertEqual(conflict.activity_ids.user_id, self.manager)
        notified = conflict.message_ids.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        self.assertTrue(notified)
        self.assertTrue(any("Huaxin ERP (Bob)" in (m.body or "") for m in self.opp_a.message_ids))
        # rep B sees the conflict on their side, an outsider does not
        self.assertEqual(self.env["ltc.opportunity.conflict"].with_user(self.rep_b).search([]), conflict)
        self.assertFalse(self.env["ltc.opportunity.conflict"].with_user(self.outsider).search([]))

    def test_same_normalised_company_name_without_partner_is_a_conflict(self):
        lead_c = self.env["crm.lead"].create({
            "name": "Walk-in", "type": "lead", "user_id": self.outsider.id,
            "partner_name": "HUAXIN TECH CO LTD", "product_line_ids": [(6, 0, self.line_erp.ids)],
        })
        self.assertEqual(lead_c.company_key, self.opp_a.company_key)
        conflicts = self._register_a()
        self.assertIn(lead_c, conflicts.other_lead_id)
        self.assertEqual(conflicts.filtered(lambda c: c.other_lead_id == lead_c).match, "company_key")

    def test_no_conflict_same_owner_other_line_closed_or_unassigned(self):
        self.opp_b.user_id = self.rep_a  # same owner now
        self._create_opportunity("IoT only", self.rep_b, self.customer, lines=self.line_iot)
        self._create_opportunity("In the pool", None, self.customer)
        won = self._create_opportunity("Won last year", self.rep_b, self.customer)
        won.action_set_won()
        self.assertFalse(self._register_a())
        self.assertFalse(self.opp_a.has_open_conflict)

    def test_conflict_raised_once_per_pair(self):
        conflict = self._register_a()
        self.opp_b.with_user(self.rep_b).action_register()
        self.assertFalse(self.opp_b.conflict_ids)
        self.assertEqual(self.env["ltc.opportunity.conflict"].search(
            [("lead_id", "in", (self.opp_a | self.opp_b).ids)]), conflict)

    def _rule(self, ruling, user=None, **vals):
        conflict = self.opp_a.conflict_ids
        wizard = Form(self.env["ltc.conflict.ruling"].with_user(user or self.manager).with_context(
            default_conflict_id=conflict.id))
        wizard.ruling = ruling
        for key, value in vals.items():
            setattr(wizard, key, value)
        wizard.reason = f"Ruling {ruling}"
        wizard.save().action_apply()
        return conflict

    def test_rule_keep_registered_closes_other_as_lost_and_logs_on_both(self):
        self._register_a()
        conflict = self._rule("keep_lead", lost_reason_id=self.lost_reason)
        self.assertEqual(conflict.state, "ruled")
        self.assertEqual(conflict.ruled_by_id, self.manager)
        self.assertFalse(self.opp_b.active)
        self.assertEqual(self.opp_b.lost_reason_id, self.lost_reason)
        self.assertTrue(self.opp_a.active)
        for lead in self.opp_a | self.opp_b:
            self.assertTrue(any("Ruling keep_lead" in (m.body or "") for m in lead.message_ids), lead.name)
        self.assertFalse(self.opp_a.has_open_conflict)
        self.assertFalse(conflict.activity_ids)

    def test_rule_keep_other_closes_registered_one(self):
        self._register_a()
        conflict = self._rule("keep_other", lost_reason_id=self.lost_reason)
        self.assertFalse(self.opp_a.active)
        self.assertTrue(self.opp_b.active)
        self.assertEqual(conflict.result_lead_id, self.opp_b)

    def test_rule_keep_without_lost_reason_refused_and_conflict_stays_open(self):
        conflict = self._register_a()
        with self.assertRaises(UserError):
            conflict.with_user(self.manager)._rule("keep_lead", "no reason given")
        self.assertEqual(conflict.state, "open")
        self.assertTrue(self.opp_b.active)

    def test_rule_merge_uses_native_merge(self):
        self._register_a()
        conflict = self._rule("merge", merge_user_id=self.rep_a)
        survivor = conflict.result_lead_id
        self.assertTrue(survivor.exists())
        self.assertEqual(survivor.user_id, self.rep_a)
        self.assertEqual(len((self.opp_a | self.opp_b).exists()), 1)
        self.assertEqual(len(survivor.registration_ids), 1, "the registration follows the merge")
        self.assertEqual(conflict.state, "ruled")
        self.assertTrue(any("Ruling merge" in (m.body or "") for m in survivor.message_ids))

    def test_rule_share_credits_both_owners(self):
        self._register_a()
        self._rule("share")
        self.assertTrue(self.opp_a.active and self.opp_b.active)
        self.assertEqual(self.opp_a.shared_user_ids, self.rep_b)
        self.assertEqual(self.opp_b.shared_user_ids, self.rep_a)
        # credited reps see the shared opportunity
        self.assertEqual(self.opp_a.with_user(self.rep_b).name, "Huaxin ERP upgrade (Alice)")

    def test_rep_cannot_rule_a_conflict(self):
        conflict = self._register_a()
        with self.assertRaises(AccessError):
            conflict.with_user(self.rep_a)._rule("share", "I was first")
        self.assertEqual(conflict.state, "open")
        self.assertFalse(self.opp_a.shared_user_ids)

    def test_ruling_twice_refused(self):
        self._register_a()
        conflict = self._rule("share")
        with self.assertRaisesRegex(UserError, "already ruled"):
            conflict.with_user(self.manager)._rule("keep_lead", "again", lost_reason=self.lost_reason)
        self.assertTrue(self.opp_b.active)

    def test_deleting_the_registered_opportunity_keeps_the_conflict_as_trace(self):
        conflict = self._register_a()
        self.assertTrue(conflict.registration_id)
        self.opp_a.unlink()
        self.assertTrue(conflict.exists())
        self.assertFalse(conflict.lead_id)
        self.assertFalse(conflict.registration_id)
        self.assertEqual(conflict.other_lead_id, self.opp_b)
