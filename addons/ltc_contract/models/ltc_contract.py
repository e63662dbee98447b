from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import guarded, may_write_guarded
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_amount, format_date

_USER_DOMAIN = "[('share', '=', False)]"


STATES = [
    ("draft", "Draft"),
    ("review", "In Review"),
    ("approved", "Approved"),
    ("signed", "Signed"),
    ("executing", "Executing"),
    ("suspended", "Suspended"),
    ("closed", "Closed"),
    ("evaluated", "Evaluated"),
    ("terminated", "Terminated"),
]

# Set by the transition methods (and the scheduled action) only.
PROTECTED_FIELDS = {
    "state", "version", "risk_level", "late_milestone_count", "signed_by", "signed_on", "signature",
    "termination_reason", "suspension_reason", "date_closed", "eval_revenue", "eval_cost", "active",
    "name",
}
# The agreed terms: edited in draft only, then only through an amendment.
TERM_FIELDS = {
    "partner_id", "dealer_partner_id", "type_id", "company_id", "currency_id", "pricelist_id",
    "payment_term_id", "date_start", "date_end", "line_ids", "user_id", "solution_user_id",
    "fulfilment_user_id", "sponsor_user_id", "framework_id", "ceiling_amount", "order_id",
    "opportunity_id", "title", "team_id",
}
SIGNING_FIELDS = {"date_signed", "signed_copy", "signed_copy_name"}
EVALUATION_FIELDS = {"acceptance", "lessons", "score"}


