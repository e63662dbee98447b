from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestPoolTour(HttpCase):
    def test_rep_claims_from_the_pool_kanban(self):
        rep = new_test_user(self.env, "ltc_tour_rep", groups="sales_team.group_sale_salesman", name="Tour Rep")
        pool = self.env["ltc.lead.pool"].create({"name": "Tour Pool", "user_ids": [(6, 0, rep.ids)],
                                                 "mask_contact": True, "max_open_per_rep": 5})
        lead = self.env["crm.lead"].create({
            "name": "Tour Pool Lead", "type": "lead", "pool_id": pool.id, "user_id": False,
            "email_from": "tour.buyer@tourcorp.cn", "company_id": self.env.company.id,
        })
        self.start_tour("/odoo/action-ltc_lead.action_ltc_pool_leads", "ltc_lead_pool_claim", login="ltc_tour_rep")
        self.assertEqual(lead.user_id, rep)
        self.assertEqual(lead.pool_log_ids.action, "claim")
