from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_bundle = fields.Boolean(
        string="Sales Bundle",
        help="A sales bundle (销售BOM) is quoted with its components, configured in the quote's bundle "
        "configurator.",
    )
    bundle_line_ids = fields.One2many(
        "ltc.product.bundle.line", "bundle_tmpl_id", string="Bundle Components", copy=True,
    )
