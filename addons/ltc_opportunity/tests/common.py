from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class LtcOpportunityCase(TransactionCase):
    """Two reps of one team, an SR, an FR, a team leader; a pipeline of the team's own stages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_create_nolog=True))
        cls.company = cls.env.company
        salesman = "sales_team.group_sale_salesman"
        cls.manager = new_test_user(cls.env, "ltc_opp_manager", groups="sales_team.group_sale_manager",
                                    name="Manager Mei", email="mei@example.com")
        cls.rep_a = new_test_user(cls.env, "ltc_opp_rep_a", groups=salesman, name="Rep Alice", email="a@example.com")
        cls.rep_b = new_test_user(cls.env, "ltc_opp_rep_b", groups=salesman, name="Rep Bob", email="b@example.com")
        cls.sr = new_test_user(cls.env, "ltc_opp_sr", groups=salesman, name="Solution Sam", email="s@example.com")
        cls.fr = new_test_user(cls.env, "ltc_opp_fr", groups=salesman, name="Fulfil Fay", email="f@example.com")
        cls.outsider = new_test_user(cls.env, "ltc_opp_out", groups=salesman, name="Other Otto",
                                     email="o@example.com")
        cls.team = cls.env["crm.team"].create({
            "name": "LTC Test Team",
            "user_id": cls.manager.id,
            "member_ids": [Command.set((cls.rep_a | cls.rep_b).ids)],
        })
        Stage = cls.env["crm.stage"]
        cls.stage_new = Stage.create({"name": "T-New", "sequence": 1001, "team_id": cls.team.id})
        cls.stage_qualified = Stage.create({"name": "T-Qualified", "sequence": 1002, "team_id": cls.team.id})
        cls.stage_proposal = Stage.create({"name": "T-Proposal", "sequence": 1003, "team_id": cls.team.id})
        cls.stage_won = Stage.create({"name": "T-Won", "sequence": 1004, "team_id": cls.team.id, "is_won": True})
        cls.line_erp = cls.env["ltc.product.line"].create({"name": "ERP", "code": "T-ERP"})
        cls.line_iot = cls.env["ltc.product.line"].create({"name": "IoT", "code": "T-IOT"})
        cls.customer = cls.env["res.partner"].create({"name": "Huaxin Tech Co., Ltd.", "is_company": True})
        cls.customer_contact = cls.env["res.partner"].create({
            "name": "Li Lei", "parent_id": cls.customer.id,
        })
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Duplicate deal"})

    @classmethod
    def _create_opportunity(cls, name, user, partner=None, lines=None, stage=None, **vals):
        return cls.env["crm.lead"].create({
            "name": name,
            "type": "opportunity",
            "user_id": user.id if user else False,
            "team_id": cls.team.id,
            "company_id": cls.company.id,
            "partner_id": partner.id if partner else False,
            "product_line_ids": [Command.set((lines or cls.line_erp).ids)],
            "stage_id": (stage or cls.stage_new).id,
            **vals,
        })

    @classmethod
    def _tier_definition(cls, reviewer, domain="[]", **vals):
        return cls.env["tier.definition"].create({
            "name": "Registration approval",
            "model_id": cls.env["ir.model"]._get_id("ltc.opportunity.registration"),
            "review_type": "individual",
            "reviewer_id": reviewer.id,
            "definition_domain": domain,
            **vals,
        })
