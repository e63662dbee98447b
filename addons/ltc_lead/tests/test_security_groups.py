from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    def test_sales_roles_grant_ltc_roles(self):
        rep = new_test_user(self.env, "ltc_rep_g", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, "ltc_boss_g", groups="sales_team.group_sale_manager")
        portal = new_test_user(self.env, "ltc_portal_g", groups="base.group_portal")
        self.assertTrue(rep.has_group("ltc_lead.group_ltc_user"))
        self.assertFalse(rep.has_group("ltc_lead.group_ltc_manager"))
        self.assertTrue(boss.has_group("ltc_lead.group_ltc_manager"))
        self.assertTrue(boss.has_group("ltc_lead.group_ltc_user"))
        self.assertFalse(portal.has_group("ltc_lead.group_ltc_user"))

    def test_only_managers_configure_product_lines(self):
        rep = new_test_user(self.env, "ltc_rep_pl", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, "ltc_boss_pl", groups="sales_team.group_sale_manager")
        line = self.env["ltc.product.line"].with_user(boss).create({"name": "Cloud"})
        self.assertEqual(line.with_user(rep).name, "Cloud")
        with self.assertRaises(Exception) as ctx:
            self.env["ltc.product.line"].with_user(rep).create({"name": "Nope"})
        self.assertEqual(type(ctx.exception).__name__, "AccessError")
