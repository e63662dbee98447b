from odoo import _, api, fields, models
from odoo.exceptions import UserError

SOURCES = ("res.partner", "crm.lead", "sale.order", "ltc.contract", "account.move")


class LtcTrace(models.TransientModel):
    """Lead-to-cash trace (线索到回款): from a customer, opportunity, quotation, contract or invoice, the
    whole chain lead → opportunity → quotation versions → contract (versions) → plan lines → invoices →
    payments on one screen, each line a click away. Only what the user may read is shown."""

    _name = "ltc.trace"
    _description = "Lead-to-Cash Trace"

    name = fields.Char(readonly=True)
    line_ids = fields.One2many("ltc.trace.line", "trace_id", readonly=True)

    @api.model
    def _collect(self, record):
        """{kind: records} of the whole chain around `record` up to the invoices (walked as superuser:
        the caller keeps what the user may read, then adds the payments of those invoices)."""
        env = self.env(su=True)
        record = record.with_env(env)
        leads, orders, contracts, invoices = (env["crm.lead"], env["sale.order"], env["ltc.contract"],
                                              env["account.move"])
        if record._name == "res.partner":
            partner = record.commercial_partner_id
            leads = env["crm.lead"].with_context(active_test=False).search([("partner_id", "child_of", partner.id)])
            orders = env["sale.order"].search([("partner_id", "child_of", partner.id)])
            contracts = env["ltc.contract"].search([("partner_id", "child_of", partner.id)])
            invoices = env["account.move"].search([("partner_id", "child_of", partner.id),
                                                   ("move_type", "in", ("out_invoice", "out_refund"))])
        elif record._name == "crm.lead":
            leads = record
        elif record._name == "sale.order":
            orders, leads = record, record.opportunity_id
        elif record._name == "ltc.contract":
            contracts, orders, leads = record, record.order_id, record.opportunity_id
        elif record._name == "account.move":
            invoices, contracts = record, record.ltc_contract_id
            orders = record.line_ids.sale_line_ids.order_id
            leads = contracts.opportunity_id | orders.opportunity_id
        orders |= leads.order_ids
        contracts |= env["ltc.contract"].search(["|", ("opportunity_id", "in", leads.ids), ("order_id", "in", orders.ids)])
        orders |= contracts.order_id
        plan_lines = contracts.plan_line_ids
        invoices |= plan_lines.invoice_ids | orders.invoice_ids | env["account.move"].search(
            [("ltc_contract_id", "in", contracts.ids)])
        return {"lead": leads, "order": orders, "quote_version": orders.version_ids, "contract": contracts,
                "contract_version": contracts.version_ids, "plan": plan_lines, "invoice": invoices}

    @api.model
    def _prepare_line_vals(self, chain):
        vals = []

        def add(level, kind, rec, date, amount=0.0, currency=None, state=""):
            vals.append({"level": level, "kind": kind, "name": rec.display_name, "res_model": rec._name,
                         "res_id": rec.id, "date": date, "amount": amount,
                         "can_open": rec.with_env(self.env).has_access("read"),
                         "currency_id": (currency or rec.env.company.currency_id).id, "state": state})
        selection = {model: dict(self.env[model]._fields["state"]._description_selection(self.env))
                     for model in ("sale.order", "ltc.contract", "account.move", "account.payment")}
        for lead in chain["lead"]:
            add(0, "lead" if lead.type == "lead" else "opportunity", lead, lead.create_date,
                lead.expected_revenue, lead.company_currency, lead.stage_id.name or "")
        for order in chain["order"]:
            add(1, "quotation", order, order.date_order, order.amount_total, order.currency_id,
                selection["sale.order"].get(order.state, ""))
            for version in chain["quote_version"].filtered(lambda v, o=order: v.order_id == o):
                add(2, "quotation_version", version, version.date, version.amount_total, version.currency_id)
        for contract in chain["contract"]:
            add(1, "contract", contract, contract.date_signed, contract.amount_total, contract.currency_id,
                selection["ltc.contract"].get(contract.state, ""))
            for version in chain["contract_version"].filtered(lambda v, c=contract: v.contract_id == c):
                add(2, "contract_version", version, version.date, version.amount_total, version.currency_id)
        for line in chain["plan"]:
            add(2, "plan_line", line, line.date_due or line.date_planned, line.amount, line.currency_id,
                dict(line._fields["payment_state"]._description_selection(self.env)).get(line.payment_state, ""))
        for move in chain["invoice"]:
            add(3, "invoice" if move.move_type == "out_invoice" else "credit_note", move, move.invoice_date,
                move.amount_total, move.currency_id, selection["account.move"].get(move.state, ""))
        for payment in chain["payment"]:
            add(4, "payment", payment, payment.date, payment.amount, payment.currency_id,
                selection["account.payment"].get(payment.state, ""))
        return vals

    @api.model
    def action_trace(self, model, res_id):
        """Open the trace of one record of a customer, opportunity, quotation, contract or invoice."""
        if model not in SOURCES:
            raise UserError(_("A lead-to-cash trace starts from a customer, an opportunity, a quotation, a "
                              "contract or an invoice."))
        record = self.env[model].browse(res_id).exists()
        if not record:
            raise UserError(_("The record to trace no longer exists."))
        record.check_access("read")
        chain = {kind: recs.with_env(self.env)._filtered_access("read") for kind, recs in self._collect(record).items()}
        # the payments of the invoices the user may read, as the invoice's own payment widget shows them:
        # reconciled with the invoice, or linked to it (a payment without journal entry)
        invoices = chain["invoice"].sudo()
        chain["payment"] = (invoices._get_reconciled_payments() | invoices.matched_payment_ids) if invoices \
            else self.env["account.payment"]
        trace = self.create({"name": _("Lead-to-cash trace of %s", record.display_name)})
        self.env["ltc.trace.line"].create([{**vals, "trace_id": trace.id} for vals in self._prepare_line_vals(chain)])
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": trace.id, "views": [(False, "form")],
                "name": trace.name, "target": "current"}
