from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    registration_ids = fields.One2many("ltc.opportunity.registration", "lead_id", string="Registrations")
    registration_id = fields.Many2one(
        "ltc.opportunity.registration", string="Current Registration",
        compute="_compute_registration_id", store=True, index="btree_not_null",
    )
    registration_state = fields.Selection(
        related="registration_id.state", string="Registration", store=True, tracking=True,
    )

    @api.depends("registration_ids")
    def _compute_registration_id(self):
        for lead in self:
            lead.registration_id = lead.registration_ids.sorted("id", reverse=True)[:1]

    @api.model
    def _ltc_guarded_fields(self):
        """ltc_opportunity's derived figures and states on the lead (ltc_lead.guard): registration and
        conflict states, forecast amounts, the stalled flag, the sales cycle."""
        return super()._ltc_guarded_fields() | {
            "registration_ids", "registration_id", "registration_state", "conflict_ids", "conflict_other_ids",
            "has_open_conflict", "commit_amount", "best_case_amount", "won_amount", "forecast_date",
            "stalled", "stalled_date", "sales_cycle_days",
        }

    def _prepare_registration_snapshot_vals(self):
        """What the approvers approve: the deal as it stands when registered."""
        self.ensure_one()
        return {
            "lead_id": self.id,
            "company_id": (self.company_id or self.env.company).id,
            "user_id": self.user_id.id,
            "team_id": self.team_id.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_key": self.company_key,
            "product_line_ids": [Command.set(self.product_line_ids.ids)],
            "expected_revenue": self.expected_revenue,
        }

    def _check_registration_data(self):
        for lead in self:
            missing = []
            if not lead.user_id:
                missing.append(_("an account responsible (salesperson)"))
            if not (lead.partner_id or lead.company_key):
                missing.append(_("a customer or a company name"))
            if not lead.product_line_ids:
                missing.append(_("at least one product line"))
            if missing:
                raise UserError(_(
                    "%(lead)s cannot be registered yet. Fill in: %(missing)s.",
                    lead=lead.display_name, missing=", ".join(missing),
                ))

    def action_register(self):
        """Register (报备) the opportunity: create a registration and submit it for approval."""
        registrations = self.env["ltc.opportunity.registration"]
        self._check_registration_data()
        for lead in self:
            if lead.registration_state in ("to_approve", "approved"):
                raise UserError(_("%(lead)s is already registered (%(name)s).",
                                  lead=lead.display_name, name=lead.registration_id.name))
            registration = lead.registration_id
            if registration.state != "draft":
                registration = registrations.create({"lead_id": lead.id})
            registrations |= registration
        registrations.action_submit()
        return True

    def action_view_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_opportunity.action_ltc_opportunity_registration")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action
