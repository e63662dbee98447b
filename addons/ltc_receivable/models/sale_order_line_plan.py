from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        res = super().write(vals)
        if "qty_delivered" in vals:
            contracts = self.sudo().order_id.ltc_contract_id
            lines = contracts.plan_line_ids.filtered(lambda line: line.trigger == "delivery" and not line.invoice_id)
            lines.filtered(lambda line: line._ltc_trigger_date())._ltc_invoice_or_tell()
        return res
