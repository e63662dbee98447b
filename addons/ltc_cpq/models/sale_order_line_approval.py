from odoo import models

from .sale_order_version import VERSIONED_LINE_FIELDS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        priced = self.filtered(lambda sol: sol._is_ltc_priced_line())
        res = super().write(vals)
        if VERSIONED_LINE_FIELDS.intersection(vals):
            # An approval covers the figures it was given: changing prices restarts it.
            orders = priced.order_id.filtered(lambda o: o.review_ids and o.state in ("draft", "sent"))
            orders.restart_validation()
        return res
