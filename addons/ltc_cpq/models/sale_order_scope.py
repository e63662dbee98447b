from odoo import api, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("partner_id", "pricelist_id", "order_line")
    def _check_sellable_scope(self):
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order._check_sellable_scope_lines(order._get_ltc_product_lines())

    def _check_sellable_scope_lines(self, lines):
        """Refuse ``lines`` whose product is outside the scopes that apply to this quote."""
        self.ensure_one()
        if not lines:
            return
        scopes = self.env["ltc.sellable.scope"]._get_scopes_for_order(self)
        if not scopes:
            return
        refused = lines.product_id.filtered(lambda product: not scopes._allows(product))
        if refused:
            raise ValidationError(scopes._refusal_message(self, refused))

