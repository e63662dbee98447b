from datetime import datetime

from odoo.tests import freeze_time, tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestFunnel(LtcLeadCase):
    """Hand-computed scenario, one morning of rep Wang (times UTC):

    08:00 leads A, B, C assigned; 12:00 lead D assigned; E sits unassigned in the pool.
    A answered at 10:00 (2 h), B at 13:00 (5 h); C and D never answered.
    At 18:00: first response = (2 + 5) / 2 = 3.5 h; 2 leads waiting, for (10 + 6) / 2 = 8 h on average.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]

        def lead(name, user, when):
            record = Lead.create({"name": name, "type": "lead", "user_id": user.id if user else False,
                                  "company_id": cls.company.id})
            if user:  # crm stamps the assignment with the transaction's time
                record.date_open = when
            return record

        cls.lead_a = lead("Funnel A", cls.rep1, "2030-03-04 08:00:00")
        cls.lead_b = lead("Funnel B", cls.rep1, "2030-03-04 08:00:00")
        cls.lead_c = lead("Funnel C", cls.rep1, "2030-03-04 08:00:00")
        cls.lead_d = lead("Funnel D", cls.rep1, "2030-03-04 12:00:00")
        cls.lead_e = lead("Funnel E", False, "2030-03-04 08:00:00")
        cls.lead_a._register_follow_up(datetime(2030, 3, 4, 10, 0))
        cls.lead_b._register_follow_up(datetime(2030, 3, 4, 13, 0))
        cls.leads = cls.lead_a | cls.lead_b | cls.lead_c | cls.lead_d | cls.lead_e

    def test_unanswered_leads_are_left_out_of_first_response_and_counted_as_waiting(self):
        self.assertEqual(self.lead_c.date_open, datetime(2030, 3, 4, 8, 0))
        with freeze_time("2030-03-04 18:00:00"):
            [group] = self.env["crm.lead"].with_user(self.manager).read_group(
                [("id", "in", self.leads.ids)],
                ["first_response_hours:avg", "awaiting_response:sum", "waiting_hours:avg"], [])
            self.assertAlmostEqual(group["first_response_hours"], 3.5)
            self.assertEqual(group["awaiting_response"], 2)
            self.assertAlmostEqual(group["waiting_hours"], 8.0)
            # the same figures on the records (form)
            self.assertEqual((self.lead_c.awaiting_response, self.lead_a.awaiting_response), (1, 0))
            self.assertAlmostEqual(self.lead_c.waiting_hours, 10.0)
        # the pivot offers the measures
        fields = self.env["crm.lead"].fields_get(["awaiting_response", "waiting_hours"], ["aggregator"])
        self.assertEqual(fields["awaiting_response"]["aggregator"], "sum")
        self.assertEqual(fields["waiting_hours"]["aggregator"], "avg")

    def test_funnel_groups_come_in_lifecycle_order(self):
        self.lead_a._set_lifecycle_state("converted")
        self.lead_b._set_lifecycle_state("sql")
        self.lead_c._set_lifecycle_state("mql")
        groups = self.env["crm.lead"].read_group([("id", "in", self.leads.ids)], ["__count"], ["lifecycle_state"],
                                                 lazy=False)
        self.assertEqual([g["lifecycle_state"] for g in groups], ["raw", "mql", "sql", "converted"])
        groups = self.env["crm.lead"].read_group([("id", "in", self.leads.ids)], ["__count"],
                                                 ["user_id", "lifecycle_state"], lazy=False)
        self.assertEqual([g["lifecycle_state"] for g in groups if g["user_id"]], ["raw", "mql", "sql", "converted"])
