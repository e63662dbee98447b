"""The discount approval over JSON-RPC, as the rep logged in through the web session (HttpCase: run
by odoo-bin with the tours, --test-tags ltc_tour)."""
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL

from .common import LtcCpqFixtures


@tagged("post_install", "-at_install", "ltc_tour")
class TestRpcApproval(LtcCpqFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ltc_cpq()
        cls.rep.password = "ltc_cpq_rep_pw"

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def assertRefused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc(model, method, *args, **kwargs)
        return str(caught.exception)

    def _quote_40_off(self):
        order = self._create_quote([(self.rack, 1, None, 40.0)], user=self.rep)
        self.assertEqual(order.discount_approval_level, "vp")
        return order

    def test_rep_cannot_clear_the_approval_figures_and_confirm(self):
        order = self._quote_40_off()
        self.authenticate("ltc_cpq_rep", "ltc_cpq_rep_pw")
        self.assertEqual(self.assertRefused("sale.order", "action_confirm", order.ids),
                         "odoo.exceptions.ValidationError")
        for vals in ({"discount_approval_level": "none", "max_discount": 0}, {"below_cost": False},
                     {"revision_reason": "nothing to see"}, {"version_ids": [(5, 0, 0)]}):
            self.assertEqual(self.assertRefused("sale.order", "write", order.ids, vals), "odoo.exceptions.AccessError")
        self.assertEqual(self.assertRefused("sale.order.line", "write", order.order_line.ids,
                                            {"ltc_discount": 0, "below_cost": False, "pricelist_price": 600}),
                         "odoo.exceptions.AccessError")
        self.assertRefused("sale.order", "action_confirm", order.ids)
        self.assertRefused("sale.order", "write", order.ids, {"state": "sale"})
        order.invalidate_recordset()
        self.assertEqual((order.state, order.discount_approval_level, order.max_discount), ("draft", "vp", 40.0))

    def test_confirmation_rederives_the_figures_from_the_lines(self):
        """Stored figures that no longer match the lines (changed in the database, a stale cost …)
        do not open the gate: it computes them again when it decides."""
        order = self._quote_40_off()
        order.flush_recordset()
        self.env.execute_query(SQL(
            "UPDATE sale_order SET discount_approval_level = 'none', max_discount = 0, below_cost = false "
            "WHERE id = %s", order.id))
        self.env.execute_query(SQL("UPDATE sale_order_line SET ltc_discount = 0, below_cost = false "
                                   "WHERE order_id = %s", order.id))
        self.env.invalidate_all()
        self.authenticate("ltc_cpq_rep", "ltc_cpq_rep_pw")
        self.assertEqual(self.assertRefused("sale.order", "action_confirm", order.ids),
                         "odoo.exceptions.ValidationError")
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
