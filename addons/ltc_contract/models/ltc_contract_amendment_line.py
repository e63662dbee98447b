from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class LtcContractAmendmentLine(models.Model):
    """A line of the terms as the amendment would leave them: a changed contract line
    (``contract_line_id`` set) or a new one."""

    _name = "ltc.contract.amendment.line"
    _description = "Contract Amendment Line"
    _order = "amendment_id, sequence, id"
    _check_company_auto = True

    amendment_id = fields.Many2one("ltc.contract.amendment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="amendment_id.company_id", store=True)
    currency_id = fields.Many2one(related="amendment_id.currency_id")
    contract_line_id = fields.Many2one("ltc.contract.line", ondelete="set null",
                                       readonly=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True, check_company=True)
    name = fields.Text(string="Description", required=True, compute="_compute_name", store=True,
                       readonly=False, precompute=True)
    product_uom_qty = fields.Float(string="Quantity", digits="Product Unit of Measure", default=1.0)
    product_uom = fields.Many2one("uom.uom", string="Unit", compute="_compute_product_uom", store=True,
                                  readonly=False, precompute=True)
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_ids = fields.Many2many("account.tax", string="Taxes", check_company=True)
    price_subtotal = fields.Monetary(string="Subtotal", compute="_compute_amount", store=True)
    price_total = fields.Monetary(string="Total", compute="_compute_amount", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.get_product_multiline_description_sale()

    @api.depends("product_id")
    def _compute_product_uom(self):
        for line in self:
            if not line.product_uom:
                line.product_uom = line.product_id.uom_id

    @api.depends("product_uom_qty", "price_unit", "discount", "tax_ids")
    def _compute_amount(self):
        for line in self:
            currency = line.amendment_id.currency_id or line.env.company.currency_id
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            taxes = line.tax_ids.compute_all(price, currency, line.product_uom_qty, product=line.product_id,
                                             partner=line.amendment_id.contract_id.partner_id)
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]

    def _check_not_below_ordered(self):
        for line in self.filtered("contract_line_id"):
            ordered = line.contract_line_id.qty_ordered
            if float_compare(line.product_uom_qty, ordered, precision_rounding=line.product_uom.rounding or 0.01) < 0:
                raise UserError(_(
                    "%(product)s: %(ordered)s already ordered; the amendment cannot bring it down to %(qty)s.",
                    product=line.name, ordered=ordered, qty=line.product_uom_qty,
                ))

    def _prepare_contract_line_vals(self):
        self.ensure_one()
        return {
            "sequence": self.sequence, "product_id": self.product_id.id, "name": self.name,
            "product_uom_qty": self.product_uom_qty, "product_uom": self.product_uom.id,
            "price_unit": self.price_unit, "discount": self.discount,
            "tax_ids": [fields.Command.set(self.tax_ids.ids)],
        }

    @api.model_create_multi
    def create(self, vals_list):
        self.env["ltc.contract.amendment"].browse(
            {v["amendment_id"] for v in vals_list if v.get("amendment_id")})._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.amendment_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.amendment_id._check_editable()
        return super().unlink()
