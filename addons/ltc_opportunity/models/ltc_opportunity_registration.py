from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded
from odoo.exceptions import UserError


class LtcOpportunityRegistration(models.Model):
    """Registration (报备) of an opportunity, approved through OCA tier validation.

    ``crm.lead`` has no state field, so the approval lives on this small document: each company
    defines in Settings > Technical > Tier Definitions who approves which registration (amount,
    team, product line ...).
    """

    _name = "ltc.opportunity.registration"
    _description = "Opportunity Registration"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _check_company_auto = True

    _state_field = "state"
    _state_from = ["draft", "to_approve"]
    _state_to = ["approved"]
    # no such state: a rejection keeps its reviews as the audit trail (the OCA cancel state drops them)
    _cancel_state = "cancel"
    _tier_validation_manual_config = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True, check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "To Approve"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    user_id = fields.Many2one("res.users", string="Account Responsible (AR)", check_company=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    team_leader_id = fields.Many2one(
        related="team_id.user_id", string="Team Leader",
        help="Usable as reviewer field in a tier definition.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", check_company=True)
    company_key = fields.Char(string="Customer Key", readonly=True)
    product_line_ids = fields.Many2many("ltc.product.line", string="Product Lines", check_company=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    expected_revenue = fields.Monetary(currency_field="currency_id")
    submitted_date = fields.Datetime(readonly=True, copy=False)
    decided_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Text()
    conflict_ids = fields.One2many("ltc.opportunity.conflict", "registration_id", string="Conflicts")
    conflict_count = fields.Integer(compute="_compute_conflict_count")

    @api.depends("conflict_ids")
    def _compute_conflict_count(self):
        for registration in self:
            registration.conflict_count = len(registration.conflict_ids)

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        leads = self.env["crm.lead"].browse([vals["lead_id"] for vals in vals_list if vals.get("lead_id")])
        for index, vals in enumerate(vals_list):
            if vals.get("lead_id"):
                lead = leads.filtered(lambda rec, lead_id=vals["lead_id"]: rec.id == lead_id)
                vals = vals_list[index] = {**lead._prepare_registration_snapshot_vals(), **vals}
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("ltc.opportunity.registration") or "/"
        return super().create(vals_list)

    @api.model
    def _ltc_guarded_fields(self):
        """The decision and its dates (ltc_lead.guard): set by submit, approval, rejection, reset."""
        return {"state", "name", "submitted_date", "decided_date"}

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        return super().write(vals)

    def _get_to_validate_message_name(self):
        return _("Registration")

    def action_submit(self):
        """Submit for approval: snapshot the deal, flag conflicts, request the tier reviews.

        Without any applicable tier definition the registration is approved at once.
        """
        for registration in self:
            if registration.state != "draft":
                raise UserError(_("Only a draft registration can be submitted (%(name)s is %(state)s).",
                                  name=registration.name, state=registration.state))
            registration.lead_id._check_registration_data()
            guarded(registration).with_context(skip_validation_check=True).write({
                **registration.lead_id._prepare_registration_snapshot_vals(),
                "state": "to_approve",
                "submitted_date": fields.Datetime.now(),
            })
        self.lead_id.sudo()._detect_conflicts(self)
        for registration in self:
            registration.request_validation()
            if not registration.review_ids:
                registration._set_approved()
        return True

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers=tiers)
        if (self.state == "to_approve" and self.validation_status == "validated"
                and not self.env.context.get("ltc_registration_approving")):
            self._set_approved()
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers=tiers)
        if self.state == "to_approve" and self.validation_status == "rejected":
            guarded(self).with_context(skip_validation_check=True).write({
                "state": "rejected", "decided_date": fields.Datetime.now(),
            })
            self._log_on_lead(_("Registration %(name)s rejected by %(user)s.",
                                name=self.name, user=self.env.user.name))
        return res

    def _set_approved(self):
        # need_validation is a context-less compute cached from before the reviews were created
        self.invalidate_recordset(["need_validation"])
        guarded(self).with_context(ltc_registration_approving=True).write(
            {"state": "approved", "decided_date": fields.Datetime.now()}
        )
        for registration in self:
            registration._log_on_lead(_("Registration %(name)s approved.", name=registration.name))

    def _log_on_lead(self, body):
        """Reviewers need not see the opportunity: log there as them, without their read access."""
        self.ensure_one()
        self.lead_id.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)

    def action_draft(self):
        for registration in self:
            if registration.state != "rejected":
                raise UserError(_("Only a rejected registration can be reset to draft."))
        guarded(self).write({"state": "draft", "submitted_date": False, "decided_date": False})
        return True

    def action_view_lead(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    def _creation_message(self):
        # in this addon's words (mail's "%s created" takes the model name, untranslated while the
        # addon installs: its demo records would read "<English name> 创建")
        return _("Opportunity registration created")
