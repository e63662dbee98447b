from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded
from odoo.exceptions import AccessError, UserError, ValidationError

# score field -> (role field on crm.lead, role label key)
SCORE_ROLES = {
    "ar_relationship_score": "user_id",
    "ar_commercial_score": "user_id",
    "sr_solution_fit_score": "solution_user_id",
    "sr_competition_score": "solution_user_id",
    "fr_deliverability_score": "fulfilment_user_id",
    "fr_risk_score": "fulfilment_user_id",
}
COMMENT_ROLES = {
    "ar_comment": "user_id",
    "sr_comment": "solution_user_id",
    "fr_comment": "fulfilment_user_id",
}


class LtcDecisionPoint(models.Model):
    """Go/no-go (立项) or pre-signing contract review: scored by the iron triangle, decided by one person."""

    _name = "ltc.decision.point"
    _description = "Opportunity Decision Point"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True,
                              check_company=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    decision_type = fields.Selection(
        [("go_no_go", "Go / No-Go (立项)"), ("contract_review", "Contract Review")],
        required=True, default="go_no_go", tracking=True,
    )
    state = fields.Selection(
        [("draft", "Scoring"), ("submitted", "To Decide"), ("approved", "Go"), ("rejected", "No Go")],
        default="draft", required=True, tracking=True, copy=False, index=True,
    )
    ar_user_id = fields.Many2one(related="lead_id.user_id", string="AR")
    sr_user_id = fields.Many2one(related="lead_id.solution_user_id", string="SR")
    fr_user_id = fields.Many2one(related="lead_id.fulfilment_user_id", string="FR")
    decision_maker_id = fields.Many2one(
        "res.users", tracking=True, check_company=True,
        domain="[('share', '=', False)]",
        default=lambda self: self._default_decision_maker(),
        help="The sales decision-maker who says go or no-go; the team leader by default.",
    )
    ar_relationship_score = fields.Integer(
        string="Relationship (AR)", help="0 = not scored, 1 (poor) to 5 (excellent).",
    )
    ar_commercial_score = fields.Integer(string="Commercial (AR)")
    sr_solution_fit_score = fields.Integer(string="Solution Fit (SR)")
    sr_competition_score = fields.Integer(string="Competitive Position (SR)")
    fr_deliverability_score = fields.Integer(string="Deliverability (FR)")
    fr_risk_score = fields.Integer(string="Risk Control (FR)", help="5 = low risk.")
    ar_comment = fields.Text(string="AR Comment")
    sr_comment = fields.Text(string="SR Comment")
    fr_comment = fields.Text(string="FR Comment")
    average_score = fields.Float(compute="_compute_average_score", store=True, aggregator="avg", digits=(3, 2))
    decision_note = fields.Text(tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_date = fields.Datetime(readonly=True)

    @api.model
    def _default_decision_maker(self):
        lead = self.env["crm.lead"].browse(self.env.context.get("default_lead_id"))
        return lead.team_id.user_id if lead.exists() else False

    @api.depends("decision_type", "lead_id.name")
    def _compute_name(self):
        labels = dict(self._fields["decision_type"]._description_selection(self.env))
        for point in self:
            point.name = f"{labels.get(point.decision_type, '')} — {point.lead_id.name or ''}"

    @api.depends(*SCORE_ROLES)
    def _compute_average_score(self):
        for point in self:
            scores = [point[fname] for fname in SCORE_ROLES if point[fname]]
            point.average_score = sum(scores) / len(scores) if scores else 0.0

    @api.constrains(*SCORE_ROLES)
    def _check_scores(self):
        for point in self:
            for fname in SCORE_ROLES:
                if not 0 <= point[fname] <= 5:
                    raise ValidationError(_("%(score)s is scored from 1 to 5 (0 = not scored yet).",
                                            score=self._fields[fname].string))

    def _check_role_write(self, vals):
        """Each role scores its own items: AR relationship and commercial, SR solution fit and
        competition, FR deliverability and risk. Managers may correct any score."""
        if self.env.su or self.env.user.has_group("ltc_lead.group_ltc_manager"):
            return
        fields_by_role = {**SCORE_ROLES, **COMMENT_ROLES}
        for point in self:
            for fname in set(vals) & set(fields_by_role):
                role_user = point.lead_id[fields_by_role[fname]]
                if role_user != self.env.user:
                    raise AccessError(_(
                        "%(field)s is given by %(user)s, not by you.",
                        field=self._fields[fname].string, user=role_user.name or _("the responsible"),
                    ))
            if point.state != "draft" and set(vals) & set(fields_by_role):
                raise UserError(_("Scores are frozen once %(name)s is submitted for decision.", name=point.name))

    @api.model
    def _ltc_guarded_fields(self):
        """The decision (ltc_lead.guard): set by submit, approve / reject and reset only."""
        return {"state", "decided_by_id", "decided_date", "average_score"}

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._ltc_guarded_fields(), create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        self._check_role_write(vals)
        return super().write(vals)

    def action_submit(self):
        for point in self:
            if point.state != "draft":
                raise UserError(_("%(name)s is already submitted.", name=point.name))
            missing = [self._fields[fname].string for fname in SCORE_ROLES if not point[fname]]
            if missing:
                raise UserError(_("%(name)s cannot be submitted, still to score: %(missing)s.",
                                  name=point.name, missing=", ".join(missing)))
            if not point.decision_maker_id:
                raise UserError(_("Choose the decision maker of %(name)s.", name=point.name))
        guarded(self).write({"state": "submitted"})
        for point in self:
            point.activity_schedule(
                "mail.mail_activity_data_todo", user_id=point.decision_maker_id.id,
                summary=_("Decide: %(name)s", name=point.name),
            )
        return True

    def _decide(self, state):
        for point in self:
            if point.state != "submitted":
                raise UserError(_("%(name)s is not waiting for a decision.", name=point.name))
            if self.env.user != point.decision_maker_id and not self.env.user.has_group(
                    "ltc_lead.group_ltc_manager"):
                raise AccessError(_("Only %(user)s decides on %(name)s.",
                                    user=point.decision_maker_id.name, name=point.name))
        guarded(self).write({
            "state": state,
            "decided_by_id": self.env.user.id, "decided_date": fields.Datetime.now(),
        })
        label = dict(self._fields["state"]._description_selection(self.env))[state]
        for point in self:
            point.activity_ids.action_feedback(feedback=label)
            point.lead_id.message_post(body=_("%(name)s decided: %(decision)s (average score %(score).1f).",
                                              name=point.name, decision=label, score=point.average_score))
        return True

    def action_approve(self):
        return self._decide("approved")

    def action_reject(self):
        return self._decide("rejected")

    def action_reset(self):
        for point in self:
            if point.state != "rejected":
                raise UserError(_("Only a no-go decision point can be scored again."))
        guarded(self).write({"state": "draft", "decided_by_id": False, "decided_date": False})
        return True

    def _creation_message(self):
        # in this addon's words (mail's "%s created" takes the model name, untranslated while the
        # addon installs: its demo records would read "<English name> 创建")
        return _("Decision point created")
