from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestLifecycle(LtcLeadCase):
    def test_transitions_stamp_their_date(self):
        lead = self.env["crm.lead"].create({"name": "L", "type": "lead", "user_id": self.rep1.id})
        self.assertEqual(lead.lifecycle_state, "raw")
        with freeze_time("2026-03-01 10:00:00"):
            lead.action_mark_mql()
        with freeze_time("2026-03-02 11:00:00"):
            lead.action_mark_sql()
        self.assertEqual(lead.lifecycle_state, "sql")
        self.assertEqual(str(lead.mql_date), "2026-03-01 10:00:00")
        self.assertEqual(str(lead.sql_date), "2026-03-02 11:00:00")

    def test_invalid_needs_a_reason_and_leaves_lead_untouched_without_one(self):
        lead = self.env["crm.lead"].create({"name": "L", "type": "lead"})
        with self.assertRaisesRegex(UserError, "reason"):
            lead._set_lifecycle_state("invalid", reason="  ")
        self.assertEqual(lead.lifecycle_state, "raw")
        self.assertFalse(lead.invalid_date)
        wizard = Form(self.env["ltc.lead.invalid.wizard"].with_context(active_ids=lead.ids))
        wizard.reason = "Wrong number"
        wizard.save().action_confirm()
        self.assertEqual(lead.lifecycle_state, "invalid")
        self.assertEqual(lead.invalid_reason, "Wrong number")
        self.assertTrue(lead.invalid_date)

    def test_converted_lead_cannot_go_back(self):
        lead = self.env["crm.lead"].create({"name": "L", "type": "lead", "user_id": self.rep1.id})
        partner = self.env["res.partner"].create({"name": "Customer"})
        lead.convert_opportunity(partner)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.lifecycle_state, "converted")
        self.assertTrue(lead.converted_date)
        with self.assertRaisesRegex(UserError, "cannot go from Converted to MQL"):
            lead.action_mark_mql()

    def test_first_response_time_runs_from_assignment_to_owner_follow_up(self):
        with freeze_time("2026-03-01 08:00:00"):
            lead = self.env["crm.lead"].create({"name": "L", "type": "lead", "user_id": self.rep1.id})
            lead.date_open = "2026-03-01 08:00:00"
        # someone else's note is not a follow-up by the owner
        lead.with_user(self.manager).message_post(body="Call them", message_type="comment")
        self.assertFalse(lead.first_follow_up_date)
        with freeze_time("2026-03-01 11:30:00"):
            lead.with_user(self.rep1).message_post(body="Called, interested", message_type="comment")
        self.assertEqual(str(lead.first_follow_up_date), "2026-03-01 11:30:00")
        self.assertAlmostEqual(lead.first_response_hours, 3.5)
        with freeze_time("2026-03-03 09:00:00"):
            lead.with_user(self.rep1).message_post(body="Sent brochure", message_type="comment")
        self.assertEqual(str(lead.last_follow_up_date), "2026-03-03 09:00:00")
        self.assertAlmostEqual(lead.first_response_hours, 3.5)

    def test_conversion_rate_measure_is_the_share_converted(self):
        leads = self.env["crm.lead"].create([{"name": f"L{i}", "type": "lead", "campaign_id": False}
                                             for i in range(4)])
        leads[0].convert_opportunity(self.env["res.partner"].create({"name": "C"}))
        [(rate,)] = self.env["crm.lead"]._read_group([("id", "in", leads.ids)], [], ["is_converted:avg"])
        self.assertAlmostEqual(rate, 0.25)
