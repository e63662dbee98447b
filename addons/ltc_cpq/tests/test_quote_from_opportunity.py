from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestQuoteFromOpportunity(TransactionCase):
    def test_new_quotation_from_opportunity_is_linked_to_it(self):
        partner = self.env["res.partner"].create({"name": "腾飞科技", "is_company": True})
        opp = self.env["crm.lead"].create({"name": "ERP", "type": "opportunity", "partner_id": partner.id})
        action = opp.action_sale_quotations_new()
        with Form(self.env["sale.order"].with_context(**action["context"])) as form:
            self.assertEqual(form.partner_id, partner)
        order = form.save()
        self.assertEqual(order.opportunity_id, opp)
        self.assertEqual(opp.quotation_count, 1)
