from odoo import _, models
from odoo.addons.ltc_lead.guard import may_write_guarded
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ltc_check_plan_invoicing(self):
        """Orders of a contract with a payment plan are invoiced by the plan, line by line: an invoice
        made by hand (regular or down payment) could bill past the plan or the contract."""
        if may_write_guarded(self.env):
            return
        for order in self:
            contract = order.sudo().ltc_contract_id
            if contract.plan_line_ids:
                raise UserError(_(
                    "Order %(order)s belongs to contract %(contract)s, whose payment plan raises its invoices: "
                    "invoice it from the plan (Payment Plan tab of the contract).",
                    order=order.name, contract=contract.name))

    def _create_invoices(self, grouped=False, final=False, date=None):
        self._ltc_check_plan_invoicing()
        return super()._create_invoices(grouped=grouped, final=final, date=date)
