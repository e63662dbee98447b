from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import guarded, may_write_guarded
from odoo.exceptions import UserError

AMENDMENT_TERMS = {"reason", "kind", "date_start", "date_end", "user_id", "solution_user_id",
                   "fulfilment_user_id", "sponsor_user_id", "ceiling_amount", "line_ids"}


class LtcContractAmendment(models.Model):
    """变更 / 补充: a change request on a signed contract with its reason and the changed terms
    (lines, dates, roles, ceiling). It goes through its own tier review; on approval it applies and
    the contract's version increments."""

    _name = "ltc.contract.amendment"
    _description = "Contract Amendment"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _check_company_auto = True

    _state_field = "state"
    _state_from = ["review"]
    _state_to = ["applied"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    contract_id = fields.Many2one("ltc.contract", required=True, readonly=True, index=True, check_company=True,
                                  ondelete="cascade")
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("review", "In Review"), ("applied", "Applied"), ("rejected", "Rejected"),
         ("cancelled", "Cancelled")], default="draft", required=True, readonly=True, tracking=True, copy=False,
    )
    kind = fields.Selection([("change", "Change (变更)"), ("supplement", "Supplement (补充)")], default="change",
                            required=True)
    reason = fields.Text(required=True, tracking=True)
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    user_id = fields.Many2one("res.users", string="Account Responsible (AR)", domain="[('share', '=', False)]")
    solution_user_id = fields.Many2one("res.users", string="Solution Responsible (SR)",
                                       domain="[('share', '=', False)]")
    fulfilment_user_id = fields.Many2one("res.users", string="Fulfilment Responsible (FR)",
                                         domain="[('share', '=', False)]")
    sponsor_user_id = fields.Many2one("res.users", string="Sponsor", domain="[('share', '=', False)]")
    ceiling_amount = fields.Monetary(string="Ceiling")
    line_ids = fields.One2many("ltc.contract.amendment.line", "amendment_id", string="Lines", copy=True)
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", store=True)
    amount_delta = fields.Monetary(string="Change in Total", compute="_compute_amounts", store=True)
    version_id = fields.Many2one("ltc.contract.version", string="Resulting Version", readonly=True, copy=False)
    review_amount_exceeded = fields.Boolean(
        compute="_compute_review_amount_exceeded",
        help="The total rises by at least the company's review amount.",
    )

    @api.depends("line_ids.price_subtotal", "line_ids.price_total", "contract_id.amount_total")
    def _compute_amounts(self):
        for amendment in self:
            amendment.amount_untaxed = sum(amendment.line_ids.mapped("price_subtotal"))
            amendment.amount_total = sum(amendment.line_ids.mapped("price_total"))
            amendment.amount_delta = amendment.amount_total - (
                amendment.contract_id.amount_total if amendment.state != "applied" else 0.0)

    @api.depends("amount_delta", "company_id")
    def _compute_review_amount_exceeded(self):
        for amendment in self:
            limit = amendment.company_id.ltc_contract_review_amount
            amendment.review_amount_exceeded = bool(limit) and amendment.currency_id.compare_amounts(
                amendment.amount_delta, limit) >= 0

    @api.model
    def _prepare_from_contract(self, contract):
        return {
            "contract_id": contract.id, "reason": _("To be described"),
            "date_start": contract.date_start, "date_end": contract.date_end,
            "user_id": contract.user_id.id, "solution_user_id": contract.solution_user_id.id,
            "fulfilment_user_id": contract.fulfilment_user_id.id, "sponsor_user_id": contract.sponsor_user_id.id,
            "ceiling_amount": contract.ceiling_amount,
            "line_ids": [fields.Command.create({
                "contract_line_id": line.id, "product_id": line.product_id.id, "name": line.name,
                "product_uom_qty": line.product_uom_qty, "product_uom": line.product_uom.id,
                "price_unit": line.price_unit, "discount": line.discount,
                "tax_ids": [fields.Command.set(line.tax_ids.ids)], "sequence": line.sequence,
            }) for line in contract.line_ids],
        }

    @api.model_create_multi
    def create(self, vals_list):
        trusted = may_write_guarded(self.env)
        for vals in vals_list:
            if ("state" in vals or "version_id" in vals) and not trusted:
                raise UserError(_("The state of an amendment is set by its actions."))
            contract = self.env["ltc.contract"].browse(vals.get("contract_id"))
            contract.check_access("write")
            if contract.state not in ("signed", "executing", "suspended"):
                raise UserError(_("Only a signed contract is amended; %(name)s is %(state)s.",
                                  name=contract.name, state=contract._state_label()))
            vals["name"] = _("%(contract)s-A%(number)s", contract=contract.name,
                             number=len(contract.with_context(active_test=False).amendment_ids) + 1)
        return super().create(vals_list)

    def write(self, vals):
        if not may_write_guarded(self.env):
            if {"state", "version_id", "contract_id", "name"} & set(vals):
                raise UserError(_("The state of an amendment is set by its actions."))
            if AMENDMENT_TERMS & set(vals):
                self._check_editable()
        return super().write(vals)

    def _get_tier_validation_readonly_domain(self):
        return "state != 'draft'"

    def _check_editable(self):
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(_("Amendment %s is no longer a draft: its changes are kept as submitted.",
                                  amendment.name))

    def _set_state(self, state, **extra):
        self.invalidate_recordset(["need_validation", "review_ids", "validation_status"])
        guarded(self).with_context(skip_validation_check=True).write(dict(extra, state=state))

    def action_submit(self):
        """Draft → in review; applies at once when no review is required."""
        for amendment in self:
            if amendment.state != "draft":
                raise UserError(_("Amendment %s is not a draft.", amendment.name))
            if not (amendment.reason or "").strip() or amendment.reason == _("To be described"):
                raise UserError(_("Say why contract %s is amended.", amendment.contract_id.name))
            if not amendment.line_ids:
                raise UserError(_("An amendment keeps at least one line."))
            amendment.line_ids._check_not_below_ordered()
        self._set_state("review")
        for amendment in self:
            amendment.invalidate_recordset(["need_validation", "review_ids"])
            if amendment.need_validation:
                amendment.request_validation()
            else:
                amendment._apply()
        return True

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        if self.state == "review" and self.validation_status == "validated":
            self.sudo()._apply()
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        if self.state == "review" and self.validation_status == "rejected":
            self.sudo()._set_state("rejected")
            self.contract_id._ltc_post(_("Amendment %(name)s rejected by %(user)s.",
                                                 name=self.name, user=self.env.user.name))
        return res

    def _apply(self):
        self.ensure_one()
        contract = self.contract_id
        if contract.state not in ("signed", "executing", "suspended"):
            raise UserError(_("Contract %(name)s is %(state)s: the amendment can no longer apply.",
                              name=contract.name, state=contract._state_label()))
        self._set_state("applied")
        version = contract.sudo()._apply_amendment(self)
        self._set_state("applied", version_id=version.id)
        return version

    def action_cancel(self):
        for amendment in self:
            if amendment.state not in ("draft", "review"):
                raise UserError(_("Amendment %s is already decided.", amendment.name))
        self.sudo().review_ids.unlink()
        self._set_state("cancelled")
        return True

    def _demo_review(self):
        """Demo only: each pending review is approved by one of its reviewers."""
        for record in self:
            for _round in range(len(record.review_ids)):
                review = record.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))[:1]
                if not review:
                    break
                record.with_user(review.reviewer_ids[:1]).validate_tier()
