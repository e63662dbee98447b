from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import guarded, may_write_guarded
from odoo.exceptions import UserError
from odoo.tools import float_compare


class SaleOrder(models.Model):
    """Contracts on sales orders: a won quote becomes a contract in one click; a signed contract's
    orders (batches, call-offs) link back to it and are held to its lines and its framework."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    ltc_contract_id = fields.Many2one(
        "ltc.contract", string="Contract", index="btree_not_null", copy=False, check_company=True,
        domain="[('state', 'in', ('signed', 'executing')), ('partner_id', 'child_of', partner_id)]",
        help="The contract (or framework agreement) this order fulfils or calls off against.",
    )
    ltc_contract_ids = fields.One2many("ltc.contract", "order_id", string="Contracts from this quote")

    @api.depends("ltc_contract_id")
    def _compute_pricelist_id(self):
        """An order of a contract is priced at the contract's prices, a call-off at its framework's."""
        res = super()._compute_pricelist_id()
        for order in self.filtered(lambda o: o.state in ("draft", "sent") and o.ltc_contract_id):
            contract = order.ltc_contract_id.sudo()
            pricelist = contract.pricelist_id or contract.framework_id.pricelist_id
            if pricelist:
                order.pricelist_id = pricelist
        return res

    def write(self, vals):
        if "ltc_contract_id" in vals and not may_write_guarded(self.env) \
                and self.filtered(lambda o: o.state not in ("draft", "sent")):
            raise UserError(_("The contract of a confirmed order is kept: it counts in the contract's fulfilment."))
        if vals.get("state", "sale") != "sale" and not may_write_guarded(self.env):
            self._check_state_follows_contract()
        return super().write(vals)

    def _check_state_follows_contract(self):
        """The order of a signed contract is the contract's: it is not cancelled or set back to a
        quotation on its own (plain write or cancel button) — the contract is terminated first."""
        bound = self.filtered(lambda o: o.ltc_contract_ids.filtered(
            lambda c: c.state in ("signed", "executing", "suspended", "closed", "evaluated")))
        if bound:
            raise UserError(_("Order %s belongs to a signed contract: terminate or amend the contract instead of "
                              "changing the order's status.", bound[0].name))

    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + ["ltc_contract_id"]

    def action_create_contract(self):
        """One click from a won or approved quote to a draft contract with its lines, taxes, pricelist,
        roles and opportunity. A quote the customer already accepted (confirmed, nothing invoiced
        yet) becomes a contract too: its signing then has nothing left to confirm."""
        self.ensure_one()
        if self.state == "cancel" or (self.state == "sale" and self.invoice_ids):
            raise UserError(_("Quotation %s is cancelled or already invoiced: a contract starts from a quotation "
                              "or from an accepted order not yet invoiced.", self.name))
        if self.ltc_contract_ids.filtered(lambda c: c.state != "terminated"):
            raise UserError(_("Quotation %(order)s already has contract %(contract)s.", order=self.name,
                              contract=self.ltc_contract_ids[:1].name))
        if self._is_approval_pending():
            raise UserError(_("Quotation %s waits for its review (discount or credit): the contract starts from "
                              "an approved quote.", self.name))
        if self.opportunity_id and not self.opportunity_id.active:
            raise UserError(_("Opportunity %s is lost: its quote does not become a contract.",
                              self.opportunity_id.name))
        if not self.order_line.filtered(lambda sol: not sol.display_type):
            raise UserError(_("Quotation %s has no lines.", self.name))
        contract = self.env["ltc.contract"].create(self._prepare_contract_vals())
        # linking is no change of the approved terms: neither the version guard nor the tier check apply
        guarded(self).with_context(ltc_skip_version_guard=True, skip_validation_check=True).write({
            "ltc_contract_id": contract.id,
            "order_line": [fields.Command.update(sol.id, {"ltc_contract_line_id": cline.id}) for sol, cline in zip(
                self.order_line.filtered(lambda sol: not sol.display_type), contract.line_ids, strict=True)],
        })
        contract.message_post_with_source(
            "mail.message_origin_link", render_values={"self": contract, "origin": self},
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window", "res_model": "ltc.contract", "res_id": contract.id,
            "view_mode": "form", "views": [(False, "form")],
        }

    def _prepare_contract_vals(self):
        self.ensure_one()
        return {
            "title": self.opportunity_id.name or self.name,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "pricelist_id": self.pricelist_id.id,
            "payment_term_id": self.payment_term_id.id,
            "order_id": self.id,
            "opportunity_id": self.opportunity_id.id,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "solution_user_id": self.solution_user_id.id,
            "fulfilment_user_id": self.fulfilment_user_id.id,
            "sponsor_user_id": self.sponsor_user_id.id,
            "date_start": self.commitment_date and self.commitment_date.date() or False,
            "line_ids": [fields.Command.create({
                "sequence": sol.sequence, "product_id": sol.product_id.id, "name": sol.name,
                "product_uom_qty": sol.product_uom_qty, "product_uom": sol.product_uom.id,
                "price_unit": sol.price_unit, "discount": sol.discount,
                "tax_ids": [fields.Command.set(sol.tax_id.ids)], "source_line_id": sol.id,
            }) for sol in self.order_line.filtered(lambda sol: not sol.display_type)],
        }

    def action_view_contract(self):
        self.ensure_one()
        contract = self.ltc_contract_id or self.ltc_contract_ids[:1]
        return {
            "type": "ir.actions.act_window", "res_model": "ltc.contract", "res_id": contract.id,
            "view_mode": "form", "views": [(False, "form")],
        }

    def action_confirm(self):
        self.filtered(lambda o: o.state in ("draft", "sent"))._check_ltc_contract_fulfilment()
        return super().action_confirm()

    def _check_ltc_contract_fulfilment(self):
        """An order of a contract: the contract is signed (or being signed), the order stays within
        each contract line's remaining quantity, and within its framework's ceiling and period."""
        for order in self.filtered("ltc_contract_id"):
            contract = order.ltc_contract_id.sudo()
            signing = self.env.context.get("ltc_contract_signing") and contract.order_id == order
            if contract.state not in ("signed", "executing") and not signing:
                raise UserError(_(
                    "Order %(order)s belongs to contract %(contract)s, which is %(state)s: orders are confirmed "
                    "on a signed contract.", order=order.name, contract=contract.name, state=contract._state_label(),
                ))
            requested = {}
            for sol in order.order_line.filtered("ltc_contract_line_id"):
                cline = sol.ltc_contract_line_id.sudo()
                if cline.contract_id != contract:
                    raise UserError(_("Order line %(line)s is tied to another contract than %(contract)s.",
                                      line=sol.name, contract=contract.name))
                requested[cline] = requested.get(cline, 0.0) + sol.product_uom._compute_quantity(
                    sol.product_uom_qty, cline.product_uom)
            for cline, qty in requested.items():
                if float_compare(qty, cline.qty_remaining, precision_rounding=cline.product_uom.rounding) > 0:
                    raise UserError(_(
                        "Order %(order)s asks for %(qty)s %(uom)s of %(product)s; contract %(contract)s agreed "
                        "%(agreed)s, %(ordered)s already ordered, %(remaining)s remaining.",
                        order=order.name, qty=qty, uom=cline.product_uom.name, product=cline.product_id.display_name,
                        contract=contract.name, agreed=cline.product_uom_qty, ordered=cline.qty_ordered,
                        remaining=cline.qty_remaining,
                    ))
            if contract.kind == "framework" or contract.framework_id:
                date = order.date_order.date() if order.date_order else fields.Date.context_today(order)
                contract._check_framework_ceiling(order.amount_untaxed, order.currency_id, date, order.name)
