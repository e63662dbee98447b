from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded
from odoo.exceptions import AccessError, UserError


class LtcOpportunityConflict(models.Model):
    """Conflict (撞单): two owners chase the same customer on the same product line."""

    _name = "ltc.opportunity.conflict"
    _description = "Opportunity Conflict"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    registration_id = fields.Many2one(
        "ltc.opportunity.registration", string="Raised By Registration", ondelete="set null", index=True,
        check_company=True,
    )
    # set null: a merge ruling deletes one of them, the conflict stays as the trace
    lead_id = fields.Many2one(
        "crm.lead", string="Registered Opportunity", ondelete="set null", index=True, check_company=True,
    )
    other_lead_id = fields.Many2one(
        "crm.lead", string="Conflicting Lead/Opportunity", ondelete="set null", index=True, check_company=True,
    )
    lead_name = fields.Char(string="Registered", readonly=True)
    other_lead_name = fields.Char(string="Conflicting", readonly=True)
    user_id = fields.Many2one("res.users", string="Registering AR", readonly=True)
    other_user_id = fields.Many2one("res.users", string="Other Owner", readonly=True)
    match = fields.Selection(
        [("partner", "Same customer"), ("company_key", "Same company name"), ("both", "Same customer and name")],
        required=True, readonly=True,
    )
    product_line_ids = fields.Many2many("ltc.product.line", string="Overlapping Product Lines", readonly=True)
    manager_ids = fields.Many2many("res.users", string="Notified Managers", readonly=True)
    state = fields.Selection(
        [("open", "To Rule"), ("ruled", "Ruled")], default="open", required=True, tracking=True, index=True,
    )
    ruling = fields.Selection(
        [("keep_lead", "Keep the registered one"), ("keep_other", "Keep the other one"),
         ("merge", "Merge"), ("share", "Share")],
        readonly=True, tracking=True,
    )
    ruling_reason = fields.Text(readonly=True)
    ruled_by_id = fields.Many2one("res.users", readonly=True)
    ruled_date = fields.Datetime(readonly=True)
    result_lead_id = fields.Many2one("crm.lead", string="Surviving Opportunity", ondelete="set null", readonly=True)

    _sql_constraints = [
        ("pair_uniq", "unique(lead_id, other_lead_id)", "This conflict is already recorded."),
    ]

    @api.depends("lead_name", "other_lead_name")
    def _compute_name(self):
        for conflict in self:
            conflict.name = _("%(lead)s vs %(other)s", lead=conflict.lead_name, other=conflict.other_lead_name)

    def _get_managers(self):
        """Who rules: the team leaders of both sides, else the LTC managers of the company."""
        self.ensure_one()
        leads = self.lead_id | self.other_lead_id
        managers = leads.team_id.user_id
        if not managers:
            managers = self.env.ref("ltc_lead.group_ltc_manager").users.filtered(
                lambda user: self.company_id in user.company_ids and not user.share
            )
        return managers

    def _check_can_rule(self):
        if self.env.su:
            return
        user = self.env.user
        for conflict in self:
            if not (user.has_group("ltc_lead.group_ltc_manager") or user in conflict._get_managers()):
                raise AccessError(_("Only a sales manager or the team leader rules on conflict %(name)s.",
                                    name=conflict.name))

    def _notify_managers(self):
        """Tell the managers once, with a to-do for the first of them; note it on both sides."""
        for conflict in self:
            managers = conflict._get_managers()
            conflict.manager_ids = [Command.set(managers.ids)]
            body = _(
                "Conflict (撞单): %(lead)s (%(user)s) and %(other)s (%(other_user)s) target the same customer "
                "on %(lines)s. Please rule.",
                lead=conflict.lead_name, user=conflict.user_id.name or _("unassigned"),
                other=conflict.other_lead_name, other_user=conflict.other_user_id.name or _("unassigned"),
                lines=", ".join(conflict.product_line_ids.mapped("name")),
            )
            conflict.message_subscribe(partner_ids=managers.partner_id.ids)
            conflict.message_post(body=body, partner_ids=managers.partner_id.ids,
                                  message_type="comment", subtype_xmlid="mail.mt_comment")
            if managers:
                conflict.activity_schedule(
                    "mail.mail_activity_data_todo", summary=_("Rule the conflict"), user_id=managers[0].id,
                )
            for lead in conflict.lead_id | conflict.other_lead_id:
                lead.message_post(body=body)

    @api.model
    def _ltc_guarded_fields(self):
        """The ruling (ltc_lead.guard): set by the ruling wizard only, for the managers too."""
        return {"state", "ruling", "ruling_reason", "ruled_by_id", "ruled_date", "result_lead_id"}

    def write(self, vals):
        check_guarded(self, [vals], self._ltc_guarded_fields())
        return super().write(vals)

    def action_open_ruling_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Rule Conflict"),
            "res_model": "ltc.conflict.ruling",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conflict_id": self.id},
        }

    def _rule(self, ruling, reason, lost_reason=None, merge_user=None):
        """Apply a ruling: keep one (the other is lost with a reason), merge, or share the credit.

        The ruling and its reason are logged on both sides.
        """
        self.ensure_one()
        self._check_can_rule()
        if self.state != "open":
            raise UserError(_("Conflict %(name)s is already ruled.", name=self.name))
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the ruling: it is logged on both opportunities."))
        lead, other = self.lead_id, self.other_lead_id
        if not lead or not other:
            raise UserError(_("One side of conflict %(name)s no longer exists.", name=self.name))
        if ruling in ("keep_lead", "keep_other") and not lost_reason:
            raise UserError(_("Choose the lost reason of the opportunity that is closed."))
        label = dict(self._fields["ruling"]._description_selection(self.env))[ruling]
        body = Markup("%s<br/>%s") % (
            _("Conflict ruled by %(user)s: %(ruling)s.", user=self.env.user.name, ruling=label),
            _("Reason: %(reason)s", reason=reason),
        )
        for side in lead | other:
            side.message_post(body=body)
        result = lead
        if ruling == "keep_lead":
            other.action_set_lost(lost_reason_id=lost_reason.id)
        elif ruling == "keep_other":
            lead.action_set_lost(lost_reason_id=lost_reason.id)
            result = other
        elif ruling == "merge":
            result = (lead | other).merge_opportunity(user_id=(merge_user or lead.user_id).id)
        elif ruling == "share":
            lead.shared_user_ids = [Command.link(other.user_id.id)] if other.user_id else []
            other.shared_user_ids = [Command.link(lead.user_id.id)] if lead.user_id else []
        else:
            raise UserError(_("Unknown ruling %(ruling)s.", ruling=ruling))
        guarded(self).write({
            "state": "ruled",
            "ruling": ruling,
            "ruling_reason": reason,
            "ruled_by_id": self.env.user.id,
            "ruled_date": fields.Datetime.now(),
            "result_lead_id": result.id,
        })
        self.message_post(body=body)
        self.activity_ids.action_feedback(feedback=reason)
        return result

    def _creation_message(self):
        # in this addon's words (mail's "%s created" takes the model name, untranslated while the
        # addon installs: its demo records would read "<English name> 创建")
        return _("Opportunity conflict created")
