from odoo import fields, models


class LtcQuoteVersionLine(models.Model):
    """Frozen copy of a quote line as it was sent in one version."""

    _name = "ltc.quote.version.line"
    _description = "Quote Version Line"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one("ltc.quote.version", required=True, ondelete="cascade", index=True)
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
