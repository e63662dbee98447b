from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.ltc_lead.guard import guarded

CN_COMPANY = "华东智联科技有限公司 East China Smart Link Co."
# (xmlid, login, name, groups): the roles of the chain, one user each
CN_ROLES = [
    ("user_cn_manager", "cn_manager", "赵敏 Zhao Min (销售经理 Sales Manager)", ["sales_team.group_sale_manager"]),
    ("user_cn_rep", "cn_rep", "孙浩 Sun Hao (客户经理 AR)", ["sales_team.group_sale_salesman"]),
    ("user_cn_sr", "cn_sr", "周婷 Zhou Ting (解决方案 SR)", ["sales_team.group_sale_salesman"]),
    ("user_cn_fr", "cn_fr", "吴刚 Wu Gang (交付 FR)", ["sales_team.group_sale_salesman"]),
    ("user_cn_accountant", "cn_accountant", "郑洁 Zheng Jie (会计 Accountant)", ["account.group_account_manager"]),
]
MAIN_ROLES = [
    ("user_sr_demo", "ltc_sr", "Liu Yang (Solution SR)", ["sales_team.group_sale_salesman"]),
    ("user_fr_demo", "ltc_fr", "Huang Lei (Fulfilment FR)", ["sales_team.group_sale_salesman"]),
    ("user_accountant_demo", "ltc_accountant", "Ma Li (Accountant)", ["account.group_account_manager"]),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _demo_story(self):
        """Demo only: the roles of the main company that the other demo data leaves out (SR, FR,
        accountant, a portal customer), and a second company in CNY (the main one is in USD) that tells
        the chain from pool to cash with a user per role — zh_CN where the language is installed."""
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else False
        main = self.env.ref("base.main_company")
        self._demo_users(main, MAIN_ROLES, lang)
        if lang:  # the earlier addons' demo users work in Chinese too
            self.env["res.users"].search([("login", "in", ["ltc_manager", "ltc_rep1", "ltc_rep2", "ltc_rep3",
                                                            "ltc_demo_rep", "ltc_demo_vp"])]).write({"lang": lang})
        customer = self.env.ref("base.res_partner_2", raise_if_not_found=False)
        if customer and not self.env.ref("ltc_receivable.user_portal_demo", raise_if_not_found=False):
            contact = self.env["res.partner"].create({"name": "Portal Buyer", "parent_id": customer.id,
                                                      "email": "portal.buyer@example.com"})
            portal = self.env["res.users"].with_context(no_reset_password=True).create({
                "name": contact.name, "login": "ltc_portal", "password": "ltc_portal", "partner_id": contact.id,
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])], "lang": lang or "en_US"})
            self._demo_xmlid(portal, "user_portal_demo")
        if not self.search([("name", "=", CN_COMPANY)]):
            self._demo_cn_company(lang)
        return True

    @api.model
    def _demo_xmlid(self, record, name):
        self.env["ir.model.data"].create({"module": "ltc_receivable", "name": name, "model": record._name,
                                          "res_id": record.id, "noupdate": True})

    @api.model
    def _demo_users(self, company, roles, lang, xmlids=True):
        users = self.env["res.users"]
        for xmlid, login, name, groups in roles:
            user = self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])
            if not user:
                user = self.env["res.users"].with_context(no_reset_password=True).create({
                    "name": name, "login": login, "password": login, "email": f"{login}@example.com",
                    "company_id": company.id, "company_ids": [Command.set(company.ids)], "lang": lang or "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [Command.set([self.env.ref("base.group_user").id]
                                              + [self.env.ref(group).id for group in groups])]})
                if xmlids:
                    self._demo_xmlid(user, xmlid)
            users |= user
        return users

    @api.model
    def _demo_cn_company(self, lang):
        today = fields.Date.context_today(self)
        cny = self.env.ref("base.CNY")
        cny.active = True
        # no country: a country would install and load its localisation (l10n_cn) at commit time. No
        # xmlids in this company: its posted entries stay when the demo goes, and so do the company and
        # the users they name (as _demo_collections does)
        company = self.create({"name": CN_COMPANY, "currency_id": cny.id, "city": "上海 Shanghai"})
        company.partner_id.tz = "Asia/Shanghai"
        # (try_loading would warn: the registry is still loading the addons)
        self.env["account.chart.template"]._load("generic_coa", company, install_demo=False)
        company.currency_id = cny  # the generic chart sets USD; no journal item yet, so it may change
        company.ltc_plan_invoice_post = True
        self.env.ref("base.user_admin").company_ids = [Command.link(company.id)]
        manager, rep, sr, fr, accountant = self._demo_users(company, CN_ROLES, lang, xmlids=False)
        env = self.with_company(company).env
        team = env["crm.team"].create({"name": "华东大客户部 East China Key Accounts", "company_id": company.id,
                                       "user_id": manager.id})
        env["crm.team.member"].create([{"crm_team_id": team.id, "user_id": user.id} for user in (rep, sr, fr)])
        pool = env["ltc.lead.pool"].create({
            "name": "华东公海 East China Pool", "company_id": company.id, "team_ids": [Command.link(team.id)],
            "manager_ids": [Command.link(manager.id)]})
        env["crm.lead"].create([{
            "name": name, "type": "lead", "pool_id": pool.id, "user_id": False, "partner_name": partner_name,
            "company_id": company.id, "team_id": team.id,
        } for name, partner_name in (("冷链仓储 WMS 选型 Cold-chain WMS selection", "苏州冷链物流 Suzhou Cold Chain"),
                                     ("产线 MES 升级 MES upgrade", "无锡精工 Wuxi Precision"),
                                     ("园区物联网 Campus IoT", "杭州未来园区 Hangzhou Future Park"))])
        # won: the opportunity worked by the iron triangle, quoted, contracted, billed by its plan
        customer = env["res.partner"].create({"name": "宁波港智慧物流 Ningbo Port Smart Logistics", "is_company": True,
                                              "city": "宁波 Ningbo", "company_id": company.id})
        opportunity = env["crm.lead"].create({
            "name": "港区调度平台 Port dispatch platform", "type": "opportunity", "partner_id": customer.id,
            "company_id": company.id, "team_id": team.id, "user_id": rep.id, "solution_user_id": sr.id,
            "fulfilment_user_id": fr.id, "expected_revenue": 560000.0, "probability": 90})
        products = env["product.product"].create([
            {"name": "调度平台许可 Dispatch platform licence (CN demo)", "list_price": 360000.0, "type": "service",
             "standard_price": 90000.0, "taxes_id": [Command.clear()], "company_id": company.id},
            {"name": "实施服务 Implementation (CN demo)", "list_price": 200000.0, "type": "service",
             "standard_price": 120000.0, "taxes_id": [Command.clear()], "company_id": company.id},
        ])
        order = env["sale.order"].with_user(rep).create({
            "partner_id": customer.id, "opportunity_id": opportunity.id, "company_id": company.id,
            "team_id": team.id, "date_order": today - timedelta(days=75),
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1}) for product in products]})
        order.action_confirm()
        opportunity.with_user(rep)._action_set_won_with_reason(env.ref("ltc_opportunity.win_reason_solution"))
        contract = env["ltc.contract"].browse(order.with_user(rep).action_create_contract()["res_id"])
        # its own type: the data's types are deleted with the addon, this contract stays (posted entries)
        contract_type = env["ltc.contract.type"].create({"name": "销售合同 Sales (CN demo)", "kind": "order",
                                                         "company_id": company.id})
        contract.write({"date_start": today - timedelta(days=70), "date_end": today + timedelta(days=295),
                        "type_id": contract_type.id})
        contract._demo_execute()
        contract.write({"plan_line_ids": [
            Command.create({"sequence": 1, "name": "预付款 30%", "kind": "advance", "percentage": 30,
                            "trigger": "manual"}),
            Command.create({"sequence": 2, "name": "上线款 60%", "kind": "progress", "percentage": 60,
                            "trigger": "manual"}),
            Command.create({"sequence": 3, "name": "质保金 10%", "kind": "retention", "percentage": 10,
                            "trigger": "date", "date_planned": today + timedelta(days=290)})]})
        advance, progress = contract.plan_line_ids.sorted("sequence")[:2]
        # the advance billed 60 days ago and paid in full; go-live billed 20 days ago, half paid
        for line, invoiced, due, paid in ((advance, 60, 45, None), (progress, 20, 5, 0.5)):
            invoice = line._ltc_create_invoice()
            invoice.write({"invoice_date": today - timedelta(days=invoiced), "invoice_payment_term_id": False,
                           "invoice_date_due": today - timedelta(days=due)})
            invoice.action_post()
            guarded(line).write({"date_triggered": today - timedelta(days=invoiced)})
            register = env["account.payment.register"].with_user(accountant).with_context(
                active_model="account.move", active_ids=invoice.ids)
            vals = {"payment_date": today - timedelta(days=invoiced - 10)}
            if paid:
                vals.update(amount=invoice.amount_total * paid, payment_difference_handling="open")
            register.create(vals)._create_payments()
        return company
