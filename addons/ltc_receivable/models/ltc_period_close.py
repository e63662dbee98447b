from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded, may_write_guarded
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date


class LtcPeriodClose(models.Model):
    """Month-end close of the receivables (月结): per contract what was billed and collected in the
    period and what is outstanding at its end, aged; the check that it equals the general ledger's
    receivable balance of those customers at the period end (the differing items listed); a checklist;
    on close a frozen snapshot and the company's sales lock date moved to the period end."""

    _name = "ltc.period.close"
    _description = "Receivable Period Close"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection([("draft", "Draft"), ("closed", "Closed")], default="draft", required=True,
                             readonly=True, tracking=True)
    line_ids = fields.One2many("ltc.period.close.line", "close_id", string="Contracts", readonly=True)
    billed = fields.Monetary(readonly=True)
    collected = fields.Monetary(readonly=True)
    outstanding = fields.Monetary(readonly=True, help="Open on the contracts' plan invoices at the period end.")
    gl_balance = fields.Monetary(string="GL Receivable Balance", readonly=True,
                                 help="General-ledger receivable balance of the contracts' customers at the period end.")
    difference = fields.Monetary(readonly=True)
    difference_item_ids = fields.Many2many("account.move.line", string="Differing Items", readonly=True,
                                           help="Open receivable items of these customers that no contract plan holds.")
    draft_invoice_ids = fields.Many2many("account.move", string="Draft Invoices in the Period", readonly=True)
    triggered_line_ids = fields.Many2many("ltc.payment.plan.line", string="Triggered, not Invoiced", readonly=True)
    unmatched_receipt_ids = fields.Many2many("account.move.line", "ltc_period_close_unmatched_rel", "close_id",
                                             "line_id", string="Unmatched Receipts", readonly=True)
    date_computed = fields.Datetime(readonly=True)
    closed_by = fields.Many2one("res.users", readonly=True)

    _FIGURES = {"line_ids", "billed", "collected", "outstanding", "gl_balance", "difference", "difference_item_ids",
                "draft_invoice_ids", "triggered_line_ids", "unmatched_receipt_ids", "date_computed", "closed_by",
                "state"}

    @api.depends("company_id", "date_from", "date_to")
    def _compute_name(self):
        for close in self:
            close.name = f"{close.company_id.name or ''} {close.date_from or ''} – {close.date_to or ''}"

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for close in self:
            if close.date_from > close.date_to:
                raise UserError(_("The period ends before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._FIGURES, create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._FIGURES)
        if self.filtered(lambda c: c.state == "closed") and not may_write_guarded(self.env):
            raise UserError(_("A closed period is kept as it was closed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda c: c.state == "closed"):
            raise UserError(_("A closed period is kept as it was closed."))

    # ------------------------------------------------------------------ the figures
    def action_compute(self):
        """Compute (again) the per-contract figures, the GL check and the checklist — from the ledger."""
        for close in self:
            if close.state == "closed":
                raise UserError(_("Period %s is closed: its snapshot is kept.", close.name))
            close._ltc_compute()
        return True

    def _ltc_compute(self):
        self.ensure_one()
        company, start, end = self.company_id, self.date_from, self.date_to
        Aging = self.env["ltc.receivable.aging"]
        limits = Aging._bucket_limits(company)
        contracts = self.env["ltc.contract"].sudo().search([("company_id", "=", company.id),
                                                            ("plan_line_ids", "!=", False)])
        plan_items = SQL("AND m.ltc_contract_id IS NOT NULL")
        aging = Aging._get_aging(company, end, "contract", plan_items)
        billed = self._ltc_billed(company, start, end)
        collected = self._ltc_collected(company, start, end)
        lines = []
        for contract in contracts:
            age = aging.get(contract.id, {})
            if not (age.get("total") or billed.get(contract.id) or collected.get(contract.id)):
                continue
            buckets = [age.get(f"b{i + 1}", 0.0) for i in range(len(limits) + 1)]
            lines.append(fields.Command.create({
                "contract_id": contract.id, "partner_id": contract.partner_id.commercial_partner_id.id,
                "billed": billed.get(contract.id, 0.0), "collected": collected.get(contract.id, 0.0),
                "outstanding": age.get("total", 0.0), "not_due": age.get("not_due", 0.0),
                "bucket_1": buckets[0], "bucket_2": buckets[1] if len(buckets) > 1 else 0.0,
                "bucket_3": buckets[2] if len(buckets) > 2 else 0.0, "bucket_4": sum(buckets[3:]),
            }))
        partners = contracts.partner_id.commercial_partner_id
        of_partners = SQL("AND aml.partner_id IN %s", tuple(partners.ids) or (0,))
        gl = Aging._get_gl_balance(company, end, of_partners)
        outstanding = sum(aging.get(c.id, {}).get("total", 0.0) for c in contracts)
        differing = Aging._get_residual_items(company, end, SQL("%s AND m.ltc_contract_id IS NULL", of_partners))
        Move = self.env["account.move"].sudo()
        drafts = Move.search([("company_id", "=", company.id), ("move_type", "in", ("out_invoice", "out_refund")),
                              ("state", "=", "draft"), ("invoice_date", ">=", start), ("invoice_date", "<=", end)])
        triggered = self.env["ltc.payment.plan.line"].sudo().search([
            ("company_id", "=", company.id), ("invoice_id", "=", False),
            ("contract_id.state", "in", ("signed", "executing"))]).filtered(
                lambda line: (date := line._ltc_trigger_date()) and date <= end)
        unmatched = self.env["account.move.line"].sudo().browse(
            [item for item, residual in Aging._get_residual_items(company, end) if residual < 0])
        guarded(self.sudo()).write({
            "line_ids": [fields.Command.clear(), *lines],
            "billed": company.currency_id.round(sum(billed.values())),
            "collected": company.currency_id.round(sum(collected.values())),
            "outstanding": company.currency_id.round(outstanding), "gl_balance": gl,
            "difference": company.currency_id.round(gl - outstanding),
            "difference_item_ids": [fields.Command.set([item for item, __ in differing])],
            "draft_invoice_ids": [fields.Command.set(drafts.ids)],
            "triggered_line_ids": [fields.Command.set(triggered.ids)],
            "unmatched_receipt_ids": [fields.Command.set(unmatched.ids)],
            "date_computed": fields.Datetime.now(),
        })

    def _ltc_billed(self, company, start, end):
        """Per contract: the receivable of its plan invoices less credit notes dated in the period."""
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT m.ltc_contract_id, SUM(aml.balance) FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id JOIN account_account a ON a.id = aml.account_id
             WHERE aml.company_id = %s AND aml.parent_state = 'posted' AND a.account_type = 'asset_receivable'
               AND m.ltc_contract_id IS NOT NULL AND aml.date BETWEEN %s AND %s GROUP BY 1""", company.id, start, end))
        return dict(self.env.cr.fetchall())

    def _ltc_collected(self, company, start, end):
        """Per contract: what was settled on its plan invoices in the period (partial reconciliations
        dated in it; credit notes are billed less, not collected)."""
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT m.ltc_contract_id, SUM(p.amount) FROM account_partial_reconcile p
              JOIN account_move_line aml ON aml.id = p.debit_move_id
              JOIN account_move m ON m.id = aml.move_id
              JOIN account_move_line cr ON cr.id = p.credit_move_id
              JOIN account_move cm ON cm.id = cr.move_id
             WHERE aml.company_id = %s AND m.ltc_contract_id IS NOT NULL AND cm.move_type != 'out_refund'
               AND p.max_date BETWEEN %s AND %s GROUP BY 1""", company.id, start, end))
        return dict(self.env.cr.fetchall())

    def action_close(self):
        """Close: the figures computed again now, zero difference with the GL, no draft invoice and no
        triggered line left in the period; then the snapshot is frozen and the sales lock date moved."""
        for close in self:
            close.action_compute()
            problems = []
            if not close.currency_id.is_zero(close.difference):
                items = ", ".join(f"{aml.move_id.name} ({format_amount(self.env, aml.amount_residual, close.currency_id)})"
                                  for aml in close.difference_item_ids[:20])
                problems.append(_("the contracts' outstanding differs from the GL by %(diff)s: %(items)s",
                                  diff=format_amount(self.env, close.difference, close.currency_id), items=items))
            if close.draft_invoice_ids:
                problems.append(_("%s draft invoice(s) in the period", len(close.draft_invoice_ids)))
            if close.triggered_line_ids:
                problems.append(_("%s triggered plan line(s) not invoiced", len(close.triggered_line_ids)))
            if problems:
                raise UserError(_("Period %(name)s cannot be closed:\n%(problems)s", name=close.name,
                                  problems="\n".join(f"- {p}" for p in problems)))
            company = close.company_id.sudo()
            if not company.sale_lock_date or company.sale_lock_date < close.date_to:
                company.sale_lock_date = close.date_to
            guarded(close.sudo()).write({"state": "closed", "closed_by": self.env.uid})
            close.message_post(body=_("Period closed; sales locked up to %s.", format_date(self.env, close.date_to)))
        return True
