from odoo import api, fields, models
from odoo.tools import float_is_zero

KINDS = [
    ("advance", "Advance Payment"),        # 预付款
    ("progress", "Progress Payment"),      # 进度款
    ("acceptance", "Acceptance Payment"),  # 验收款
    ("retention", "Retention"),            # 质保金
    ("other", "Other"),
]
TRIGGERS = [
    ("date", "Fixed Date"),
    ("milestone", "Milestone Done"),
    ("delivery", "Delivery Done"),
    ("acceptance", "Acceptance Signed"),
    ("manual", "Manual"),
]
PAYMENT_METHODS = [
    ("transfer", "Bank Transfer"),
    ("bill", "Bank Acceptance Bill"),  # 承兑汇票
    ("cash", "Cash"),
    ("other", "Other"),
]
PAYMENT_STATES = [
    ("not_invoiced", "Not Invoiced"),
    ("not_paid", "Not Paid"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
]


class LtcPaymentPlanLine(models.Model):
    """One instalment of a contract's payment plan (回款计划). What was invoiced, collected and is
    still owed is never stored apart from the ledger: it is computed from the line's invoices
    (account.move with ltc_plan_line_id), their journal items and reconciliation."""

    _name = "ltc.payment.plan.line"
    _description = "Payment Plan Line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one("ltc.contract", required=True, ondelete="cascade", index=True,
                                  check_company=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True)
    kind = fields.Selection(KINDS, required=True, default="progress")
    percentage = fields.Float(string="Percentage (%)", digits=(16, 4))
    amount = fields.Monetary(string="Planned Amount", currency_field="currency_id")
    payment_method = fields.Selection(PAYMENT_METHODS, default="transfer")
    user_id = fields.Many2one("res.users", string="Responsible", index=True,
                              default=lambda self: self.env.context.get("default_contract_user_id"))
    trigger = fields.Selection(TRIGGERS, required=True, default="date")
    milestone_id = fields.Many2one("ltc.contract.milestone", check_company=True,
                                   domain="[('contract_id', '=', contract_id)]")
    date_planned = fields.Date(string="Planned Date", index=True,
                               help="When the customer is expected to pay this instalment.")
    date_triggered = fields.Date(readonly=True, copy=False,
                                 help="When the trigger fired and the receivable was recognised.")

    # ---- the ledger side: computed from the invoices and their reconciliation, never typed
    invoice_ids = fields.One2many("account.move", "ltc_plan_line_id", string="Invoices and Credit Notes",
                                  readonly=True)
    invoice_id = fields.Many2one("account.move", compute="_compute_ledger", store=True,
                                 help="The live (not cancelled) customer invoice of this line.")
    date_due = fields.Date(string="Due Date", compute="_compute_ledger", store=True, index=True)
    amount_invoiced = fields.Monetary(compute="_compute_ledger", store=True, currency_field="currency_id",
                                      help="Posted invoices less posted credit notes, in the contract's currency.")
    amount_residual = fields.Monetary(string="Amount Due", compute="_compute_ledger", store=True,
                                      currency_field="currency_id")
    amount_paid = fields.Monetary(string="Collected", compute="_compute_ledger", store=True,
                                  currency_field="currency_id")
    amount_residual_company = fields.Monetary(string="Amount Due (Company Currency)",
                                              compute="_compute_ledger", store=True,
                                              currency_field="company_currency_id")
    date_paid = fields.Date(string="Paid On", compute="_compute_ledger", store=True,
                            help="Date of the reconciliation that settled the line in full.")
    payment_state = fields.Selection(PAYMENT_STATES, compute="_compute_ledger", store=True, index=True)

    @api.depends("invoice_ids.state", "invoice_ids.move_type", "invoice_ids.amount_total",
                 "invoice_ids.amount_residual", "invoice_ids.amount_residual_signed",
                 "invoice_ids.invoice_date_due", "invoice_ids.line_ids.matched_credit_ids.max_date",
                 "invoice_ids.line_ids.matched_debit_ids.max_date")
    def _compute_ledger(self):
        for line in self:
            live = line.invoice_ids.filtered(lambda m: m.move_type == "out_invoice" and m.state != "cancel")
            posted = line.invoice_ids.filtered(lambda m: m.state == "posted")
            invoiced = residual = residual_company = 0.0
            for move in posted:
                sign = 1 if move.move_type == "out_invoice" else -1
                invoiced += sign * move.currency_id._convert(
                    move.amount_total, line.currency_id, line.company_id, move.invoice_date or fields.Date.today())
                residual += sign * move.currency_id._convert(
                    move.amount_residual, line.currency_id, line.company_id, move.invoice_date or fields.Date.today())
                residual_company += move.amount_residual_signed
            line.invoice_id = live[:1]
            line.date_due = live[:1].invoice_date_due
            line.amount_invoiced = invoiced
            line.amount_residual = residual
            line.amount_paid = invoiced - residual
            line.amount_residual_company = residual_company
            currency = line.currency_id or line.company_id.currency_id
            if not posted:
                line.payment_state, line.date_paid = "not_invoiced", False
            elif float_is_zero(residual, precision_rounding=currency.rounding) and invoiced > 0:
                receivable = posted.line_ids.filtered(lambda aml: aml.account_id.account_type == "asset_receivable")
                dates = (receivable.matched_credit_ids | receivable.matched_debit_ids).mapped("max_date")
                line.payment_state, line.date_paid = "paid", max(dates) if dates else False
            elif currency.compare_amounts(residual, invoiced) < 0:
                line.payment_state, line.date_paid = "partial", False
            else:
                line.payment_state, line.date_paid = "not_paid", False
