from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestOpportunityMenu(TransactionCase):
    def test_pipeline_menu_lists_opportunities_not_leads(self):
        rep = new_test_user(self.env, "ltc_rep_menu", groups="sales_team.group_sale_salesman")
        menu = self.env.ref("ltc_opportunity.menu_ltc_opportunity_pipeline")
        self.assertIn(menu, self.env["ir.ui.menu"].with_user(rep).search([("id", "=", menu.id)]))
        action = menu.action
        lead = self.env["crm.lead"].create({"name": "raw lead", "type": "lead"})
        opp = self.env["crm.lead"].create({"name": "real deal", "type": "opportunity"})
        domain = safe_eval(action.domain or "[]")
        shown = self.env["crm.lead"].search(domain + [("id", "in", (lead | opp).ids)])
        self.assertEqual(shown, opp)
