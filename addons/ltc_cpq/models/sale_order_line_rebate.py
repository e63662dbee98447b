from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    rebate_agreement_id = fields.Many2one(
        "ltc.rebate.agreement", ondelete="restrict", index="btree_not_null",
        copy=False, check_company=True,
    )

    @api.constrains("rebate_agreement_id", "price_unit", "product_uom_qty", "discount")
    def _check_rebate_redeem(self):
        for line in self.filtered("rebate_agreement_id"):
            line.order_id._check_rebate_lines()
