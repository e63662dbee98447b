from odoo import fields, models


class SaleOrderLine(models.Model):
    """Bundle structure on quote lines: a bundle line and the component lines under it."""

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    bundle_parent_line_id = fields.Many2one(
        "sale.order.line", string="Bundle Line", ondelete="cascade", index="btree_not_null", copy=False,
    )
    bundle_child_line_ids = fields.One2many("sale.order.line", "bundle_parent_line_id", string="Bundle Components")
    bundle_line_id = fields.Many2one(
        "ltc.product.bundle.line", string="Bundle Component", ondelete="set null", copy=False,
    )
    is_bundle = fields.Boolean(related="product_template_id.is_bundle")

    def _compute_price_unit(self):
        res = super()._compute_price_unit()
        for line in self:
            if line.bundle_parent_line_id and line.bundle_line_id.price_mode == "included":
                line.price_unit = 0.0
                line.technical_price_unit = 0.0
        return res

    def unlink(self):
        # removing a bundle removes its components
        return super(SaleOrderLine, self | self.bundle_child_line_ids).unlink()

    def _prepare_bundle_component_vals(self, bundle_line, qty_per_unit, sequence):
        """Values of the quote line for ``bundle_line`` under this bundle line."""
        self.ensure_one()
        return {
            "order_id": self.order_id.id,
            "bundle_parent_line_id": self.id,
            "bundle_line_id": bundle_line.id,
            "product_id": bundle_line.product_id.id,
            "product_uom_qty": qty_per_unit * self.product_uom_qty,
            "sequence": sequence,
        }
