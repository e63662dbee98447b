from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestWinLoss(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opp = cls._create_opportunity("Closing deal", cls.rep_a, cls.customer, expected_revenue=1000)
        cls.win_reason = cls.env.ref("ltc_opportunity.win_reason_solution")

    def test_lost_requires_a_lost_reason(self):
        wizard = self.env["crm.lead.lost"].with_user(self.rep_a).create({"lead_ids": self.opp.ids})
        with self.assertRaisesRegex(UserError, "lost reason"):
            wizard.action_lost_reason_apply()
        self.assertTrue(self.opp.active)
        wizard.lost_reason_id = self.lost_reason
        wizard.action_lost_reason_apply()
        self.assertFalse(self.opp.active)
        self.assertEqual(self.opp.lost_reason_id, self.lost_reason)

    def test_won_requires_a_win_reason_and_stores_the_sales_cycle(self):
        self.env.cr.execute("UPDATE crm_lead SET create_date = %s WHERE id = %s",
                            (datetime(2020, 1, 1), self.opp.id))
        self.opp.invalidate_recordset(["create_date"])
        action = self.opp.with_user(self.rep_a).action_open_won_wizard()
        record = self.env["ltc.opportunity.won"].with_user(self.rep_a).with_context(**action["context"]).create({})
        self.assertEqual(record.lead_ids, self.opp)
        with self.assertRaisesRegex(UserError, "win reason"):
            record.action_apply()
        self.assertLess(self.opp.probability, 100)
        record.win_reason_id = self.win_reason
        record.action_apply()
        self.assertEqual(self.opp.probability, 100)
        self.assertEqual(self.opp.stage_id, self.stage_won)
        self.assertEqual(self.opp.win_reason_id, self.win_reason)
        expected = (self.opp.date_closed - datetime(2020, 1, 1)).days
        self.assertEqual(self.opp.sales_cycle_days, expected)
        self.assertGreater(self.opp.sales_cycle_days, 0)

    def test_win_reason_optional_when_company_says_so(self):
        self.company.ltc_win_reason_required = False
        self.opp.with_user(self.rep_a)._action_set_won_with_reason(self.env["ltc.win.reason"])
        self.assertEqual(self.opp.probability, 100)
