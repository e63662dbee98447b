from odoo.tests import Form, new_test_user, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestQuoteFromOpportunity(LtcCpqCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sr = new_test_user(cls.env, login="ltc_cpq_sr", name="SR Chen", groups="sales_team.group_sale_salesman")
        cls.fr = new_test_user(cls.env, login="ltc_cpq_fr", name="FR Zhao", groups="sales_team.group_sale_salesman")
        cls.opportunity = cls.env["crm.lead"].create({
            "name": "East Power ERP", "type": "opportunity", "partner_id": cls.customer.id,
            "user_id": cls.rep.id, "solution_user_id": cls.sr.id, "fulfilment_user_id": cls.fr.id,
            "sponsor_user_id": cls.vp.id,
        })

    def test_new_quotation_from_opportunity_is_linked_to_it(self):
        action = self.opportunity.action_sale_quotations_new()
        with Form(self.env["sale.order"].with_context(**action["context"])) as form:
            self.assertEqual(form.partner_id, self.customer)
        order = form.save()
        self.assertEqual(order.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.quotation_count, 1)

    def test_quote_carries_the_iron_triangle_of_its_opportunity(self):
        action = self.opportunity.with_user(self.rep).action_sale_quotations_new()
        with Form(self.env["sale.order"].with_user(self.rep).with_context(**action["context"])) as form:
            self.assertEqual(form.solution_user_id, self.sr)
        order = form.save()
        self.assertEqual(order.user_id, self.rep, "AR")
        self.assertEqual(order.solution_user_id, self.sr, "SR")
        self.assertEqual(order.fulfilment_user_id, self.fr, "FR")
        self.assertEqual(order.sponsor_user_id, self.vp)

    def test_roles_stay_editable_on_the_quote(self):
        order = self._create_quote([(self.rack, 1)], opportunity_id=self.opportunity.id)
        self.assertEqual(order.solution_user_id, self.sr)
        order.solution_user_id = self.manager
        self.assertEqual(order.solution_user_id, self.manager)
        self.assertEqual(self.opportunity.solution_user_id, self.sr, "the opportunity keeps its own SR")

    def test_quote_without_opportunity_has_no_roles(self):
        order = self._create_quote([(self.rack, 1)])
        self.assertFalse(order.solution_user_id or order.fulfilment_user_id or order.sponsor_user_id)
