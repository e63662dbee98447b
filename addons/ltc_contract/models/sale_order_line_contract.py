from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import may_write_guarded
from odoo.exceptions import UserError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ltc_contract_line_id = fields.Many2one(
        "ltc.contract.line", string="Contract Line", index="btree_not_null", copy=False,
        help="The contract line this order line fulfils (batch fulfilment).",
    )

    @api.constrains("ltc_contract_line_id", "order_id")
    def _check_ltc_contract_line(self):
        for line in self.filtered("ltc_contract_line_id"):
            if line.ltc_contract_line_id.sudo().contract_id != line.order_id.ltc_contract_id.sudo():
                raise UserError(_("Order line %(line)s fulfils a line of contract %(contract)s, which is not the "
                                  "contract of order %(order)s.", line=line.name,
                                  contract=line.ltc_contract_line_id.sudo().contract_id.name,
                                  order=line.order_id.name))

    def write(self, vals):
        if "ltc_contract_line_id" in vals and not may_write_guarded(self.env) \
                and self.filtered(lambda sol: sol.state not in ("draft", "sent")):
            raise UserError(_("The contract line of a confirmed order line is kept: it counts in the contract's "
                              "fulfilment."))
        return super().write(vals)
