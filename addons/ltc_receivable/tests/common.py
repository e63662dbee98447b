from datetime import timedelta

from odoo import Command, fields
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.ltc_contract.tests.common import LtcContractFixtures
from odoo.tests import new_test_user


class LtcReceivableCommon(LtcContractFixtures, AccountTestInvoicingCommon):
    """A company with its chart of accounts; the contract fixtures of ltc_contract (AR/SR/FR, manager,
    VP, finance, accountant, products, customer); helpers to build an executing contract with a
    payment plan and to pay its invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ltc_contract()
        cls.company.ltc_plan_invoice_post = True
        cls.other_company = cls.env["res.company"].create({"name": "LTC AR Other Co"})
        cls.other_company_rep = new_test_user(
            cls.env, login="ltc_ar_other_co", name="Other Company Rep", company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)], groups="base.group_user,sales_team.group_sale_salesman")

    def _contract(self, lines=None, plan=None, currency=None, **quote_vals):
        """An executing contract from a quote (2 x server 10,000 + 1 x installation 2,000 by default)
        with the plan `plan`: a list of dicts of plan line values."""
        if currency:
            pricelist = self.env["product.pricelist"].create({"name": f"LTC AR {currency.name}",
                                                              "currency_id": currency.id})
            quote_vals["pricelist_id"] = pricelist.id
        quote = self._create_quote(lines=lines, **quote_vals)
        contract = self._contract_from_quote(quote)
        if plan:
            contract.write({"plan_line_ids": [Command.create(vals) for vals in plan]})
        self._sign(contract)
        contract.with_user(self.fr).action_execute()
        return contract

    def _pay(self, invoice, amount, date=None, currency=None):
        register = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids).create({
                "amount": amount, "payment_date": date or fields.Date.today(),
                **({"currency_id": currency.id} if currency else {}),
                "payment_difference_handling": "open",
            })
        return register._create_payments()

    def _aging_scenario(self):
        """Contract A in the company's currency, contract B in self.eur (set up by the caller): invoices,
        partial payments, a payment after the as-of dates, a credit note. Returns (a, b, {n: today − n days})."""
        d = {n: fields.Date.today() - timedelta(days=n) for n in (60, 50, 45, 40, 35, 30)}
        plan = [{"name": "Advance 30%", "percentage": 30, "trigger": "date", "date_planned": d[60]},
                {"name": "Progress 60%", "percentage": 60, "trigger": "date", "date_planned": d[50]},
                {"name": "Rest 10%", "percentage": 10, "trigger": "manual"}]
        a = self._contract(plan=plan)
        b = self._contract(plan=[{**plan[0], "date_planned": d[50]}, {**plan[1], "date_planned": d[30]},
                                 plan[2]], currency=self.eur)
        self.env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        a1, a2 = a.plan_line_ids.sorted("sequence")[:2]
        b1, b2 = b.plan_line_ids.sorted("sequence")[:2]
        self._pay(a1.invoice_id, 2000.0, date=d[40])                    # partial
        self._pay(b1.invoice_id, 600.0, date=d[35], currency=self.eur)  # partial, in EUR: 1,200 company
        self._pay(a1.invoice_id, 4600.0, date=fields.Date.today())      # after the as-of dates below
        refund = a2.invoice_id.sudo()._reverse_moves([{"invoice_date": d[30], "date": d[30]}])
        refund.invoice_line_ids.price_unit = 2000.0
        refund.action_post()
        return a, b, d
