from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LtcContractLine(models.Model):
    """A line of the agreed terms, and its fulfilment across the contract's orders (分批次履行):
    ordered, delivered, invoiced and remaining quantities come from the linked order lines."""

    _name = "ltc.contract.line"
    _description = "Contract Line"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ltc.contract", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True, check_company=True,
                                 domain="[('sale_ok', '=', True)]")
    name = fields.Text(string="Description", required=True, compute="_compute_name", store=True, readonly=False,
                       precompute=True)
    product_uom_qty = fields.Float(string="Quantity", digits="Product Unit of Measure", required=True, default=1.0)
    product_uom = fields.Many2one("uom.uom", string="Unit", compute="_compute_product_uom", store=True,
                                  readonly=False, precompute=True)
    price_unit = fields.Float(string="Unit Price", digits="Product Price", required=True, default=0.0)
    discount = fields.Float(string="Discount (%)", digits="Discount", default=0.0)
    tax_ids = fields.Many2many("account.tax", string="Taxes", check_company=True,
                               domain="[('type_tax_use', '=', 'sale')]")
    price_subtotal = fields.Monetary(string="Subtotal", compute="_compute_amount", store=True)
    price_tax = fields.Monetary(string="Tax", compute="_compute_amount", store=True)
    price_total = fields.Monetary(string="Total", compute="_compute_amount", store=True)
    source_line_id = fields.Many2one("sale.order.line", string="Quotation Line", readonly=True, copy=False,
                                     index="btree_not_null")
    order_line_ids = fields.One2many("sale.order.line", "ltc_contract_line_id", string="Order Lines",
                                     readonly=True)
    qty_ordered = fields.Float(string="Ordered", compute="_compute_fulfilment", digits="Product Unit of Measure")
    qty_delivered = fields.Float(string="Delivered", compute="_compute_fulfilment",
                                 digits="Product Unit of Measure")
    qty_invoiced = fields.Float(string="Invoiced", compute="_compute_fulfilment", digits="Product Unit of Measure")
    qty_remaining = fields.Float(string="Remaining", compute="_compute_fulfilment",
                                 digits="Product Unit of Measure")

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.get_product_multiline_description_sale()

    @api.depends("product_id")
    def _compute_product_uom(self):
        for line in self:
            if not line.product_uom or line.product_uom.category_id != line.product_id.uom_id.category_id:
                line.product_uom = line.product_id.uom_id

    @api.depends("product_uom_qty", "price_unit", "discount", "tax_ids", "contract_id.partner_id",
                 "contract_id.currency_id")
    def _compute_amount(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            currency = line.contract_id.currency_id or line.env.company.currency_id
            taxes = line.tax_ids.compute_all(price, currency, line.product_uom_qty, product=line.product_id,
                                             partner=line.contract_id.partner_id)
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]
            line.price_tax = taxes["total_included"] - taxes["total_excluded"]

    @api.depends("order_line_ids.product_uom_qty", "order_line_ids.qty_delivered", "order_line_ids.qty_invoiced",
                 "order_line_ids.state", "product_uom_qty")
    def _compute_fulfilment(self):
        for line in self:
            ordered = delivered = invoiced = 0.0
            for sol in line.sudo().order_line_ids.filtered(lambda s: s.state == "sale"):
                ordered += sol.product_uom._compute_quantity(sol.product_uom_qty, line.product_uom)
                delivered += sol.product_uom._compute_quantity(sol.qty_delivered, line.product_uom)
                invoiced += sol.product_uom._compute_quantity(sol.qty_invoiced, line.product_uom)
            line.qty_ordered = ordered
            line.qty_delivered = delivered
            line.qty_invoiced = invoiced
            line.qty_remaining = line.product_uom_qty - ordered

    def _get_version_values(self):
        self.ensure_one()
        return {
            "display_type": "", "product_id": self.product_id.id, "name": self.name,
            "product_uom_qty": self.product_uom_qty, "product_uom": self.product_uom.id,
            "price_unit": self.price_unit, "discount": self.discount, "price_subtotal": self.price_subtotal,
            "sequence": self.sequence,
        }

    # Lines are terms: they follow the contract's guard (draft only, then through an amendment).
    def _check_contract_editable(self, contracts):
        if self.env["ltc.contract"]._ltc_trusted():
            return
        for contract in contracts:
            if contract.state != "draft":
                contract._raise_terms_locked()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_contract_editable(self.env["ltc.contract"].browse(
            {vals["contract_id"] for vals in vals_list if vals.get("contract_id")}))
        return super().create(vals_list)

    def write(self, vals):
        self._check_contract_editable(self.contract_id)
        if "contract_id" in vals and not self.env["ltc.contract"]._ltc_trusted():
            raise UserError(_("A contract line stays on its contract."))
        return super().write(vals)

    def unlink(self):
        self._check_contract_editable(self.contract_id)
        return super().unlink()
