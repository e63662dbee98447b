import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded, may_write_guarded
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero, format_date

_logger = logging.getLogger(__name__)

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
    percentage = fields.Float(string="Percentage (%)", digits=(16, 4),
                              help="Share of the contract total; leave empty to type the amount.")
    amount = fields.Monetary(string="Planned Amount", currency_field="currency_id", compute="_compute_amount",
                             store=True, readonly=False, precompute=True,
                             help="In the contract's currency. From the percentage when one is given; the "
                                  "last line of a plan in percentages takes the rounding remainder.")
    payment_method = fields.Selection(PAYMENT_METHODS, default="transfer")
    user_id = fields.Many2one("res.users", string="Responsible", index=True, compute="_compute_user_id",
                              store=True, readonly=False, precompute=True, domain="[('share', '=', False)]",
                              help="The account responsible (AR) of the contract by default.")
    trigger = fields.Selection(TRIGGERS, required=True, default="date")
    milestone_id = fields.Many2one("ltc.contract.milestone", check_company=True,
                                   domain="[('contract_id', '=', contract_id)]")
    delay_months = fields.Integer(string="Due After (months)",
                                  help="Months after the milestone or acceptance before the line is "
                                       "invoiced (e.g. 12 for a retention after acceptance).")
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
    days_overdue = fields.Integer(compute="_compute_days_overdue",
                                  help="Days past the invoice's due date while something is still due.")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_days_overdue", search="_search_is_overdue")
    contract_state = fields.Selection(related="contract_id.state", string="Contract Status")

    _LEDGER_FIELDS = {"invoice_ids", "invoice_id", "date_due", "amount_invoiced", "amount_residual", "amount_paid",
                      "amount_residual_company", "date_paid", "payment_state", "date_triggered"}
    _TERMS = {"percentage", "amount", "trigger", "milestone_id", "contract_id", "kind", "delay_months"}

    @api.depends("percentage", "contract_id.amount_total", "contract_id.plan_line_ids.percentage",
                 "contract_id.plan_line_ids.sequence")
    def _compute_amount(self):
        for contract in self.contract_id:
            # lines being created (precomputed before they are in the contract's plan) count too
            mine = self.filtered(lambda pl, c=contract: pl.contract_id == c)
            lines = (contract.plan_line_ids | mine).sorted(lambda pl: (pl.sequence, pl._origin.id or 0))
            currency = contract.currency_id
            # percentages are kept to 4 decimals: thirds add up to 99.9999, still the whole contract
            all_pct = lines and all(lines.mapped("percentage")) and float_compare(
                sum(lines.mapped("percentage")), 100.0, precision_digits=2) == 0
            for line in mine:
                if line.invoice_id or not line.percentage:
                    continue
                if all_pct and line == lines[-1]:
                    others = sum((lines - line).mapped("amount"))
                    line.amount = currency.round(contract.amount_total - others)
                else:
                    line.amount = currency.round(contract.amount_total * line.percentage / 100.0)

    @api.depends("contract_id.user_id")
    def _compute_user_id(self):
        for line in self:
            if not line.user_id:
                line.user_id = line.contract_id.user_id

    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for line in self:
            late = line.date_due and line.date_due < today and line.payment_state in ("not_paid", "partial")
            line.days_overdue = (today - line.date_due).days if late else 0
            line.is_overdue = bool(late)

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue lines with = True or = False."))
        domain = [("date_due", "<", fields.Date.context_today(self)), ("payment_state", "in", ("not_paid", "partial"))]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ guarded writes
    @api.model
    def _ltc_guarded_fields(self):
        return self._LEDGER_FIELDS

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        contracts = self.env["ltc.contract"].browse({vals["contract_id"] for vals in vals_list if vals.get("contract_id")})
        self._check_contract_plan_open(contracts)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        if self._TERMS & set(vals) and not may_write_guarded(self.env):
            for line in self.filtered("invoice_id"):
                raise UserError(_("Plan line %(line)s of contract %(contract)s is invoiced (%(invoice)s): its amount "
                                  "and trigger are kept. Change the lines not invoiced yet.", line=line.name,
                                  contract=line.contract_id.name, invoice=line.invoice_id.name))
            self._check_contract_plan_open(self.contract_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        for line in self:
            if line.sudo().invoice_ids:  # whether the deleting user may read the invoices or not
                raise UserError(_("Plan line %(line)s of contract %(contract)s has invoices: it is kept.",
                                  line=line.name, contract=line.contract_id.name))

    @api.model
    def _check_contract_plan_open(self, contracts):
        for contract in contracts:
            if contract.state in ("closed", "evaluated", "terminated"):
                raise UserError(_("Contract %(name)s is %(state)s: its payment plan is kept as it is.",
                                  name=contract.name, state=contract._state_label()))

    @api.constrains("percentage", "amount")
    def _check_positive(self):
        for line in self:
            if line.percentage < 0 or line.currency_id.compare_amounts(line.amount, 0) < 0:
                raise ValidationError(_("Plan line %s: percentage and amount cannot be negative.", line.name))

    @api.constrains("trigger", "milestone_id", "date_planned")
    def _check_trigger(self):
        for line in self:
            if line.trigger in ("milestone", "acceptance") and not line.milestone_id:
                raise ValidationError(_("Plan line %s is triggered by a milestone or its acceptance: choose the "
                                        "milestone.", line.name))
            if line.milestone_id and line.milestone_id.contract_id != line.contract_id:
                raise ValidationError(_("Plan line %s: the milestone belongs to another contract.", line.name))
            if line.trigger == "date" and not line.date_planned:
                raise ValidationError(_("Plan line %s is triggered on a date: give the planned date.", line.name))

    # ------------------------------------------------------------------ triggers and invoicing
    def _ltc_trigger_date(self):
        """When the line's trigger fired (a date), or False: re-derived from the contract, its
        milestones and its orders each time it is asked — the gate of invoicing. An event trigger
        with a delay fires that many months after the event."""
        self.ensure_one()
        date = self._ltc_event_date()
        if date and self.trigger in ("milestone", "acceptance") and self.delay_months:
            date = date + relativedelta(months=self.delay_months)
            return date if date <= fields.Date.context_today(self) else False
        return date

    def _ltc_event_date(self):
        self.ensure_one()
        contract = self.contract_id
        if contract.state not in ("signed", "executing"):
            return False
        today = fields.Date.context_today(self)
        if self.trigger == "date":
            return self.date_planned if self.date_planned and self.date_planned <= today else False
        if self.trigger == "milestone":
            return self.milestone_id.date_done or False
        if self.trigger == "acceptance":  # the acceptance milestone: done, its signed acceptance attached
            milestone = self.milestone_id
            return milestone.date_done if milestone.acceptance_document and milestone.date_done else False
        if self.trigger == "delivery":
            lines = contract.line_ids
            rounding_ok = lines and all(
                float_compare(line.qty_delivered, line.product_uom_qty,
                              precision_rounding=line.product_uom.rounding or 0.01) >= 0 for line in lines)
            return today if rounding_ok else False
        return False  # manual: the responsible raises it

    def action_raise_invoice(self):
        """Raise the receivable of the lines now: their trigger has fired, or they are manual."""
        for line in self:
            if line.invoice_id:
                raise UserError(_("Plan line %(line)s is already invoiced (%(invoice)s).", line=line.name,
                                  invoice=line.invoice_id.name))
            if line.trigger != "manual" and not line._ltc_trigger_date():
                raise UserError(_("Plan line %(line)s waits for its trigger (%(trigger)s): it is invoiced when it "
                                  "fires.", line=line.name, trigger=line._trigger_label()))
        messages = self._ltc_invoice()
        if messages:
            return {"type": "ir.actions.client", "tag": "display_notification",
                    "params": {"message": "\n".join(messages), "type": "warning", "sticky": True}}
        return True

    def _trigger_label(self):
        return dict(self._fields["trigger"]._description_selection(self.env))[self.trigger]

    def _ltc_invoice(self):
        """Invoice each line of `self` through Odoo's own sale invoicing (a down payment on the
        contract's order; the last line of the plan: the final invoice of the contract's orders that
        deducts the down payments). Returns the messages the user (or the cron's log) is told."""
        messages = []
        for line in self:
            line.contract_id._check_plan_balanced()
            invoice = line._ltc_create_invoice()
            messages += line._ltc_date_and_post(invoice)
        return messages

    def _ltc_invoice_or_tell(self):
        """Invoice the lines an event has triggered; a line that cannot be invoiced now (plan not
        balanced, nothing to invoice …) does not undo the event: its contract is told why."""
        for line in self:
            try:
                with self.env.cr.savepoint():
                    line._ltc_invoice()
            except (UserError, ValidationError) as exc:
                line.contract_id.sudo().message_post(body=_("Plan line %(line)s could not be invoiced: %(error)s",
                                                            line=line.name, error=str(exc)))

    def _ltc_create_invoice(self):
        self.ensure_one()
        contract = self.contract_id
        orders = contract.sale_order_ids.filtered(lambda o: o.state == "sale")
        if not orders:
            raise UserError(_("Contract %s has no confirmed order to invoice.", contract.name))
        last = contract.plan_line_ids.sorted(lambda pl: (pl.sequence, pl.id))[-1:]
        # the plan raises the invoice, whoever's event triggered it (Odoo's invoicing posts its notes as
        # the current user, who may be a rep without access to invoices)
        orders = orders.with_user(SUPERUSER_ID)
        Wizard = guarded(self.env["sale.advance.payment.inv"].with_user(SUPERUSER_ID)).with_company(contract.company_id)
        if self == last:
            wizard = Wizard.with_context(active_model="sale.order", active_ids=orders.ids).create({
                "advance_payment_method": "delivered", "sale_order_ids": [fields.Command.set(orders.ids)],
                "consolidated_billing": True,
            })
            invoices = wizard._create_invoices(guarded(orders))
        else:
            order = contract.order_id if contract.order_id in orders else orders[:1]
            wizard = Wizard.with_context(active_model="sale.order", active_ids=order.ids).create({
                "advance_payment_method": "fixed", "fixed_amount": self.amount,
                "sale_order_ids": [fields.Command.set(order.ids)],
            })
            invoices = wizard._create_invoices(guarded(order))
        invoices = invoices.with_env(self.env).sudo()
        if len(invoices) != 1:
            raise UserError(_("Plan line %(line)s would give %(count)s invoices: the orders of contract %(contract)s "
                              "must share customer and currency.", line=self.name, count=len(invoices),
                              contract=contract.name))
        # the database refuses a second live invoice for the line (unique index), whatever ran first
        guarded(invoices.sudo()).write({"ltc_plan_line_id": self.id})
        invoices.flush_recordset(["ltc_plan_line_id"])
        return invoices

    def _ltc_date_and_post(self, invoice):
        """Date the invoice on the trigger date, or on the first open day when that period is locked
        (sale, fiscal year or hard lock date) — and say so; post it when the company posts plan invoices."""
        self.ensure_one()
        messages = []
        date = self._ltc_trigger_date() or fields.Date.context_today(self)
        locks = invoice.company_id._get_violated_lock_dates(date, bool(invoice.line_ids.tax_ids), invoice.journal_id)
        if locks:
            opened = locks[-1][0] + timedelta(days=1)
            message = _("Plan line %(line)s of contract %(contract)s: the period up to %(lock)s is locked, so its "
                        "invoice is dated %(date)s instead of %(trigger)s.", line=self.name,
                        contract=self.contract_id.name, lock=format_date(self.env, locks[-1][0]),
                        date=format_date(self.env, opened), trigger=format_date(self.env, date))
            messages.append(message)
            self.contract_id.sudo().message_post(body=message)
            date = opened
        invoice.sudo().write({"invoice_date": date})
        if self.company_id.ltc_plan_invoice_post:
            invoice.sudo().action_post()
        guarded(self.sudo()).write({"date_triggered": self._ltc_trigger_date() or fields.Date.context_today(self)})
        return messages

    @api.model
    def _cron_raise_due_invoices(self, batch_size=200):
        """Scheduled action: invoice the plan lines whose trigger has fired. One batch per call, its
        lines locked (SKIP LOCKED: a second worker takes other lines), committed by the cron; a line
        that fails is told in the log and its contract's chatter, the others go on."""
        self = self.sudo()  # every company's lines, as the cron worker runs it
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT l.id FROM ltc_payment_plan_line l
              JOIN ltc_contract c ON c.id = l.contract_id
             WHERE c.state IN ('signed', 'executing')
               AND ((l.trigger = 'date' AND l.date_planned <= %s)
                    OR (l.trigger IN ('milestone', 'acceptance') AND EXISTS (
                        SELECT 1 FROM ltc_contract_milestone ms WHERE ms.id = l.milestone_id
                           AND ms.date_done + make_interval(months => COALESCE(l.delay_months, 0)) <= %s))
                    OR l.trigger = 'delivery')
               AND NOT EXISTS (SELECT 1 FROM account_move m WHERE m.ltc_plan_line_id = l.id
                                  AND m.move_type = 'out_invoice' AND m.state != 'cancel')
             ORDER BY l.date_planned NULLS LAST, l.id
             LIMIT %s FOR UPDATE OF l SKIP LOCKED
        """, fields.Date.context_today(self), fields.Date.context_today(self), batch_size))
        ids = [row[0] for row in self.env.cr.fetchall()]
        lines = self.browse(ids)
        due = lines.filtered(lambda line: line._ltc_trigger_date())
        done = 0
        for line in due:
            try:
                with self.env.cr.savepoint():
                    for message in line._ltc_invoice():
                        _logger.info(message)
                done += 1
            except (UserError, ValidationError) as exc:
                _logger.warning("plan line %s not invoiced: %s", line.id, exc)
                line.contract_id.sudo().message_post(body=_("Plan line %(line)s could not be invoiced: %(error)s",
                                                            line=line.name, error=str(exc)))
        # a full batch with progress: more may wait (lines whose trigger has not fired are not progress)
        self.env["ir.cron"]._notify_progress(done=done, remaining=1 if len(ids) == batch_size and done else 0)
        return done

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
