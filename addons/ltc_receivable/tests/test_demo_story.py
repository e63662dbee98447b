from odoo.tests import TransactionCase, tagged

from ..models.res_company_demo import CN_COMPANY, CN_ROLES, MAIN_ROLES


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    """The demo tells the chain in two companies, USD and CNY, with a user per role (demo databases)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("base.module_ltc_receivable").demo:
            self.skipTest("installed without demo data")

    def test_two_companies_two_currencies_a_user_per_role(self):
        cn = self.env["res.company"].search([("name", "=", CN_COMPANY)])
        self.assertEqual(cn.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(self.env.ref("base.main_company").currency_id, self.env.ref("base.USD"))
        self.assertEqual(cn.partner_id.tz, "Asia/Shanghai")
        for company, roles in ((cn, CN_ROLES), (self.env.ref("base.main_company"), MAIN_ROLES)):
            for __, login, __, groups in roles:
                user = self.env["res.users"].search([("login", "=", login)])
                with self.subTest(login=login):
                    self.assertEqual((user.company_id, user.company_ids), (company, company))
                    self.assertTrue(all(user.has_group(group) for group in groups))
        self.assertTrue(self.env["res.users"].search([("login", "=", "ltc_portal")]).share)

    def test_the_cny_story_reads_from_the_ledger(self):
        cn = self.env["res.company"].search([("name", "=", CN_COMPANY)])
        rep = self.env["res.users"].search([("login", "=", "cn_rep")])
        self.assertEqual(self.env["crm.lead"].search_count([("company_id", "=", cn.id), ("type", "=", "lead"),
                                                            ("user_id", "=", False), ("pool_id", "!=", False)]), 3)
        contract = self.env["ltc.contract"].with_user(rep).search([("company_id", "=", cn.id)])
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.currency_id, cn.currency_id)
        self.assertEqual(contract.opportunity_id.solution_user_id.login, "cn_sr")
        self.assertTrue(contract.opportunity_id.stage_id.is_won)
        lines = contract.plan_line_ids.sorted("sequence")
        self.assertEqual(lines.mapped("payment_state"), ["paid", "partial", "not_invoiced"])
        self.assertAlmostEqual(contract.amount_total, 560000.0)
        self.assertAlmostEqual(lines[1].amount_residual, 560000.0 * 0.6 / 2)
        # the contract's outstanding is what its invoices' receivable items still hold
        items = self.env["account.move.line"].search([("move_id.ltc_contract_id", "=", contract.id),
                                                      ("account_id.account_type", "=", "asset_receivable"),
                                                      ("parent_state", "=", "posted")])
        self.assertAlmostEqual(contract.amount_outstanding, sum(items.mapped("amount_residual")))
        self.assertAlmostEqual(contract.amount_outstanding, 168000.0)
