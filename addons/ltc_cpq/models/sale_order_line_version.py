from odoo import api, models

from .sale_order_version import VERSIONED_LINE_FIELDS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def _is_versioned_line(self):
        self.ensure_one()
        return not self.display_type and not self.reward_id

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(lambda sol: sol._is_versioned_line()).order_id._check_version_guard()
        return lines

    def write(self, vals):
        if VERSIONED_LINE_FIELDS.intersection(vals):
            self.filtered(lambda sol: sol._is_versioned_line()).order_id._check_version_guard()
        return super().write(vals)

    def unlink(self):
        sent = self.filtered(lambda sol: sol._is_versioned_line() and sol.order_id.state == "sent")
        sent.order_id._check_version_guard()
        return super().unlink()