class LtcContract(models.Model):
    """合同: the agreed terms of a won deal and the hub of its execution.

    One method per transition, each with the rule that guards it; ``state`` and the other derived
    fields are written by those methods only (see ``write``).
    """

    _name = "ltc.contract"
    _description = "Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "tier.validation"]
    _order = "id desc"
    _check_company_auto = True

    _state_field = "state"
    _state_from = ["review"]
    _state_to = ["approved"]
    _cancel_state = "terminated"
    _tier_validation_manual_config = False

    name = fields.Char(string="Number", required=True, copy=False, readonly=True, index="trigram",
                       default=lambda self: _("New"))
    title = fields.Char(string="Subject", tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    type_id = fields.Many2one(
        "ltc.contract.type", required=True, check_company=True, tracking=True,
        default=lambda self: self.env.ref("ltc_contract.contract_type_order", raise_if_not_found=False),
    )
    kind = fields.Selection(related="type_id.kind", store=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, tracking=True,
                             index=True, group_expand=True)
    version = fields.Integer(default=1, readonly=True, copy=False, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, tracking=True, check_company=True,
                                 index=True)
    dealer_partner_id = fields.Many2one(
        "res.partner", string="Dealer / Agent", tracking=True, check_company=True,
        help="Third party of a three-party contract (三方合同): the dealer or agent.",
    )
    currency_id = fields.Many2one("res.currency", required=True,
                                  default=lambda self: self.env.company.currency_id)
    pricelist_id = fields.Many2one(
        "product.pricelist", check_company=True,
        help="Agreed prices. A framework agreement's pricelist prices the orders called off against it.",
    )
    payment_term_id = fields.Many2one("account.payment.term", check_company=True)
    order_id = fields.Many2one("sale.order", string="Source Quotation", readonly=True, copy=False, index="btree_not_null",
                               check_company=True)
    opportunity_id = fields.Many2one("crm.lead", check_company=True, index="btree_not_null")
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    user_id = fields.Many2one("res.users", string="Account Responsible (AR)", tracking=True, index=True,
                              domain=_USER_DOMAIN, default=lambda self: self.env.user)
    solution_user_id = fields.Many2one("res.users", string="Solution Responsible (SR)", tracking=True,
                                       index="btree_not_null", domain=_USER_DOMAIN)
    fulfilment_user_id = fields.Many2one("res.users", string="Fulfilment Responsible (FR)", tracking=True,
                                         index="btree_not_null", domain=_USER_DOMAIN)
    sponsor_user_id = fields.Many2one("res.users", string="Sponsor", tracking=True, domain=_USER_DOMAIN)
    date_start = fields.Date(string="Start Date", tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    date_signed = fields.Date(string="Signing Date", tracking=True, copy=False)
    date_closed = fields.Date(string="Closing Date", readonly=True, copy=False)
    line_ids = fields.One2many("ltc.contract.line", "contract_id", string="Lines", copy=True)
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)
    amount_tax = fields.Monetary(string="Taxes", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", store=True, tracking=True)
    max_discount = fields.Float(string="Max Discount (%)", compute="_compute_amounts", store=True,
                                digits="Discount")

    # signing: a signed copy, or the customer's signature on the portal
    signed_copy = fields.Binary(attachment=True, copy=False)
    signed_copy_name = fields.Char(copy=False)
    signature = fields.Image(copy=False, attachment=True, max_width=1024, max_height=1024, readonly=True)
    signed_by = fields.Char(copy=False, readonly=True)
    signed_on = fields.Datetime(copy=False, readonly=True)
    termination_reason = fields.Text(readonly=True, copy=False)
    suspension_reason = fields.Text(readonly=True, copy=False)

    # framework agreement: ceiling over the period [date_start, date_end]
    framework_id = fields.Many2one(
        "ltc.contract", string="Framework Agreement", check_company=True, index="btree_not_null",
        domain="[('kind', '=', 'framework'), ('state', 'in', ('signed', 'executing'))]",
        help="The framework agreement this contract calls off against.",
    )
    calloff_ids = fields.One2many("ltc.contract", "framework_id", string="Call-off Contracts")
    ceiling_amount = fields.Monetary(string="Ceiling", tracking=True,
                                     help="Most that may be ordered (untaxed) under the agreement in its period.")
    consumed_amount = fields.Monetary(string="Consumed", compute="_compute_framework_figures",
                                      help="Untaxed amount of the confirmed orders called off against it.")
    remaining_amount = fields.Monetary(string="Remaining", compute="_compute_framework_figures")

    # batch fulfilment
    sale_order_ids = fields.One2many("sale.order", "ltc_contract_id", string="Orders", readonly=True)
    sale_order_count = fields.Integer(compute="_compute_sale_order_count")

    # execution
    milestone_ids = fields.One2many("ltc.contract.milestone", "contract_id", string="Milestones", copy=False)
    late_milestone_count = fields.Integer(readonly=True, copy=False, default=0,
                                          help="Milestones past their planned date and not done.")
    risk_level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")], default="low", readonly=True, copy=False,
        tracking=True, index=True,
    )
    version_ids = fields.One2many("ltc.contract.version", "contract_id", string="Versions", readonly=True)
    amendment_ids = fields.One2many("ltc.contract.amendment", "contract_id", string="Amendments", readonly=True)

    # review figures the tier definitions test (data/tier_definition_data.xml)
    review_amount_exceeded = fields.Boolean(compute="_compute_review_figures",
                                            help="The total is at or above the company's review amount.")
    review_discount_exceeded = fields.Boolean(compute="_compute_review_figures",
                                              help="A line carries a discount above the VP limit.")
    review_credit_risk = fields.Boolean(compute="_compute_review_figures",
                                        help="The customer's credit calls for a finance review.")

    # evaluation
    acceptance = fields.Selection(
        [("accepted", "Accepted"), ("reserved", "Accepted with Reservations"), ("refused", "Refused")],
        string="Customer Acceptance", tracking=True, copy=False,
    )
    lessons = fields.Text(string="Lessons Learnt", copy=False)
    score = fields.Selection([("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")], copy=False,
                             tracking=True)
    eval_revenue = fields.Monetary(string="Revenue", readonly=True, copy=False)
    eval_cost = fields.Monetary(string="Cost", readonly=True, copy=False)
    eval_margin = fields.Monetary(string="Margin", compute="_compute_eval_margin")
    eval_margin_percent = fields.Float(string="Margin (%)", compute="_compute_eval_margin", digits=(16, 1))
    schedule_adherence = fields.Float(
        string="Schedule Adherence (%)", compute="_compute_schedule_adherence", digits=(16, 1),
        help="Share of the milestones done on or before their planned date.",
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A contract number is unique per company."),
        ("ceiling_positive", "CHECK(ceiling_amount >= 0)", "The ceiling cannot be negative."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("line_ids.price_subtotal", "line_ids.price_tax", "line_ids.discount")
    def _compute_amounts(self):
        for contract in self:
            lines = contract.line_ids
            contract.amount_untaxed = sum(lines.mapped("price_subtotal"))
            contract.amount_tax = sum(lines.mapped("price_tax"))
            contract.amount_total = contract.amount_untaxed + contract.amount_tax
            contract.max_discount = max(lines.mapped("discount") or [0.0])

    @api.depends("amount_total", "max_discount", "partner_id", "company_id")
    def _compute_review_figures(self):
        for contract in self:
            company = contract.company_id
            limit = company.ltc_contract_review_amount
            contract.review_amount_exceeded = bool(limit) and contract.currency_id.compare_amounts(
                contract.amount_total, limit) >= 0
            contract.review_discount_exceeded = float_compare(
                contract.max_discount, company.ltc_discount_vp_limit, precision_digits=2) > 0
            contract.review_credit_risk = contract._ltc_credit_review_needed()

    def _ltc_credit_review_needed(self):
        """Hook: does the customer's credit call for a finance review? ltc_receivable fills it."""
        self.ensure_one()
        return False

    def _get_calloff_order_lines(self):
        """Confirmed order lines called off against the framework agreements in ``self``: orders
        linked to the agreement itself or to an order contract under it."""
        return self.env["sale.order.line"].sudo().search([
            ("order_id.state", "=", "sale"),
            ("display_type", "=", False),
            "|", ("order_id.ltc_contract_id", "in", self.ids),
            ("order_id.ltc_contract_id.framework_id", "in", self.ids),
        ])

    @api.depends("ceiling_amount", "calloff_ids", "sale_order_ids.state")
    def _compute_framework_figures(self):
        frameworks = self.filtered(lambda c: c.kind == "framework" and isinstance(c.id, int))
        (self - frameworks).update({"consumed_amount": 0.0, "remaining_amount": 0.0})
        lines = frameworks._get_calloff_order_lines()
        for framework in frameworks:
            consumed = 0.0
            for line in lines:
                order_contract = line.order_id.ltc_contract_id
                if framework not in (order_contract | order_contract.framework_id):
                    continue
                consumed += line.currency_id._convert(
                    line.price_subtotal, framework.currency_id, framework.company_id,
                    line.order_id.date_order or fields.Date.today(),
                )
            framework.consumed_amount = framework.currency_id.round(consumed)
            framework.remaining_amount = framework.ceiling_amount - framework.consumed_amount

    @api.depends("sale_order_ids")
    def _compute_sale_order_count(self):
        for contract in self:
            contract.sale_order_count = len(contract.sale_order_ids)

    @api.depends("eval_revenue", "eval_cost")
    def _compute_eval_margin(self):
        for contract in self:
            contract.eval_margin = contract.eval_revenue - contract.eval_cost
            contract.eval_margin_percent = (
                100.0 * contract.eval_margin / contract.eval_revenue if contract.eval_revenue else 0.0
            )

    @api.depends("milestone_ids.date_done", "milestone_ids.date_planned")
    def _compute_schedule_adherence(self):
        for contract in self:
            milestones = contract.milestone_ids
            on_time = milestones.filtered(lambda m: m.date_done and m.date_done <= m.date_planned)
            contract.schedule_adherence = 100.0 * len(on_time) / len(milestones) if milestones else 0.0

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/ltc_contracts/{contract.id}"
        return res

    # ------------------------------------------------------------------ constraints
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_start and contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(_("Contract %(name)s ends (%(end)s) before it starts (%(start)s).",
                                        name=contract.name, end=contract.date_end, start=contract.date_start))

    @api.constrains("framework_id", "type_id")
    def _check_framework(self):
        for contract in self:
            if contract.framework_id and contract.kind == "framework":
                raise ValidationError(_("A framework agreement cannot call off against another framework."))
            if contract.framework_id and contract.framework_id.partner_id.commercial_partner_id != \
                    contract.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "Contract %(name)s is for %(customer)s; framework %(framework)s is for %(other)s.",
                    name=contract.name, customer=contract.partner_id.display_name,
                    framework=contract.framework_id.name, other=contract.framework_id.partner_id.display_name,
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if PROTECTED_FIELDS.intersection(vals) - {"name", "active"} and not self._ltc_trusted():
                raise UserError(_("The state and the figures of a contract are set by its actions, not typed."))
            if vals.get("name", _("New")) == _("New") or not self._ltc_trusted():
                company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
                vals["name"] = self._get_sequence(company).next_by_id()
        return super().create(vals_list)

    @api.model
    def _get_sequence(self, company):
        """The company's own contract sequence (numbers run per company), created on first use."""
        sequence_model = self.env["ir.sequence"].sudo()
        sequence = sequence_model.search([("code", "=", "ltc.contract"), ("company_id", "=", company.id)], limit=1)
        if not sequence:
            sequence = sequence_model.create({
                "name": _("Contract (%s)", company.name), "code": "ltc.contract", "company_id": company.id,
                "prefix": "HT%(year)s", "padding": 5,
            })
        return sequence

    @api.model
    def _ltc_trusted(self):
        """Inside a transition method (or superuser mode): ltc_lead's guard, the context token no
        RPC client can send."""
        return may_write_guarded(self.env)

    def _ltc_trusted_env(self):
        return guarded(self).with_context(skip_validation_check=True)

    def write(self, vals):
        if not self._ltc_trusted():
            self._check_ltc_write(vals)
        return super().write(vals)

    def _check_ltc_write(self, vals):
        """What a user may change depends on the state; derived fields never."""
        fields_set = set(vals)
        protected = fields_set & PROTECTED_FIELDS
        if protected:
            raise UserError(_(
                "%(fields)s of a contract change through its actions (submit, sign, execute, suspend, "
                "close, amend ...), not by editing.",
                fields=", ".join(sorted(self._fields[f].get_description(self.env)["string"] for f in protected)),
            ))
        for contract in self:
            if fields_set & TERM_FIELDS and contract.state != "draft":
                contract._raise_terms_locked()
            if fields_set & SIGNING_FIELDS and contract.state not in ("draft", "approved"):
                raise UserError(_("Contract %(name)s is %(state)s: its signing date and signed copy are "
                                  "kept as signed.", name=contract.name, state=contract._state_label()))
            if fields_set & EVALUATION_FIELDS and contract.state != "closed":
                raise UserError(_("Contract %(name)s is evaluated once closed, not while %(state)s.",
                                  name=contract.name, state=contract._state_label()))

    def _raise_terms_locked(self):
        self.ensure_one()
        if self.state in ("signed", "executing", "suspended"):
            raise UserError(_(
                "Contract %(name)s is signed: its terms change only through an amendment "
                "(Amend button).", name=self.name,
            ))
        if self.state in ("review", "approved"):
            raise UserError(_(
                "Contract %(name)s is %(state)s: send it back to draft before changing its terms.",
                name=self.name, state=self._state_label(),
            ))
        raise UserError(_("Contract %(name)s is %(state)s: its terms can no longer change.",
                          name=self.name, state=self._state_label()))

    def _ltc_post(self, body):
        """Post a note authored by the current user; as superuser so that a reviewer or rep without an
        email address still acts (mail refuses a sender without one otherwise)."""
        for record in self.sudo():
            record.message_post(body=body, author_id=self.env.user.partner_id.id)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(_("Contract %(name)s is %(state)s: only a draft contract can be deleted.",
                                  name=contract.name, state=contract._state_label()))

    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + ["message_main_attachment_id"]

    def _get_tier_validation_readonly_domain(self):
        # under review only: the terms follow the state afterwards (see the view and ``write``)
        return "state == 'review'"

    # ------------------------------------------------------------------ transitions
    def _ltc_set_state(self, state, **extra):
        vals = dict(extra, state=state)
        # need_validation has no dependencies: read it fresh for the tier check of this write
        self.invalidate_recordset(["need_validation", "review_ids", "validation_status"])
        self._ltc_trusted_env().write(vals)

    def _ltc_check_state(self, allowed, action):
        for contract in self:
            if contract.state not in allowed:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(_(
                    "Contract %(name)s is %(state)s: it cannot be %(action)s (only when %(allowed)s).",
                    name=contract.name, state=labels[contract.state], action=action,
                    allowed=" / ".join(labels[s] for s in allowed),
                ))

    def action_submit(self):
        """Draft → in review: the tier reviews apply (all at once when they run in parallel)."""
        self._ltc_check_state(["draft"], _("submitted for review"))
        for contract in self:
            if not contract.line_ids:
                raise UserError(_("Contract %s has no lines: add what is sold before submitting it.",
                                  contract.name))
            if contract.framework_id:
                contract._check_framework_ceiling(contract.amount_untaxed, contract.currency_id,
                                                  fields.Date.context_today(self), contract.name)
        self._ltc_set_state("review")
        for contract in self:
            contract.invalidate_recordset(["need_validation", "review_ids"])
            if contract.need_validation:
                contract.request_validation()
            else:
                contract._ltc_set_state("approved")
                contract._ltc_post(_("No review applies: contract approved."))
        return True

    def action_draft(self):
        """Back to draft from review or approval, to change the terms."""
        self._ltc_check_state(["review", "approved"], _("sent back to draft"))
        self._ltc_set_state("draft")
        self.sudo().review_ids.unlink()
        return True

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        if self.state == "review" and self.validation_status == "validated":
            self.sudo()._ltc_set_state("approved")
            # the reviewer may have no email address: name the author rather than derive it
            self._ltc_post(_("Review complete: contract approved."))
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        if self.state == "review" and self.validation_status == "rejected":
            self.sudo()._ltc_set_state("draft")
            self._ltc_post(_("Review rejected by %s: contract back to draft.", self.env.user.name))
        return res

    def action_sign(self):
        """Approved → signed: needs the signing date and a signed copy or the customer's online
        signature; confirms the source quotation (the first order of the contract) and keeps v1."""
        self._ltc_check_state(["approved"], _("signed"))
        for contract in self:
            if not contract.date_signed:
                raise UserError(_("Enter the signing date of contract %s before signing it.", contract.name))
            if not (contract.signed_copy or contract.signature):
                raise UserError(_(
                    "Contract %s needs the signed copy attached or the customer's online signature "
                    "before it is signed.", contract.name,
                ))
        self._ltc_set_state("signed")
        for contract in self:
            contract._confirm_source_quotation()
            contract._create_version(_("Signed"))
            contract._ltc_post(_("Contract signed on %s.", format_date(self.env, contract.date_signed)))
        return True

    def _confirm_source_quotation(self):
        self.ensure_one()
        order = self.order_id
        if order and order.state in ("draft", "sent"):
            order.with_context(ltc_contract_signing=True).action_confirm()

    def _has_to_be_signed(self):
        self.ensure_one()
        return self.state == "approved" and not self.signature

    def _ltc_portal_sign(self, name, signature):
        """The customer signs on the portal (as sale orders are signed): signature, name, date."""
        self.ensure_one()
        if not self._has_to_be_signed():
            raise UserError(_("Contract %s is not waiting for the customer's signature.", self.name))
        if not signature:
            raise UserError(_("Signature is missing."))
        self._ltc_trusted_env().write({
            "signed_by": name, "signed_on": fields.Datetime.now(), "signature": signature,
            "date_signed": self.date_signed or fields.Date.context_today(self),
        })
        self.action_sign()
        return True

    def action_execute(self):
        """Signed → executing."""
        self._ltc_check_state(["signed"], _("put into execution"))
        self._ltc_set_state("executing")
        return True

    def action_suspend(self, reason=None):
        """Executing → suspended (中止), with the reason."""
        self._ltc_check_state(["executing"], _("suspended"))
        if not (reason or "").strip():
            raise UserError(_("Say why contract %s is suspended.", ", ".join(self.mapped("name"))))
        self._ltc_set_state("suspended", suspension_reason=reason.strip())
        for contract in self:
            contract._ltc_post(_("Contract suspended: %s", reason.strip()))
        return True

    def action_resume(self):
        """Suspended → executing."""
        self._ltc_check_state(["suspended"], _("resumed"))
        self._ltc_set_state("executing", suspension_reason=False)
        self._ltc_post(_("Contract resumed."))
        return True

    def action_terminate(self, reason=None):
        """Terminated (终止), from any state before closing, with the reason."""
        self._ltc_check_state(["draft", "review", "approved", "signed", "executing", "suspended"], _("terminated"))
        if not (reason or "").strip():
            raise UserError(_("Say why contract %s is terminated.", ", ".join(self.mapped("name"))))
        self._ltc_set_state("terminated", termination_reason=reason.strip())
        self.sudo().review_ids.unlink()
        for contract in self:
            contract._ltc_post(_("Contract terminated: %s", reason.strip()))
        return True

    def action_close(self):
        """Executing → closed: every milestone done, every line delivered and invoiced, and what the
        hook ``_get_close_blockers`` adds (ltc_receivable: collection)."""
        self._ltc_check_state(["executing"], _("closed"))
        for contract in self:
            blockers = contract._get_close_blockers()
            if blockers:
                raise UserError(_("Contract %(name)s cannot be closed yet:\n%(blockers)s",
                                  name=contract.name, blockers="\n".join(f"- {b}" for b in blockers)))
        self._ltc_set_state("closed", date_closed=fields.Date.context_today(self))
        return True

    def _get_close_blockers(self):
        """Hook: the reasons the contract cannot close (empty: it can)."""
        self.ensure_one()
        blockers = []
        for milestone in self.milestone_ids.filtered(lambda m: not m.date_done):
            blockers.append(_("milestone %(name)s planned on %(date)s is not done",
                              name=milestone.name, date=format_date(self.env, milestone.date_planned)))
        for line in self.line_ids:
            rounding = line.product_uom.rounding or 0.01
            if float_compare(line.qty_delivered, line.product_uom_qty, precision_rounding=rounding) < 0:
                blockers.append(_("%(product)s: %(done)s of %(qty)s delivered", product=line.name,
                                  done=line.qty_delivered, qty=line.product_uom_qty))
            if float_compare(line.qty_invoiced, line.product_uom_qty, precision_rounding=rounding) < 0:
                blockers.append(_("%(product)s: %(done)s of %(qty)s invoiced", product=line.name,
                                  done=line.qty_invoiced, qty=line.product_uom_qty))
        return blockers

    def action_evaluate(self):
        """Closed → evaluated (评价): acceptance and score required; the margin of the linked orders is
        kept; the contract is archived, read-only."""
        self._ltc_check_state(["closed"], _("evaluated"))
        for contract in self:
            if not (contract.acceptance and contract.score):
                raise UserError(_("Record the customer's acceptance and a score before evaluating contract %s.",
                                  contract.name))
            revenue, cost = contract._get_margin_figures()
            contract._ltc_set_state("evaluated", eval_revenue=revenue, eval_cost=cost, active=False)
        return True

    def _get_margin_figures(self):
        """Revenue and cost (in the contract currency) of the confirmed orders of the contract."""
        self.ensure_one()
        revenue = cost = 0.0
        lines = self.sale_order_ids.filtered(lambda o: o.state == "sale").order_line.filtered(
            lambda sol: not sol.display_type)
        for line in lines:
            date = line.order_id.date_order or fields.Date.today()
            revenue += line.currency_id._convert(line.price_subtotal, self.currency_id, self.company_id, date)
            unit_cost = line._get_ltc_unit_cost() if line.product_id else 0.0
            cost += line.currency_id._convert(unit_cost * line.product_uom_qty, self.currency_id,
                                              self.company_id, date)
        return self.currency_id.round(revenue), self.currency_id.round(cost)

    # ------------------------------------------------------------------ framework
    def _check_framework_ceiling(self, amount, currency, date, document):
        """A call-off of ``amount`` on ``date`` against the framework of ``self`` (or ``self`` when it
        is one): outside the period or past the ceiling it is refused or only warned about, as the
        company says. Returns the warning (or False)."""
        self.ensure_one()
        framework = self if self.kind == "framework" else self.framework_id
        if not framework:
            return False
        problems = []
        if (framework.date_start and date < framework.date_start) or (framework.date_end and date > framework.date_end):
            problems.append(_(
                "%(document)s on %(date)s is outside the period of framework %(framework)s "
                "(%(start)s – %(end)s).",
                document=document, date=format_date(self.env, date), framework=framework.name,
                start=format_date(self.env, framework.date_start) if framework.date_start else "…",
                end=format_date(self.env, framework.date_end) if framework.date_end else "…",
            ))
        if framework.ceiling_amount:
            added = currency._convert(amount, framework.currency_id, framework.company_id, date)
            remaining = framework.remaining_amount
            if framework.currency_id.compare_amounts(added, remaining) > 0:
                problems.append(_(
                    "%(document)s (%(amount)s) exceeds what remains of framework %(framework)s: ceiling "
                    "%(ceiling)s, consumed %(consumed)s, remaining %(remaining)s.",
                    document=document, amount=format_amount(self.env, added, framework.currency_id),
                    framework=framework.name,
                    ceiling=format_amount(self.env, framework.ceiling_amount, framework.currency_id),
                    consumed=format_amount(self.env, framework.consumed_amount, framework.currency_id),
                    remaining=format_amount(self.env, remaining, framework.currency_id),
                ))
        if not problems:
            return False
        message = "\n".join(problems)
        if framework.company_id.ltc_framework_policy == "block":
            raise UserError(message)
        framework._ltc_post(message)
        return message

    # ------------------------------------------------------------------ orders
    def _prepare_order_vals(self):
        """A new order of the contract for what remains of its lines, at the contract's prices."""
        self.ensure_one()
        pricelist = self.pricelist_id or self.framework_id.pricelist_id
        lines = []
        for line in self.line_ids:
            if float_compare(line.qty_remaining, 0.0, precision_rounding=line.product_uom.rounding or 0.01) <= 0:
                continue
            lines.append(fields.Command.create({
                "product_id": line.product_id.id, "name": line.name, "product_uom_qty": line.qty_remaining,
                "product_uom": line.product_uom.id, "price_unit": line.price_unit, "discount": line.discount,
                "tax_id": [fields.Command.set(line.tax_ids.ids)], "ltc_contract_line_id": line.id,
            }))
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "pricelist_id": pricelist.id or False,
            "payment_term_id": self.payment_term_id.id or False,
            "user_id": self.user_id.id,
            "team_id": self.team_id.id or False,
            "opportunity_id": self.opportunity_id.id or False,
            "ltc_contract_id": self.id,
            "order_line": lines,
        }

    def action_create_order(self):
        """A new order (batch) of a signed contract, or a call-off against a framework agreement."""
        self.ensure_one()
        self._ltc_check_state(["signed", "executing"], _("ordered against"))
        order = self.env["sale.order"].create(self._prepare_order_vals())
        return {
            "type": "ir.actions.act_window", "res_model": "sale.order", "res_id": order.id,
            "view_mode": "form", "views": [(False, "form")],
        }

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("ltc_contract_id", "=", self.id)]
        action["context"] = {"default_ltc_contract_id": self.id, "create": False}
        return action

    # ------------------------------------------------------------------ versions and amendments
    def _get_version_line_values(self):
        self.ensure_one()
        return [line._get_version_values() for line in self.line_ids]

    def _create_version(self, reason, amendment=None):
        """Keep the terms as they are now as version ``self.version``, with the line diff against the
        previous one (the diff of ltc_cpq's quote versions)."""
        self.ensure_one()
        version_model = self.env["ltc.contract.version"].sudo()
        previous = self.version_ids.sorted("version", reverse=True)[:1]
        line_vals = self._get_version_line_values()
        vals = {
            "contract_id": self.id, "version": self.version, "reason": reason,
            "amendment_id": amendment.id if amendment else False,
            "currency_id": self.currency_id.id, "amount_untaxed": self.amount_untaxed,
            "amount_tax": self.amount_tax, "amount_total": self.amount_total,
            "date_start": self.date_start, "date_end": self.date_end,
            "line_ids": [fields.Command.create(lv) for lv in line_vals],
        }
        if previous:
            quote_version = self.env["ltc.quote.version"]
            changes = quote_version._diff_lines(previous._get_line_values(), line_vals)
            vals["diff_html"] = quote_version._render_diff(changes, previous, vals)
        version = version_model.create(vals)
        self.invalidate_recordset(["version_ids"])  # read them back in version order
        return version

    def action_amend(self):
        """Open a new amendment (变更 / 补充) prefilled with the current terms."""
        self.ensure_one()
        self._ltc_check_state(["signed", "executing", "suspended"], _("amended"))
        amendment = self.env["ltc.contract.amendment"].create(
            self.env["ltc.contract.amendment"]._prepare_from_contract(self))
        return {
            "type": "ir.actions.act_window", "res_model": "ltc.contract.amendment", "res_id": amendment.id,
            "view_mode": "form", "views": [(False, "form")],
        }

    def _apply_amendment(self, amendment):
        """Apply the approved amendment: terms and lines change, the version increments."""
        self.ensure_one()
        trusted = self._ltc_trusted_env()
        line_cmds = []
        kept = self.env["ltc.contract.line"]
        for aline in amendment.line_ids:
            vals = aline._prepare_contract_line_vals()
            if aline.contract_line_id:
                kept |= aline.contract_line_id
                line_cmds.append(fields.Command.update(aline.contract_line_id.id, vals))
            else:
                line_cmds.append(fields.Command.create(vals))
        for line in self.line_ids - kept:
            if line.qty_ordered:
                raise UserError(_("%(product)s is already ordered (%(qty)s): the amendment cannot remove it.",
                                  product=line.name, qty=line.qty_ordered))
            line_cmds.append(fields.Command.delete(line.id))
        trusted.write({
            "date_start": amendment.date_start, "date_end": amendment.date_end,
            "user_id": amendment.user_id.id, "solution_user_id": amendment.solution_user_id.id,
            "fulfilment_user_id": amendment.fulfilment_user_id.id, "sponsor_user_id": amendment.sponsor_user_id.id,
            "ceiling_amount": amendment.ceiling_amount,
            "line_ids": line_cmds,
            "version": self.version + 1,
        })
        version = self._create_version(amendment.reason, amendment=amendment)
        self._ltc_post(Markup("%s<br/>%s") % (
            _("Amendment %(name)s applied: version v%(version)s.", name=amendment.name, version=version.version),
            version.diff_html or "",
        ))
        return version

    # ------------------------------------------------------------------ milestones and risk
    @api.model
    def _get_risk_levels(self, contract_ids):
        """Risk level of each contract: late milestones (1 → medium, 2+ → high) plus the points of
        ``_ltc_risk_points`` (ltc_receivable: overdue receivables)."""
        if not contract_ids:
            return {}
        groups = self.env["ltc.contract.milestone"].sudo()._read_group(
            [("contract_id", "in", list(contract_ids)), ("is_late", "=", True)], ["contract_id"], ["__count"])
        late = {contract.id: count for contract, count in groups}
        extra = self._ltc_risk_points(contract_ids)
        levels = {}
        for contract_id in contract_ids:
            points = late.get(contract_id, 0) + extra.get(contract_id, 0)
            levels[contract_id] = ("high" if points >= 2 else "medium" if points == 1 else "low",
                                   late.get(contract_id, 0))
        return levels

    @api.model
    def _ltc_risk_points(self, contract_ids):
        """Hook: extra risk points per contract id (ltc_receivable adds overdue receivables)."""
        return {}

    @api.model
    def _update_risk(self, contract_ids):
        """Write risk level and late count of the contracts, one UPDATE per distinct value pair."""
        levels = self._get_risk_levels(contract_ids)
        by_value = {}
        for contract_id, value in levels.items():
            by_value.setdefault(value, []).append(contract_id)
        self.flush_model(["risk_level", "late_milestone_count"])
        for (level, late), ids in by_value.items():
            self.env.cr.execute(
                "UPDATE ltc_contract SET risk_level = %s, late_milestone_count = %s "
                "WHERE id = ANY(%s) AND (risk_level IS DISTINCT FROM %s OR late_milestone_count IS DISTINCT FROM %s)",
                (level, late, ids, level, late),
            )
        self.invalidate_model(["risk_level", "late_milestone_count"])

    def action_view_risk(self):
        return self.env["ir.actions.act_window"]._for_xml_id("ltc_contract.action_ltc_contract_risk")

    # ------------------------------------------------------------------ demo data
    def _demo_review(self):
        """Demo only: each pending review is approved by one of its reviewers."""
        for record in self:
            for _round in range(len(record.review_ids)):
                review = record.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))[:1]
                if not review:
                    break
                record.with_user(review.reviewer_ids[:1]).validate_tier()

    def _demo_approve(self):
        self.action_submit()
        self._demo_review()

    def _demo_sign(self):
        self._demo_approve()
        self.write({"date_signed": self.date_start or fields.Date.context_today(self),
                    "signed_copy": b"JVBERi0xLjQK", "signed_copy_name": "signed.pdf"})
        self.action_sign()

    def _demo_execute(self):
        self._demo_sign()
        self.action_execute()

    def _demo_deliver_and_invoice(self):
        if not self.sale_order_ids:
            order = self.env["sale.order"].create(self._prepare_order_vals())
            order.action_confirm()
            self._demo_xmlid(order, f"demo_order_{order.id}")
        for order in self.sale_order_ids.filtered(lambda o: o.state == "sale"):
            for line in order.order_line:
                line.qty_delivered = line.product_uom_qty
            # a draft invoice (sale counts it as invoiced): uninstalling deletes it with its xmlid
            self._demo_xmlid(order._create_invoices(), f"demo_invoice_{order.id}")

    def _demo_xmlid(self, record, name):
        """Demo records created in code get an xmlid: uninstalling the demo data deletes them."""
        self.env["ir.model.data"].create({
            "module": "ltc_contract", "name": name, "model": record._name, "res_id": record.id, "noupdate": True,
        })

    def _demo_amend(self, reason):
        amendment = self.env["ltc.contract.amendment"].create(
            self.env["ltc.contract.amendment"]._prepare_from_contract(self))
        first = amendment.line_ids[:1]
        amendment.write({"reason": reason, "line_ids": [
            fields.Command.update(first.id, {"product_uom_qty": first.product_uom_qty + 1})]})
        amendment.action_submit()
        amendment._demo_review()
