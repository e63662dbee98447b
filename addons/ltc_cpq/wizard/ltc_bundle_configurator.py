from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class LtcBundleConfigurator(models.TransientModel):
    """Adds a sales bundle to a quotation with the chosen optional components and quantities."""

    _name = "ltc.bundle.configurator"
    _description = "Bundle Configurator"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="order_id.company_id")
    product_id = fields.Many2one(
        "product.product", string="Bundle", required=True,
        domain="[('product_tmpl_id.is_bundle', '=', True), ('sale_ok', '=', True), "
        "('company_id', 'in', [False, company_id])]",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    line_ids = fields.One2many(
        "ltc.bundle.configurator.line", "wizard_id", string="Components",
        compute="_compute_line_ids", store=True, readonly=False,
    )

    @api.depends("product_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create({
                    "bundle_line_id": bundle_line.id,
                    "selected": bundle_line.required,
                    "quantity": bundle_line.quantity,
                })
                for bundle_line in wizard.product_id.product_tmpl_id.bundle_line_ids
            ]

    def _check_configuration(self):
        self.ensure_one()
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        if float_compare(self.quantity, 0.0, precision_digits=precision) <= 0:
            raise UserError(_("The bundle quantity must be positive."))
        if not self.product_id.product_tmpl_id.bundle_line_ids:
            raise UserError(_("%s has no components: set them on the product first.", self.product_id.display_name))
        missing = self.product_id.product_tmpl_id.bundle_line_ids.filtered("required") - self.line_ids.filtered(
            "selected"
        ).bundle_line_id
        if missing:
            raise UserError(_(
                "Bundle %(bundle)s: the required components %(components)s must be included.",
                bundle=self.product_id.display_name, components=", ".join(missing.product_id.mapped("display_name")),
            ))
        for line in self.line_ids.filtered("selected"):
            if not line.bundle_line_id._is_qty_allowed(line.quantity):
                raise UserError(_(
                    "Bundle %(bundle)s: %(component)s must be %(min)s to %(max)s per bundle, not %(qty)s.",
                    bundle=self.product_id.display_name, component=line.product_id.display_name,
                    min=line.min_qty, max=line.max_qty or "∞", qty=line.quantity,
                ))

    def action_apply(self):
        self.ensure_one()
        self._check_configuration()
        order = self.order_id
        if order.state not in ("draft", "sent"):
            raise UserError(_("Bundles can only be added to quotations."))
        sequence = max(order.order_line.mapped("sequence") or [0]) + 1
        sol_model = self.env["sale.order.line"]
        parent = sol_model.create({
            "order_id": order.id,
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "sequence": sequence,
        })
        sol_model.create([
            parent._prepare_bundle_component_vals(line.bundle_line_id, line.quantity, sequence + index + 1)
            for index, line in enumerate(self.line_ids.filtered("selected").sorted("sequence"))
        ])
        return {"type": "ir.actions.act_window_close"}
