from odoo import models


class SaleAdvancePaymentInv(models.TransientModel):
    _inherit = "sale.advance.payment.inv"

    def _create_invoices(self, sale_orders):
        # the orders Odoo invoices: those passed for a regular invoice, the wizard's own for a down
        # payment (Odoo ignores the argument then; its own tests pass a dict there)
        orders = sale_orders if self.advance_payment_method == "delivered" else self.sale_order_ids
        orders.with_env(self.env)._ltc_check_plan_invoicing()
        return super()._create_invoices(sale_orders)
