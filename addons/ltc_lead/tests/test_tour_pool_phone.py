from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestPoolPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_rep_claims_from_the_pool_form_on_a_phone(self):
        rep = new_test_user(self.env, "ltc_phone_rep", groups="sales_team.group_sale_salesman", name="Phone Rep",
                            lang="en_US")
        pool = self.env["ltc.lead.pool"].create({"name": "Phone Pool", "user_ids": [(6, 0, rep.ids)],
                                                 "mask_contact": True, "max_open_per_rep": 5})
        Lead = self.env["crm.lead"]
        lead = Lead.create({
            "name": "Phone Pool Lead", "type": "lead", "pool_id": pool.id, "user_id": False,
            "email_from": "phone.buyer@phonecorp.cn", "company_id": self.env.company.id,
        })
        second = Lead.create({
            "name": "Phone Pool Second", "type": "lead", "pool_id": pool.id, "user_id": False,
            "email_from": "second.buyer@phonecorp.cn", "company_id": self.env.company.id,
        })
        self.start_tour("/odoo/action-ltc_lead.action_ltc_pool_leads", "ltc_lead_pool_claim_phone",
                        login="ltc_phone_rep")
        self.assertEqual(lead.user_id, rep)
        self.assertEqual(second.user_id, rep)
        self.assertEqual((lead | second).pool_log_ids.mapped("action"), ["claim", "claim"])
