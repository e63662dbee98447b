from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestSettingsAndSecurity(LtcCpqCommon):
    def test_approval_limits_are_company_settings(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.ltc_discount_manager_limit = 15.0
            settings.ltc_discount_vp_limit = 40.0
            settings.ltc_below_cost_approval = False
        settings.save().execute()
        self.assertEqual(self.company.ltc_discount_manager_limit, 15.0)
        self.assertEqual(self.company.ltc_discount_vp_limit, 40.0)
        self.assertFalse(self.company.ltc_below_cost_approval)
        order = self._create_quote([(self.rack, 1, 1500.0, 12.0)])
        self.assertEqual(order.discount_approval_level, "none", "12 % is now within the free limit")

    def test_vp_group_implies_sales_manager_rights(self):
        self.assertTrue(self.vp.has_group("ltc_lead.group_ltc_manager"))
        self.assertFalse(self.manager.has_group("ltc_cpq.group_ltc_vp"))

    def test_reps_read_but_do_not_edit_rules_scopes_and_agreements(self):
        rule = self.env["ltc.product.rule"].create({
            "name": "Rack needs installation", "rule_type": "requires",
            "product_tmpl_id": self.rack.product_tmpl_id.id,
            "target_product_tmpl_id": self.install.product_tmpl_id.id,
        })
        self.assertEqual(rule.with_user(self.rep).name, "Rack needs installation")
        with self.assertRaises(AccessError):
            rule.with_user(self.rep).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["ltc.sellable.scope"].with_user(self.rep).create({"name": "My own scope"})
        with self.assertRaises(AccessError):
            self.bl_cpu.with_user(self.rep).write({"max_qty": 99.0})
        rule.with_user(self.manager).write({"active": False})
        self.assertFalse(rule.active)

    def test_agreements_of_another_company_are_not_visible(self):
        other = self.env["res.company"].create({"name": "LTC Other Branch"})
        agreement = self.env["ltc.rebate.agreement"].create({
            "name": "Branch rebate", "company_id": other.id, "partner_id": self.customer.id,
            "date_start": "2026-01-01", "date_end": "2026-12-31",
        })
        self.assertFalse(self.env["ltc.rebate.agreement"].with_user(self.rep).search([("id", "=", agreement.id)]))
        branch_rep = new_test_user(
            self.env, login="ltc_cpq_branch_rep", groups="sales_team.group_sale_salesman",
            company_id=other.id, company_ids=[(6, 0, other.ids)],
        )
        self.assertEqual(self.env["ltc.rebate.agreement"].with_user(branch_rep).search([]), agreement)

    def test_quote_form_shows_the_cpq_fields_to_a_rep(self):
        arch = self.env["sale.order"].with_user(self.rep).get_view(view_type="form")["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        for name in ("ltc_rule_warning", "approval_figures", "solution_user_id", "pricelist_price", "final_price",
                     "action_open_bundle_configurator", "action_open_revise_wizard", "validation_status"):
            self.assertIn(f'name="{name}"', arch)
