from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ltc_credit_hold = fields.Boolean(
        string="Credit Hold", compute="_compute_ltc_credit_hold",
        help="The customer is rated D or this order takes it over its credit limit: finance reviews the "
             "order before it is confirmed (tier validation), instead of Odoo's mere warning.")
    ltc_credit_hold_reason = fields.Char(string="Credit Hold Reason", compute="_compute_ltc_credit_hold")

    @api.depends("partner_id", "amount_total", "currency_id", "company_id")
    @api.depends_context("company")
    def _compute_ltc_credit_hold(self):
        for order in self:
            reason = False
            if order.partner_id and order.state in ("draft", "sent"):
                company = order.company_id or self.env.company
                amount = order.currency_id._convert(order.amount_total, company.currency_id, company,
                                                    order.date_order or fields.Date.context_today(order))
                reason = order.partner_id.sudo()._ltc_credit_hold_reason(amount, company)
            order.ltc_credit_hold = bool(reason)
            order.ltc_credit_hold_reason = reason or False
