from odoo.tests import Form, tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestConflictRulingWizard(LtcOpportunityCase):
    def test_ruling_wizard_shows_both_sides_owner_and_amount(self):
        opp_b = self._create_opportunity("Huaxin ERP (Bob)", self.rep_b, self.customer, expected_revenue=80000)
        opp_a = self._create_opportunity("Huaxin ERP upgrade (Alice)", self.rep_a, self.customer,
                                         expected_revenue=120000)
        opp_a.with_user(self.rep_a).action_register()
        action = opp_a.with_user(self.manager).action_rule_conflict()
        wizard = Form(self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"]))
        self.assertEqual((wizard.lead_id, wizard.user_id, wizard.expected_revenue), (opp_a, self.rep_a, 120000))
        self.assertEqual((wizard.other_lead_id, wizard.other_user_id, wizard.other_expected_revenue),
                         (opp_b, self.rep_b, 80000))
