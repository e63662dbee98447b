from odoo import Command, _, models
from odoo.exceptions import UserError


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    def action_ltc_match_receipt(self):
        """Receipt matching (回款核销) for a bank receipt not matched yet: its suspense item is booked on the
        customer's receivable account — the bank line's journal entry rewritten the way Odoo's own
        ``action_undo_reconciliation`` writes it — and the matching proposes the plan invoices it pays.
        Cancelled there, the receipt stays on the customer's account, unapplied (a prepayment)."""
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_invoice"):
            raise UserError(_("Only invoicing or accounting users match bank receipts."))
        st_line = self.sudo()
        if st_line.move_id.state != "posted" or st_line.currency_id.compare_amounts(st_line.amount, 0) <= 0:
            raise UserError(_("Only a posted incoming bank line is matched to customer invoices."))
        partner = st_line.partner_id.commercial_partner_id
        if not partner:
            raise UserError(_("Bank line %s has no customer: set its partner first.", st_line.payment_ref or st_line.id))
        __, suspense, other = st_line._seek_for_lines()
        receivable = other.filtered(lambda aml: aml.account_id.account_type == "asset_receivable" and not aml.reconciled)
        if not receivable:
            if not suspense or other:
                raise UserError(_("Bank line %s is already matched.", st_line.payment_ref or st_line.id))
            account = partner.with_company(st_line.company_id).property_account_receivable_id
            st_line.with_context(force_delete=True, skip_readonly_check=True).write({
                "line_ids": [Command.clear()] + [Command.create(vals) for vals in
                                                 st_line._prepare_move_line_default_vals(account.id)],
            })
            receivable = st_line.move_id.line_ids.filtered(lambda aml: aml.account_id == account)
        return self.env["ltc.receipt.matching"]._open_for(receivable.with_env(self.env)[:1])
