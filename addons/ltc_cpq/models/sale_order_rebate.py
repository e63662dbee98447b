from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount


class SaleOrder(models.Model):
    """Redeeming an earned rebate as a discount line on a quote, capped by a share of the quote."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _get_copiable_order_lines(self):
        # a rebate is redeemed again on the copy, against what is then available
        return super()._get_copiable_order_lines().filtered(lambda sol: not sol.rebate_agreement_id)

    def _get_rebate_base_amount(self):
        """Untaxed amount of the quote before any rebate line, in the quote currency."""
        self.ensure_one()
        return sum(self.order_line.filtered(lambda sol: not sol.rebate_agreement_id).mapped("price_subtotal"))

    def _get_rebate_cap(self, agreement):
        self.ensure_one()
        return self.currency_id.round(self._get_rebate_base_amount() * agreement.max_redeem_percent / 100.0)

    def _to_agreement_currency(self, amount, agreement):
        self.ensure_one()
        return self.currency_id._convert(
            amount, agreement.currency_id, self.company_id, self.date_order or fields.Date.context_today(self)
        )

    def _get_rebate_violations(self):
        self.ensure_one()
        messages = []
        rebate_lines = self.order_line.filtered("rebate_agreement_id")
        for agreement in rebate_lines.rebate_agreement_id:
            lines = rebate_lines.filtered(lambda sol, a=agreement: sol.rebate_agreement_id == a)
            amount = -sum(lines.mapped("price_subtotal"))
            if agreement.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id:
                messages.append(_(
                    "Rebate %(agreement)s belongs to %(partner)s, not to this customer.",
                    agreement=agreement.name, partner=agreement.partner_id.display_name,
                ))
            if agreement.state not in ("running", "done"):
                messages.append(_("Rebate %(agreement)s is not running.", agreement=agreement.name))
            if self.currency_id.compare_amounts(amount, 0.0) < 0:
                messages.append(_("A rebate line of %(agreement)s must reduce the quote.", agreement=agreement.name))
            cap = self._get_rebate_cap(agreement)
            if self.currency_id.compare_amounts(amount, cap) > 0:
                messages.append(_(
                    "Rebate %(agreement)s: %(amount)s redeemed exceeds the cap of %(percent)s %% of this quote "
                    "(%(cap)s).",
                    agreement=agreement.name, amount=format_amount(self.env, amount, self.currency_id),
                    percent=agreement.max_redeem_percent, cap=format_amount(self.env, cap, self.currency_id),
                ))
            if agreement.currency_id.compare_amounts(agreement.rebate_available, 0.0) < 0:
                messages.append(_(
                    "Rebate %(agreement)s: only %(earned)s earned, %(used)s would be used.",
                    agreement=agreement.name,
                    earned=format_amount(self.env, agreement.rebate_earned, agreement.currency_id),
                    used=format_amount(self.env, agreement.rebate_used, agreement.currency_id),
                ))
        return messages

    def _check_rebate_lines(self):
        for order in self:
            messages = order._get_rebate_violations()
            if messages:
                raise ValidationError("\n".join(messages))

    def _prepare_rebate_line_vals(self, agreement, amount):
        self.ensure_one()
        product = self.company_id.ltc_rebate_product_id or self.env.ref(
            "ltc_cpq.product_ltc_rebate", raise_if_not_found=False
        )
        if not product:
            raise UserError(_("Set a rebate product in the Sales settings first."))
        return {
            "order_id": self.id,
            "product_id": product.id,
            "name": _("Rebate %(agreement)s (%(start)s – %(end)s)", agreement=agreement.name,
                      start=agreement.date_start, end=agreement.date_end),
            "product_uom_qty": 1.0,
            "price_unit": -amount,
            "rebate_agreement_id": agreement.id,
            "sequence": max(self.order_line.mapped("sequence") or [0]) + 1,
        }

    def _add_rebate_line(self, agreement, amount):
        """Redeem ``amount`` (quote currency) of ``agreement`` as a discount line."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(_("A rebate can only be redeemed on a quotation."))
        if self.currency_id.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The rebate to redeem must be positive."))
        return self.env["sale.order.line"].create(self._prepare_rebate_line_vals(agreement, amount))

    def action_open_rebate_redeem(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Redeem a Rebate"),
            "res_model": "ltc.rebate.redeem.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
