from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("product_id")
    def _check_line_sellable_scope(self):
        for order in self.order_id.filtered(lambda o: o.state in ("draft", "sent")):
            order._check_sellable_scope_lines(
                (self & order.order_line) & order._get_ltc_product_lines()
            )
