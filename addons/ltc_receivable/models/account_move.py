from odoo import api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded


class AccountMove(models.Model):
    _inherit = "account.move"

    # what the journal items of an invoice say: the plan line reads them, so on a plan line's invoice
    # they are never set by a plain write (Odoo computes them; no Odoo path writes them)
    _LTC_LEDGER_FIELDS = frozenset({
        "amount_untaxed", "amount_tax", "amount_total", "amount_residual", "amount_untaxed_signed",
        "amount_tax_signed", "amount_total_signed", "amount_total_in_currency_signed",
        "amount_residual_signed", "payment_state"})

    ltc_plan_line_id = fields.Many2one("ltc.payment.plan.line", string="Payment Plan Line", readonly=True,
                                       copy=False, index="btree_not_null", ondelete="restrict",
                                       check_company=True)
    ltc_contract_id = fields.Many2one(related="ltc_plan_line_id.contract_id", string="Contract", store=True,
                                      index="btree_not_null")

    def init(self):
        res = super().init()
        # one live customer invoice per plan line, whatever the number of workers or re-runs
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_ltc_one_invoice_per_plan_line
                ON account_move (ltc_plan_line_id)
             WHERE ltc_plan_line_id IS NOT NULL AND move_type = 'out_invoice' AND state != 'cancel'
        """)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, {"ltc_plan_line_id"}, create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], {"ltc_plan_line_id"})
        if self._LTC_LEDGER_FIELDS & set(vals) and self.sudo().filtered("ltc_plan_line_id"):
            check_guarded(self, [vals], self._LTC_LEDGER_FIELDS)
        return super().write(vals)

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """A credit note (or reversal) of a plan line's invoice counts against that line."""
        reversals = super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)
        for reversal in reversals:
            line = reversal.reversed_entry_id.ltc_plan_line_id
            if line:
                guarded(reversal.sudo()).write({"ltc_plan_line_id": line.id})
        return reversals
