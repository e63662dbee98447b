from odoo import api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded


class SaleOrderLine(models.Model):
    """Pricing figures per line: list price, pricelist price, final price, discount off the pricelist
    price and the below-cost flag that drive the discount approval."""

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    list_price = fields.Float(
        compute="_compute_list_price", digits="Product Price",
        help="The product's sales price before any pricelist, in the quote currency and unit.",
    )
    pricelist_price = fields.Float(
        compute="_compute_pricelist_price", store=True, digits="Product Price",
        help="The unit price the quote's pricelist gives for this customer, quantity and date.",
    )
    final_price = fields.Float(
        compute="_compute_final_price", digits="Product Price",
        help="Unit price after the line discount.",
    )
    ltc_discount = fields.Float(
        string="Discount off Pricelist (%)", compute="_compute_ltc_discount", store=True, digits="Discount",
        help="How far the final price is below the pricelist price: the figure discount approval uses.",
    )
    below_cost = fields.Boolean(
        compute="_compute_ltc_discount", store=True,
        help="The final price is below the product cost.",
    )

    @api.model
    def _ltc_guarded_fields(self):
        """The pricing figures the discount approval reads (ltc_lead.guard): computed, never written."""
        return {"pricelist_price", "ltc_discount", "below_cost"}

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        return super().write(vals)

    def _is_ltc_priced_line(self):
        """Lines whose price a rep negotiates: not sections, down payments, promotions, rebates or
        bundle components included in the bundle price."""
        self.ensure_one()
        return bool(
            self.product_id
            and not self.display_type
            and not self.is_downpayment
            and not self.reward_id
            and not self.rebate_agreement_id
            and not (self.bundle_parent_line_id and self.bundle_line_id.price_mode == "included")
        )

    @api.depends("product_id", "product_uom", "currency_id")
    def _compute_list_price(self):
        for line in self:
            if not line.product_id or line.display_type:
                line.list_price = 0.0
                continue
            product = line.product_id.with_context(**line._get_product_price_context())
            price = product._price_compute("list_price", uom=line.product_uom, company=line.company_id)[product.id]
            line.list_price = line._convert_to_sol_currency(price, product.currency_id)

    @api.depends("product_id", "product_uom", "product_uom_qty", "order_id.pricelist_id", "order_id.date_order")
    def _compute_pricelist_price(self):
        for line in self:
            if not line.product_id or line.display_type or not line.product_uom or not line.order_id:
                line.pricelist_price = 0.0
                continue
            line = line.with_company(line.company_id)
            line.pricelist_price = line.product_id._get_tax_included_unit_price_from_price(
                line._get_pricelist_price(),
                product_taxes=line.product_id.taxes_id.filtered(lambda tax, lc=line: tax.company_id == lc.env.company),
                fiscal_position=line.order_id.fiscal_position_id,
            )

    @api.depends("price_unit", "discount")
    def _compute_final_price(self):
        for line in self:
            line.final_price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)

    @api.depends(
        "price_unit", "discount", "pricelist_price", "product_id", "product_uom", "display_type",
        "is_downpayment", "reward_id", "rebate_agreement_id", "bundle_parent_line_id",
        "bundle_line_id.price_mode", "order_id.company_id.ltc_below_cost_approval",
    )
    def _compute_ltc_discount(self):
        for line in self:
            line.ltc_discount = 0.0
            line.below_cost = False
            if not line._is_ltc_priced_line():
                continue
            final_price = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            currency = line.currency_id or line.order_id.currency_id
            if line.pricelist_price > 0 and currency.compare_amounts(final_price, line.pricelist_price) < 0:
                line.ltc_discount = round((line.pricelist_price - final_price) / line.pricelist_price * 100.0, 2)
            if line.company_id.ltc_below_cost_approval:
                cost = line._get_ltc_unit_cost()
                line.below_cost = bool(cost) and currency.compare_amounts(final_price, cost) < 0

    def _get_ltc_unit_cost(self):
        """The product cost per unit of the line, in the quote currency."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        cost = product.uom_id._compute_price(product.standard_price, self.product_uom)
        return self._convert_to_sol_currency(cost, product.cost_currency_id)
