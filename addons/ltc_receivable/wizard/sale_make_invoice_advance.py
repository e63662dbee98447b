from odoo import models


class SaleAdvancePaymentInv(models.TransientModel):
    _inherit = "sale.advance.payment.inv"

    def _create_invoices(self, sale_orders):
        sale_orders.with_env(self.env)._ltc_check_plan_invoicing()
        return super()._create_invoices(sale_orders)
