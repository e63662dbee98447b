import base64
from contextlib import contextmanager

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

SIGNED_COPY = base64.b64encode(b"%PDF-1.4 signed copy")


class LtcContractFixtures:
    """Fixtures: an AR, SR and FR (reps), another rep, a sales manager, a VP, a finance manager and
    an accountant; products without taxes except one taxed; a customer with a quote ready to become
    a contract."""

    @classmethod
    def _setup_ltc_contract(cls):
        # messages are asserted in English whatever the database's language
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        cls.company = cls.env.company
        cls.company.write({
            "ltc_contract_review_amount": 100000.0,
            "ltc_framework_policy": "block",
            "ltc_discount_manager_limit": 10.0,
            "ltc_discount_vp_limit": 30.0,
        })
        groups_rep = "base.group_user,sales_team.group_sale_salesman"
        cls.rep = new_test_user(cls.env, login="ltc_ct_ar", name="AR Zhang", groups=groups_rep)
        cls.sr = new_test_user(cls.env, login="ltc_ct_sr", name="SR Liu", groups=groups_rep)
        cls.fr = new_test_user(cls.env, login="ltc_ct_fr", name="FR Chen", groups=groups_rep)
        cls.other_rep = new_test_user(cls.env, login="ltc_ct_other", name="Other Rep", groups=groups_rep)
        cls.manager = new_test_user(cls.env, login="ltc_ct_manager", name="Manager Li",
                                    groups="base.group_user,sales_team.group_sale_manager")
        cls.vp = new_test_user(cls.env, login="ltc_ct_vp", name="VP Wang",
                               groups="base.group_user,sales_team.group_sale_manager,ltc_cpq.group_ltc_vp")
        cls.finance = new_test_user(cls.env, login="ltc_ct_finance", name="Finance Zhao",
                                    groups="base.group_user,account.group_account_manager")
        cls.accountant = new_test_user(cls.env, login="ltc_ct_accountant", name="Accountant Sun",
                                       groups="base.group_user,account.group_account_invoice")
        product = cls.env["product.product"]
        cls.server = product.create({"name": "LTC CT Server", "list_price": 10000.0, "standard_price": 6000.0,
                                     "type": "consu", "taxes_id": [Command.clear()]})
        cls.install = product.create({"name": "LTC CT Installation", "list_price": 2000.0,
                                      "standard_price": 800.0, "type": "service", "taxes_id": [Command.clear()]})
        cls.module = product.create({"name": "LTC CT Module", "list_price": 1000.0, "standard_price": 600.0,
                                     "type": "consu", "taxes_id": [Command.clear()]})
        cls.tax = cls.env["account.tax"].create({"name": "LTC CT VAT 13%", "amount": 13.0, "type_tax_use": "sale"})
        cls.customer = cls.env["res.partner"].create({"name": "华东电力 East Power", "is_company": True})
        cls.dealer = cls.env["res.partner"].create({"name": "Dealer Hangzhou", "is_company": True})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "LTC CT Pricelist", "currency_id": cls.company.currency_id.id, "company_id": cls.company.id,
        })
        cls.order_type = cls.env.ref("ltc_contract.contract_type_order")
        cls.framework_type = cls.env.ref("ltc_contract.contract_type_framework")

    @classmethod
    def _create_quote(cls, lines=None, user=None, **vals):
        """``lines``: (product, qty, price_unit[, discount[, taxes]])."""
        lines = lines or [(cls.server, 2, 10000.0), (cls.install, 1, 2000.0)]
        user = user or cls.rep
        order_lines = []
        for spec in lines:
            line = {"product_id": spec[0].id, "product_uom_qty": spec[1], "price_unit": spec[2]}
            if len(spec) > 3:
                line["discount"] = spec[3]
            if len(spec) > 4:
                line["tax_id"] = [Command.set(spec[4].ids)]
            order_lines.append(Command.create(line))
        return cls.env["sale.order"].with_user(user).create({
            "partner_id": cls.customer.id, "pricelist_id": cls.pricelist.id, "user_id": user.id,
            "solution_user_id": cls.sr.id, "fulfilment_user_id": cls.fr.id,
            "order_line": order_lines, **vals,
        })

    @classmethod
    def _contract_from_quote(cls, quote=None, user=None):
        quote = quote or cls._create_quote(user=user)
        action = quote.with_user(user or cls.rep).action_create_contract()
        return cls.env["ltc.contract"].with_user(user or cls.rep).browse(action["res_id"])

    def _approve(self, contract):
        """Submit as the AR and approve as every reviewer that applies."""
        contract.with_user(self.rep).action_submit()
        for reviewer in (self.manager, self.finance, self.vp):
            pending = contract.review_ids.filtered(lambda r, u=reviewer: r.status in ("waiting", "pending")
                                                   and u in r.reviewer_ids)
            if pending:
                contract.with_user(reviewer).validate_tier()
        self.assertEqual(contract.state, "approved")
        return contract

    def _sign(self, contract):
        self._approve(contract)
        contract.with_user(self.rep).write({"date_signed": fields.Date.today(), "signed_copy": SIGNED_COPY,
                                            "signed_copy_name": "signed.pdf"})
        contract.with_user(self.rep).action_sign()
        return contract

    def _executing_contract(self, **quote_vals):
        contract = self._sign(self._contract_from_quote(self._create_quote(**quote_vals)))
        contract.with_user(self.fr).action_execute()
        return contract

    @contextmanager
    def assertRaisesMsg(self, exception, regex):
        """``assertRaises`` (rolls the savepoint back) that also checks the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)


class LtcContractCommon(LtcContractFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ltc_contract()
