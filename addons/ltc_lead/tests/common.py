from odoo.tests import TransactionCase, new_test_user


class LtcLeadCase(TransactionCase):
    """A company in China with a team, a manager, two reps in the team, one rep outside it, and a
    lead pool open to the team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.cn")
        cls.manager = new_test_user(cls.env, "ltc_t_manager", groups="sales_team.group_sale_manager",
                                    name="Manager Zhang")
        cls.rep1 = new_test_user(cls.env, "ltc_t_rep1", groups="sales_team.group_sale_salesman", name="Rep Wang")
        cls.rep2 = new_test_user(cls.env, "ltc_t_rep2", groups="sales_team.group_sale_salesman", name="Rep Li")
        cls.outsider = new_test_user(cls.env, "ltc_t_rep3", groups="sales_team.group_sale_salesman",
                                     name="Rep Outside")
        cls.team = cls.env["crm.team"].create({
            "name": "LTC Test Team", "user_id": cls.manager.id,
            "crm_team_member_ids": [(0, 0, {"user_id": cls.rep1.id}), (0, 0, {"user_id": cls.rep2.id})],
        })
        cls.pool = cls.env["ltc.lead.pool"].create({
            "name": "Test Pool", "team_ids": [(6, 0, cls.team.ids)], "manager_ids": [(6, 0, cls.manager.ids)],
            "max_open_per_rep": 3, "reclaim_no_follow_up_days": 10, "reclaim_not_converted_days": 30,
            "cooldown_days": 7, "mask_contact": True,
        })
        cls.erp = cls.env["ltc.product.line"].create({"name": "ERP (test)", "code": "T-ERP"})

    @classmethod
    def pooled(cls, count=1, **vals):
        return cls.env["crm.lead"].create([{
            "name": f"Pooled lead {i}", "type": "lead", "pool_id": cls.pool.id, "user_id": False,
            "company_id": cls.company.id, "email_from": f"buyer{i}@customer{i}.cn",
            "phone": f"1380013{i:04d}", **vals,
        } for i in range(count)])
