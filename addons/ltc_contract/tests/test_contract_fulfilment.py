from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import LtcContractCommon


@tagged("post_install", "-at_install")
class TestContractFulfilment(LtcContractCommon):
    """Batch fulfilment (分批次履行) and framework call-offs."""

    def _contract_in_batches(self):
        """A signed contract for 10 servers whose quote orders only 4 of them at signing."""
        quote = self._create_quote(lines=[(self.module, 10, 1000.0)])
        contract = self._contract_from_quote(quote)
        contract.order_id.order_line.product_uom_qty = 4  # the first batch: the contract keeps 10
        self._sign(contract)
        contract.with_user(self.fr).action_execute()
        return contract

    def _order(self, contract, qty, user=None):
        action = contract.with_user(user or self.rep).action_create_order()
        order = self.env["sale.order"].with_user(user or self.rep).browse(action["res_id"])
        order.order_line.product_uom_qty = qty
        return order

    def test_figures_across_two_orders(self):
        contract = self._contract_in_batches()
        line = contract.line_ids
        self.assertEqual((line.product_uom_qty, line.qty_ordered, line.qty_remaining), (10.0, 4.0, 6.0))
        second = self._order(contract, 5)
        self.assertEqual(second.ltc_contract_id, contract)
        self.assertEqual(second.order_line.ltc_contract_line_id, line)
        self.assertEqual(second.pricelist_id, self.pricelist)
        self.assertEqual(line.qty_ordered, 4.0, "a draft order orders nothing yet")
        second.action_confirm()
        self.assertEqual((line.qty_ordered, line.qty_remaining), (9.0, 1.0))
        contract.order_id.order_line.qty_delivered = 4
        second.order_line.qty_delivered = 2
        self.assertEqual(line.qty_delivered, 6.0)
        contract.order_id._create_invoices().action_post()
        self.assertEqual(line.qty_invoiced, 4.0)
        self.assertEqual(contract.sale_order_count, 2)

    def test_order_past_the_remaining_quantity_is_refused_with_the_figures(self):
        contract = self._contract_in_batches()
        order = self._order(contract, 7)
        with self.assertRaisesMsg(
            UserError,
            r"Order S\d+ asks for 7.0 Units of LTC CT Module; contract HT\d+ agreed 10.0, 4.0 already ordered, "
            r"6.0 remaining.",
        ):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.order_line.product_uom_qty = 6
        order.action_confirm()
        self.assertEqual(contract.line_ids.qty_remaining, 0.0)

    def test_fulfilment_links_of_confirmed_orders_are_kept(self):
        contract = self._contract_in_batches()
        first = contract.order_id.with_user(self.rep)
        with self.assertRaisesMsg(UserError, "contract of a confirmed order is kept"):
            first.write({"ltc_contract_id": False})
        with self.assertRaisesMsg(UserError, "contract line of a confirmed order line is kept"):
            first.order_line.write({"ltc_contract_line_id": False})
        other = self._contract_from_quote(self._create_quote(lines=[(self.module, 1, 1000.0)]))
        draft = self._order(contract, 1)
        with self.assertRaisesMsg(UserError, "not the contract of order"):
            draft.order_line.write({"ltc_contract_line_id": other.line_ids.id})
        self.assertEqual(contract.line_ids.qty_ordered, 4.0)

    def test_order_of_an_unsigned_contract_is_refused(self):
        contract = self._contract_from_quote()
        with self.assertRaisesMsg(UserError, "which is Draft: orders are confirmed on a signed contract"):
            contract.order_id.with_user(self.rep).action_confirm()
        with self.assertRaisesMsg(UserError, "cannot be ordered against"):
            contract.action_create_order()

    def _framework(self, ceiling=10000.0, start=date(2026, 1, 1), end=date(2026, 12, 31)):
        framework = self.env["ltc.contract"].with_user(self.rep).create({
            "type_id": self.framework_type.id, "partner_id": self.customer.id, "title": "2026 frame",
            "ceiling_amount": ceiling, "date_start": start, "date_end": end, "pricelist_id": self.pricelist.id,
            "fulfilment_user_id": self.fr.id,
            "line_ids": [Command.create({"product_id": self.module.id, "product_uom_qty": 100, "price_unit": 1000.0})],
        })
        self._sign(framework)
        framework.with_user(self.rep).action_execute()
        return framework

    def _calloff(self, framework, qty, order_date="2026-06-01"):
        return self.env["sale.order"].with_user(self.rep).create({
            "partner_id": self.customer.id, "ltc_contract_id": framework.id, "date_order": order_date,
            "order_line": [Command.create({"product_id": self.module.id, "product_uom_qty": qty,
                                           "price_unit": 1000.0})],
        })

    def test_framework_consumed_and_remaining_come_from_confirmed_orders(self):
        framework = self._framework()
        self.assertEqual(framework.review_ids.definition_id,
                         self.env.ref("ltc_contract.tier_definition_contract_manager")
                         | self.env.ref("ltc_contract.tier_definition_contract_amount")
                         | self.env.ref("ltc_contract.tier_definition_contract_framework"),
                         "a framework agreement also goes to the VP (and to finance: 100,000)")
        first, second = self._calloff(framework, 3), self._calloff(framework, 4)
        self.assertEqual(first.pricelist_id, self.pricelist, "a call-off is priced at the agreement's prices")
        self.assertEqual((framework.consumed_amount, framework.remaining_amount), (0.0, 10000.0))
        first.action_confirm()
        second.action_confirm()
        framework.invalidate_recordset(["consumed_amount", "remaining_amount"])
        self.assertEqual((framework.consumed_amount, framework.remaining_amount), (7000.0, 3000.0))
        # an order contract under the framework counts too once its orders are confirmed
        child = self._contract_from_quote(self._create_quote(lines=[(self.module, 2, 1000.0)]))
        child.with_user(self.rep).framework_id = framework
        self._sign(child)
        framework.invalidate_recordset(["consumed_amount", "remaining_amount"])
        self.assertEqual((framework.consumed_amount, framework.remaining_amount), (9000.0, 1000.0))
        self.assertEqual(framework.calloff_ids, child)

    def test_calloff_past_the_ceiling_is_refused_or_warned_per_company(self):
        framework = self._framework()
        self._calloff(framework, 8).action_confirm()
        too_much = self._calloff(framework, 3)
        with self.assertRaisesMsg(
            UserError,
            r"S\d+ \(\$\s?3,000.00\) exceeds what remains of framework HT\d+: ceiling \$\s?10,000.00, "
            r"consumed \$\s?8,000.00, remaining \$\s?2,000.00.",
        ):
            too_much.action_confirm()
        self.assertEqual(too_much.state, "draft")
        self.company.ltc_framework_policy = "warn"
        too_much.action_confirm()
        self.assertEqual(too_much.state, "sale")
        self.assertIn("exceeds what remains", framework.message_ids[0].body)

    def test_calloff_outside_the_period_is_refused(self):
        framework = self._framework()
        late = self._calloff(framework, 1, order_date="2027-01-01")
        with self.assertRaisesMsg(UserError, r"S\d+ on 01/01/2027 is outside the period of framework HT\d+ "
                                             r"\(01/01/2026 – 12/31/2026\)"):
            late.action_confirm()

    def test_order_contract_past_the_ceiling_is_refused_at_submission(self):
        framework = self._framework(ceiling=5000.0)
        child = self._contract_from_quote(self._create_quote(lines=[(self.module, 6, 1000.0)]))
        child.with_user(self.rep).framework_id = framework
        with self.assertRaisesMsg(UserError, "exceeds what remains of framework"):
            child.with_user(self.rep).action_submit()
        self.assertEqual(child.state, "draft")

    def test_framework_of_another_customer_is_refused(self):
        framework = self._framework()
        other = self.env["res.partner"].create({"name": "Other Customer"})
        with self.assertRaisesMsg(ValidationError, "framework HT\\d+ is for"):
            self.env["ltc.contract"].with_user(self.rep).create({
                "partner_id": other.id, "framework_id": framework.id,
            })
