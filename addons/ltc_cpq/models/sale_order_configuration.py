from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    """Configuration rules on a quote: bundle components and product requires / excludes rules.

    A quote that breaks a rule can still be edited and saved, but it cannot be sent or confirmed; the
    form shows what is wrong, and the error names the rule.
    """

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    ltc_rule_warning = fields.Text(
        string="Configuration Problems", compute="_compute_ltc_rule_warning",
    )

    @api.depends(
        "order_line.product_id", "order_line.product_uom_qty", "order_line.bundle_line_id",
        "order_line.bundle_parent_line_id", "order_line.price_unit", "order_line.rebate_agreement_id",
    )
    def _compute_ltc_rule_warning(self):
        for order in self:
            order.ltc_rule_warning = "\n".join(order._get_ltc_rule_violations()) or False

    def copy(self, default=None):
        new_orders = super().copy(default)
        for order, new_order in zip(self, new_orders, strict=True):
            order._copy_bundle_structure(new_order)
        return new_orders

    def _copy_bundle_structure(self, new_order):
        """Link the copied component lines to their copied bundle line again."""
        self.ensure_one()

        def key(sol):
            return (sol.sequence, sol.product_id.id, sol.product_uom_qty)

        free_lines = list(new_order.order_line)

        def take(line):
            match = next((sol for sol in free_lines if key(sol) == key(line)), None)
            if match:
                free_lines.remove(match)
            return match

        new_by_old = {line: take(line) for line in self.order_line.sorted(lambda sol: (sol.sequence, sol.id))}
        for child in self.order_line.filtered("bundle_parent_line_id"):
            new_child = new_by_old.get(child)
            new_parent = new_by_old.get(child.bundle_parent_line_id)
            if new_child and new_parent:
                new_child.write({"bundle_parent_line_id": new_parent.id, "bundle_line_id": child.bundle_line_id.id})

    def _get_ltc_product_lines(self):
        """Quote lines that sell a product (not sections, notes, down payments, promotions, rebates)."""
        return self.order_line.filtered(
            lambda sol: sol.product_id and not sol.display_type and not sol.is_downpayment
            and not sol.reward_id and not sol.rebate_agreement_id
        )

    def _get_bundle_violations(self):
        self.ensure_one()
        messages = []
        lines = self._get_ltc_product_lines()
        for parent in lines.filtered(lambda sol: sol.product_id.product_tmpl_id.is_bundle):
            bundle = parent.product_id.product_tmpl_id
            children = lines.filtered(lambda sol, p=parent: sol.bundle_parent_line_id == p)
            for component in bundle.bundle_line_ids:
                child = children.filtered(lambda sol, c=component: sol.bundle_line_id == c)
                if component.required and not child:
                    messages.append(_(
                        'Bundle "%(bundle)s": the required component %(component)s is missing.',
                        bundle=bundle.display_name, component=component.product_id.display_name,
                    ))
                    continue
                if not child or not parent.product_uom_qty:
                    continue
                per_unit = sum(child.mapped("product_uom_qty")) / parent.product_uom_qty
                if not component._is_qty_allowed(per_unit):
                    messages.append(_(
                        'Bundle "%(bundle)s": %(component)s must be %(min)s to %(max)s per bundle, not %(qty)s.',
                        bundle=bundle.display_name, component=component.product_id.display_name,
                        min=component.min_qty, max=component.max_qty or "∞", qty=round(per_unit, 4),
                    ))
            for child in children.filtered(lambda sol, b=bundle: sol.bundle_line_id.bundle_tmpl_id != b):
                messages.append(_(
                    'Bundle "%(bundle)s": %(product)s is not a component of this bundle.',
                    bundle=bundle.display_name, product=child.product_id.display_name,
                ))
        return messages

    def _get_product_rule_violations(self):
        self.ensure_one()
        rules = self.env["ltc.product.rule"].sudo().search([("company_id", "in", [False, self.company_id.id])])
        return rules._get_violations(self._get_ltc_product_lines().product_id)

    def _get_ltc_rule_violations(self):
        """All configuration and redemption problems of the quote, as messages for the rep."""
        self.ensure_one()
        return (
            self._get_bundle_violations()
            + self._get_product_rule_violations()
            + self._get_rebate_violations()
        )

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or self.state not in ("draft", "sent"):
            return error
        violations = self._get_ltc_rule_violations()
        if violations:
            return self._format_ltc_violations(violations)
        return False

    def _format_ltc_violations(self, violations):
        self.ensure_one()
        return _(
            "Quotation %(order)s breaks its configuration rules:\n%(rules)s",
            order=self.name, rules="\n".join(f"• {v}" for v in violations),
        )

    def _check_ltc_rules(self):
        for order in self:
            violations = order._get_ltc_rule_violations()
            if violations:
                raise UserError(order._format_ltc_violations(violations))

    def action_open_bundle_configurator(self):
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(_("Bundles can only be added to quotations."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Configure a Bundle"),
            "res_model": "ltc.bundle.configurator",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
