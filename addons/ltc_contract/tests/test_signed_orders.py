from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestSignedOrders(TransactionCase):
    def test_signed_orders_action_shows_confirmed_orders_only(self):
        partner = self.env["res.partner"].create({"name": "Customer"})
        product = self.env["product.product"].create({"name": "Widget", "list_price": 100})
        orders = self.env["sale.order"].create([
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]} for _ in range(2)
        ])
        orders[0].action_confirm()
        action = self.env.ref("ltc_contract.action_ltc_signed_orders")
        shown = self.env["sale.order"].search(safe_eval(action.domain) + [("id", "in", orders.ids)])
        self.assertEqual(shown, orders[0])
