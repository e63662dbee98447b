from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LtcReceiptMatching(models.TransientModel):
    """Receipt matching (回款核销): which plan-line invoices an unreconciled customer receipt settles —
    same contract first, then an invoice of exactly the receipt's amount, then the oldest due — and
    the reconciliation through Odoo's own `reconcile()` on confirmation. Partial receipts allowed."""

    _name = "ltc.receipt.matching"
    _description = "Receipt Matching"

    receipt_line_id = fields.Many2one("account.move.line", string="Receipt", required=True, readonly=True)
    partner_id = fields.Many2one(related="receipt_line_id.partner_id")
    company_id = fields.Many2one(related="receipt_line_id.company_id")
    currency_id = fields.Many2one(related="receipt_line_id.company_currency_id")
    amount = fields.Monetary(string="Unmatched Amount", compute="_compute_amount")
    contract_id = fields.Many2one("ltc.contract", string="Preferred Contract",
                                  help="Its invoices are proposed first.")
    line_ids = fields.One2many("ltc.receipt.matching.line", "wizard_id", string="Proposal")

    @api.depends("receipt_line_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = -wizard.receipt_line_id.amount_residual

    @api.model
    def _open_for(self, receipt_line, contract=False):
        receipt_line.ensure_one()
        if receipt_line.account_id.account_type != "asset_receivable" or receipt_line.reconciled \
                or receipt_line.parent_state != "posted" or receipt_line.amount_residual >= 0:
            raise UserError(_("Only a posted customer receipt with an unmatched amount is matched to invoices."))
        wizard = self.create({"receipt_line_id": receipt_line.id, "contract_id": contract and contract.id})
        wizard._propose()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": wizard.id, "view_mode": "form",
                "target": "new", "name": _("Match the Receipt to Plan Invoices")}

    def _candidates(self):
        """Open receivable items of posted plan-line invoices of the receipt's customer, in the order
        they are proposed."""
        self.ensure_one()
        receipt = self.receipt_line_id
        items = self.env["account.move.line"].search([
            ("company_id", "=", receipt.company_id.id), ("account_id", "=", receipt.account_id.id),
            ("partner_id", "=", receipt.partner_id.commercial_partner_id.id), ("reconciled", "=", False),
            ("parent_state", "=", "posted"), ("move_id.ltc_plan_line_id", "!=", False),
            ("amount_residual", ">", 0),
        ])
        amount = self.amount
        currency = receipt.company_currency_id
        return items.sorted(lambda aml: (
            0 if self.contract_id and aml.move_id.ltc_contract_id == self.contract_id else 1,
            0 if currency.compare_amounts(aml.amount_residual, amount) == 0 else 1,
            aml.date_maturity or aml.date, aml.id))

    def _propose(self):
        """Fill the proposal: the receipt's amount over the candidates in order (the last one may be
        settled in part)."""
        for wizard in self:
            left = wizard.amount
            commands = [fields.Command.clear()]
            for aml in wizard._candidates():
                apply = min(left, aml.amount_residual) if left > 0 else 0.0
                commands.append(fields.Command.create({
                    "move_line_id": aml.id, "selected": apply > 0, "amount_to_apply": apply}))
                left -= apply
            wizard.line_ids = commands

    def action_confirm(self):
        """Reconcile the receipt with the selected invoices, in the proposal's order."""
        self.ensure_one()
        chosen = self.line_ids.filtered("selected")
        if not chosen:
            raise UserError(_("Select the invoices this receipt pays."))
        receipt = self.receipt_line_id
        for line in chosen:
            if receipt.reconciled:
                break
            (receipt | line.move_line_id).reconcile()
        return {"type": "ir.actions.act_window_close"}


class LtcReceiptMatchingLine(models.TransientModel):
    _name = "ltc.receipt.matching.line"
    _description = "Receipt Matching Proposal"
    _order = "id"

    wizard_id = fields.Many2one("ltc.receipt.matching", required=True, ondelete="cascade")
    move_line_id = fields.Many2one("account.move.line", string="Invoice Item", required=True, readonly=True)
    move_id = fields.Many2one(related="move_line_id.move_id", string="Invoice")
    contract_id = fields.Many2one(related="move_line_id.move_id.ltc_contract_id")
    plan_line_id = fields.Many2one(related="move_line_id.move_id.ltc_plan_line_id")
    date_maturity = fields.Date(related="move_line_id.date_maturity", string="Due Date")
    currency_id = fields.Many2one(related="move_line_id.company_currency_id")
    amount_residual = fields.Monetary(related="move_line_id.amount_residual", string="Open")
    amount_to_apply = fields.Monetary(readonly=True)
    selected = fields.Boolean(string="Match")
