from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class LtcRebateRedeemWizard(models.TransientModel):
    """Redeems part of a customer's earned rebate as a discount line on a quotation."""

    _name = "ltc.rebate.redeem.wizard"
    _description = "Redeem a Rebate"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="order_id.company_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    commercial_partner_id = fields.Many2one(related="order_id.partner_id.commercial_partner_id")
    agreement_id = fields.Many2one(
        "ltc.rebate.agreement", string="Rebate Agreement", required=True,
        domain="[('partner_id', '=', commercial_partner_id), ('state', 'in', ('running', 'done')), "
        "('company_id', '=', company_id)]",
    )
    rebate_available = fields.Monetary(compute="_compute_limits", string="Available")
    cap = fields.Monetary(compute="_compute_limits", string="Cap on this Quote")
    amount = fields.Monetary(
        string="Amount to Redeem", compute="_compute_amount", store=True, readonly=False,
    )

    @api.depends("agreement_id", "order_id")
    def _compute_limits(self):
        for wizard in self:
            agreement = wizard.agreement_id
            if not agreement:
                wizard.rebate_available = wizard.cap = 0.0
                continue
            wizard.rebate_available = agreement.currency_id._convert(
                agreement.rebate_available, wizard.currency_id, wizard.company_id,
                wizard.order_id.date_order or fields.Date.context_today(self),
            )
            wizard.cap = wizard.order_id._get_rebate_cap(agreement)

    @api.depends("rebate_available", "cap")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = max(min(wizard.rebate_available, wizard.cap), 0.0)

    def action_redeem(self):
        self.ensure_one()
        if self.currency_id.compare_amounts(self.amount, self.rebate_available) > 0:
            raise UserError(_(
                "Only %(available)s of rebate %(agreement)s is available.",
                available=format_amount(self.env, self.rebate_available, self.currency_id),
                agreement=self.agreement_id.name,
            ))
        self.order_id._add_rebate_line(self.agreement_id, self.amount)
        return {"type": "ir.actions.act_window_close"}
