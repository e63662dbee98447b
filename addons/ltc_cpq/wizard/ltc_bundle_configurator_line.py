from odoo import fields, models


class LtcBundleConfiguratorLine(models.TransientModel):
    _name = "ltc.bundle.configurator.line"
    _description = "Bundle Configurator Component"
    _order = "sequence, id"

    wizard_id = fields.Many2one("ltc.bundle.configurator", required=True, ondelete="cascade")
    bundle_line_id = fields.Many2one("ltc.product.bundle.line", required=True, ondelete="cascade")
    sequence = fields.Integer(related="bundle_line_id.sequence")
    product_id = fields.Many2one(related="bundle_line_id.product_id")
    uom_id = fields.Many2one(related="bundle_line_id.uom_id")
    required = fields.Boolean(related="bundle_line_id.required")
    min_qty = fields.Float(related="bundle_line_id.min_qty")
    max_qty = fields.Float(related="bundle_line_id.max_qty")
    price_mode = fields.Selection(related="bundle_line_id.price_mode")
    selected = fields.Boolean(default=True)
    quantity = fields.Float(string="Qty per Bundle", digits="Product Unit of Measure")
