from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class LtcProductBundleLine(models.Model):
    """One component of a sales bundle (销售BOM)."""

    _name = "ltc.product.bundle.line"
    _description = "Sales Bundle Component"
    _order = "bundle_tmpl_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    bundle_tmpl_id = fields.Many2one(
        "product.template", string="Bundle", required=True, ondelete="cascade", index=True,
    )
    company_id = fields.Many2one(related="bundle_tmpl_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product", string="Component", required=True, check_company=True,
        domain="[('sale_ok', '=', True)]",
    )
    uom_id = fields.Many2one(related="product_id.uom_id")
    required = fields.Boolean(
        default=True, help="A required component is always part of the bundle; an optional one is chosen "
        "in the configurator.",
    )
    quantity = fields.Float(
        string="Default Qty per Unit", default=1.0, digits="Product Unit of Measure", required=True,
    )
    min_qty = fields.Float(string="Min Qty per Unit", default=1.0, digits="Product Unit of Measure")
    max_qty = fields.Float(
        string="Max Qty per Unit", default=1.0, digits="Product Unit of Measure",
        help="0 means no maximum.",
    )
    price_mode = fields.Selection(
        [("included", "Included in bundle price"), ("added", "Added to bundle price")],
        default="included", required=True,
        help="Included: the component is quoted at zero, its value is in the bundle's price. "
        "Added: the component is quoted at its own pricelist price on top of the bundle.",
    )

    _sql_constraints = [
        ("component_uniq", "unique(bundle_tmpl_id, product_id)", "A component appears once per bundle."),
    ]

    @api.constrains("quantity", "min_qty", "max_qty")
    def _check_quantities(self):
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        for line in self:
            if float_compare(line.min_qty, 0.0, precision_digits=precision) < 0 or float_compare(
                line.quantity, 0.0, precision_digits=precision
            ) <= 0:
                raise ValidationError(
                    _("Component %(product)s: quantities must be positive.", product=line.product_id.display_name)
                )
            if not line._is_qty_allowed(line.quantity):
                raise ValidationError(
                    _(
                        "Component %(product)s: the default quantity %(qty)s must lie between the minimum "
                        "%(min)s and the maximum %(max)s.",
                        product=line.product_id.display_name,
                        qty=line.quantity,
                        min=line.min_qty,
                        max=line.max_qty or "∞",
                    )
                )

    @api.constrains("product_id", "bundle_tmpl_id")
    def _check_not_self(self):
        for line in self:
            if line.product_id.product_tmpl_id == line.bundle_tmpl_id:
                raise ValidationError(_("A bundle cannot contain itself."))

    def _is_qty_allowed(self, qty_per_unit):
        """Whether ``qty_per_unit`` respects this component's min / max."""
        self.ensure_one()
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        if float_compare(qty_per_unit, self.min_qty, precision_digits=precision) < 0:
            return False
        if self.max_qty and float_compare(qty_per_unit, self.max_qty, precision_digits=precision) > 0:
            return False
        return True
