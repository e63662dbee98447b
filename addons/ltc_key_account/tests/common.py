from odoo import Command
from odoo.addons.ltc_lead.tests.common import LtcLeadCase
from odoo.tests import new_test_user


class LtcVisitCase(LtcLeadCase):
    """ltc_lead's company, team (led by Manager Zhang, with Rep Wang and Rep Li), outsider rep and lead
    pool; a customer in Shanghai owned by Rep Wang, with its stored coordinates; a visit type whose SOP
    asks two required items and one optional; another company with its own rep."""

    SHANGHAI = (31.2304, 121.4737)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ltc_visit_distance_threshold_km = 0.5
        cls.customer = cls.env["res.partner"].create({
            "name": "Shanghai Steel Co", "is_company": True, "user_id": cls.rep1.id,
            "partner_latitude": cls.SHANGHAI[0], "partner_longitude": cls.SHANGHAI[1],
        })
        cls.contact = cls.env["res.partner"].create({"name": "Buyer Chen", "parent_id": cls.customer.id})
        cls.sop = cls.env["ltc.visit.type"].create({
            "name": "Business review", "require_answers": True,
            "question_ids": [
                Command.create({"name": "Met the decision maker", "kind": "check", "required": True, "sequence": 1}),
                Command.create({"name": "Budget for next year", "kind": "text", "required": True, "sequence": 2}),
                Command.create({"name": "Competitors seen", "kind": "text", "sequence": 3}),
            ],
        })
        cls.other_company = cls.env["res.company"].create({"name": "LTC KA Other Co"})
        cls.other_rep = new_test_user(
            cls.env, login="ltc_ka_other_rep", name="Other Co Rep", company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)], groups="sales_team.group_sale_salesman")

    def _visit(self, user=None, partner=None, **vals):
        user = user or self.rep1
        return self.env["ltc.visit"].with_user(user).create({
            "partner_id": (partner or self.customer).id, **vals}).with_user(user)
