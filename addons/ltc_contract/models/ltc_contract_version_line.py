from odoo import fields, models


class LtcContractVersionLine(models.Model):
    """Frozen copy of a contract line in one version."""

    _name = "ltc.contract.version.line"
    _description = "Contract Version Line"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one("ltc.contract.version", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="version_id.company_id", store=True)
    currency_id = fields.Many2one(related="version_id.currency_id")
    sequence = fields.Integer()
    display_type = fields.Char()
    product_id = fields.Many2one("product.product", ondelete="set null")
    name = fields.Text(string="Description")
    product_uom_qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    product_uom = fields.Many2one("uom.uom", string="Unit", ondelete="set null")
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    discount = fields.Float(string="Discount (%)", digits="Discount")
    price_subtotal = fields.Monetary(string="Subtotal")

    def _get_version_values(self):
        self.ensure_one()
        return {
            "display_type": self.display_type or "", "product_id": self.product_id.id, "name": self.name,
            "product_uom_qty": self.product_uom_qty, "price_unit": self.price_unit, "discount": self.discount,
            "price_subtotal": self.price_subtotal,
        }
