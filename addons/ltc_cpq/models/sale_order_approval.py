from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded
from odoo.tools import float_compare, format_amount


class SaleOrder(models.Model):
    """Figures the tiered discount approval (OCA ``sale_tier_validation``) tests.

    ``tier.definition`` records (see data/tier_definition_data.xml) test the stored fields
    ``discount_approval_level`` and ``below_cost``; the company limits decide the level.
    """

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    max_discount = fields.Float(
        string="Max Discount (%)", compute="_compute_approval_figures", store=True, digits="Discount",
        help="Largest discount of a line off its pricelist price.",
    )
    below_cost = fields.Boolean(
        string="Priced Below Cost", compute="_compute_approval_figures", store=True,
        help="At least one line is priced below the product cost.",
    )
    discount_approval_level = fields.Selection(
        [("none", "No approval"), ("manager", "Sales manager"), ("vp", "VP")],
        compute="_compute_approval_figures", store=True, default="none",
        help="Who must approve the discount, from the company's discount limits.",
    )
    approval_figures = fields.Text(
        compute="_compute_approval_text", help="The lines and figures that call for an approval.",
    )

    @api.depends(
        "order_line.ltc_discount", "order_line.below_cost", "company_id.ltc_discount_manager_limit",
        "company_id.ltc_discount_vp_limit",
    )
    def _compute_approval_figures(self):
        for order in self:
            lines = order.order_line.filtered(lambda sol: sol._is_ltc_priced_line())
            order.max_discount = max(lines.mapped("ltc_discount") or [0.0])
            order.below_cost = any(lines.mapped("below_cost"))
            company = order.company_id
            if float_compare(order.max_discount, company.ltc_discount_vp_limit, precision_digits=2) > 0:
                order.discount_approval_level = "vp"
            elif float_compare(order.max_discount, company.ltc_discount_manager_limit, precision_digits=2) > 0:
                order.discount_approval_level = "manager"
            else:
                order.discount_approval_level = "none"

    @api.depends("max_discount", "below_cost", "discount_approval_level")
    def _compute_approval_text(self):
        for order in self:
            order.approval_figures = "\n".join(order._get_approval_figure_lines()) or False

    def _get_approval_figure_lines(self):
        self.ensure_one()
        company = self.company_id
        figures = []
        for line in self.order_line.filtered(lambda sol: sol._is_ltc_priced_line()):
            if float_compare(line.ltc_discount, company.ltc_discount_manager_limit, precision_digits=2) > 0:
                over_vp = float_compare(line.ltc_discount, company.ltc_discount_vp_limit, precision_digits=2) > 0
                figures.append(_(
                    "%(product)s: %(discount)s %% off the pricelist price %(pricelist)s (final %(final)s), "
                    "above the %(limit)s %% limit.",
                    product=line.product_id.display_name, discount=line.ltc_discount,
                    pricelist=format_amount(self.env, line.pricelist_price, self.currency_id),
                    final=format_amount(self.env, line.final_price, self.currency_id),
                    limit=company.ltc_discount_vp_limit if over_vp else company.ltc_discount_manager_limit,
                ))
            if line.below_cost:
                figures.append(_(
                    "%(product)s: final price %(final)s is below the cost %(cost)s.",
                    product=line.product_id.display_name,
                    final=format_amount(self.env, line.final_price, self.currency_id),
                    cost=format_amount(self.env, line._get_ltc_unit_cost(), self.currency_id),
                ))
        return figures

    @api.model
    def _ltc_guarded_fields(self):
        """Approval figures and versions (ltc_lead.guard): derived from the lines, never written."""
        return {"max_discount", "below_cost", "discount_approval_level", "version_ids", "revision_reason"}

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        return super().write(vals)

    def _ltc_rederive_approval_figures(self):
        """Have the approval figures computed again from the lines (and the costs, the company
        limits) as they are now. Every gate calls this when it decides — confirmation and any move
        to an approved state, review requests, the send check — and so decides on these, not on
        stored copies (plain reads keep the stored figures: they decide nothing)."""
        lines = self.order_line
        for fname in ("ltc_discount", "below_cost"):
            self.env.add_to_compute(lines._fields[fname], lines)
        for fname in ("max_discount", "below_cost", "discount_approval_level"):
            self.env.add_to_compute(self._fields[fname], self)
        self.invalidate_recordset(["need_validation"])

    def _tier_validation_check_state_on_write(self, vals):
        self.filtered(lambda order: order._check_state_conditions(vals))._ltc_rederive_approval_figures()
        return super()._tier_validation_check_state_on_write(vals)

    def action_confirm(self):
        # sale_loyalty refreshes promotion lines and coupons on confirmation; base_tier_validation
        # would refuse those writes on an approved quote. The approval itself is still enforced
        # on the state change.
        return super(SaleOrder, self.with_context(skip_validation_check=True)).action_confirm()

    def request_validation(self):
        # need_validation has no dependencies: read it fresh, not from an earlier look in this transaction
        self._ltc_rederive_approval_figures()
        return super().request_validation()

    def _is_approval_pending(self):
        self.ensure_one()
        self._ltc_rederive_approval_figures()
        if self.review_ids:
            return self.validation_status != "validated"
        return self.need_validation

    def _get_to_validate_message(self):
        message = super()._get_to_validate_message()
        if len(self) == 1 and self.approval_figures:
            message += Markup("<br/>") + Markup("<br/>").join(escape(f) for f in self.approval_figures.split("\n"))
        return message

    def _notify_created_review_body(self):
        return self._ltc_with_figures(super()._notify_created_review_body())

    def _notify_requested_review_body(self):
        return self._ltc_with_figures(super()._notify_requested_review_body())

    def _ltc_with_figures(self, body):
        if not self.approval_figures:
            return body
        return Markup("%s<br/>%s") % (body, Markup("<br/>").join(escape(f) for f in self.approval_figures.split("\n")))
