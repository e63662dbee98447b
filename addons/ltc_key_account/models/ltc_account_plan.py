from odoo import _, api, fields, models
from odoo.exceptions import UserError

_USER_DOMAIN = "[('share', '=', False)]"


class LtcAccountPlan(models.Model):
    _name = "ltc.account.plan"
    _description = "Account Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, partner_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one("res.partner", string="Account", required=True, index=True, tracking=True,
                                 check_company=True, domain="[('is_company', '=', True)]")
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True)
    active = fields.Boolean(default=True)
    grade = fields.Selection(related="partner_id.ltc_grade", string="Grade")
    user_id = fields.Many2one("res.users", string="Account Responsible (AR)", tracking=True, index=True,
                              domain=_USER_DOMAIN, compute="_compute_user_id", store=True, readonly=False)
    solution_user_id = fields.Many2one("res.users", string="Solution Responsible (SR)", tracking=True,
                                       domain=_USER_DOMAIN)
    fulfilment_user_id = fields.Many2one("res.users", string="Fulfilment Responsible (FR)", tracking=True,
                                         domain=_USER_DOMAIN)
    sponsor_user_id = fields.Many2one("res.users", string="Sponsor", tracking=True, domain=_USER_DOMAIN)
    objectives = fields.Html("Objectives of the Year")
    action_ids = fields.One2many("ltc.account.plan.action", "plan_id", string="Actions", copy=True)
    stakeholder_ids = fields.One2many("ltc.account.plan.stakeholder", "plan_id", string="Power Map", copy=True)
    parent_partner_id = fields.Many2one(related="partner_id.parent_id", string="Parent Company")
    subsidiary_ids = fields.One2many(related="partner_id.child_ids", string="Organisation")
    opportunity_count = fields.Integer(compute="_compute_counts")
    contract_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer("Open Invoices", compute="_compute_counts")
    visit_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        ("partner_year_uniq", "unique(company_id, partner_id, year)", "An account has one plan a year."),
    ]

    @api.depends("partner_id", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = f"{plan.partner_id.name or ''} {plan.year or ''}".strip() or _("New Account Plan")

    @api.depends("partner_id")
    def _compute_user_id(self):
        for plan in self:
            plan.user_id = plan.partner_id.user_id or plan.user_id or self.env.user

    def _opportunity_domain(self):
        return [("partner_id", "child_of", self.partner_id.id), ("type", "=", "opportunity"),
                ("probability", "<", 100), ("company_id", "=", self.company_id.id)]

    def _contract_domain(self):
        return [("partner_id", "child_of", self.partner_id.id), ("company_id", "=", self.company_id.id)]

    def _invoice_domain(self):
        return [("partner_id", "child_of", self.partner_id.id), ("company_id", "=", self.company_id.id),
                ("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted"),
                ("payment_state", "not in", ("paid", "reversed", "in_payment"))]

    def _compute_counts(self):
        for plan in self:
            if not plan.partner_id:
                plan.opportunity_count = plan.contract_count = plan.invoice_count = plan.visit_count = 0
                continue
            plan.opportunity_count = self.env["crm.lead"].search_count(plan._opportunity_domain())
            plan.contract_count = self.env["ltc.contract"].search_count(plan._contract_domain())
            plan.invoice_count = self.env["account.move"].search_count(plan._invoice_domain()) \
                if self.env["account.move"].has_access("read") else 0
            plan.visit_count = self.env["ltc.visit"].search_count(
                [("commercial_partner_id", "=", plan.partner_id.id)])

    def _window(self, name, model, domain, views="list,form"):
        return {"type": "ir.actions.act_window", "name": name, "res_model": model, "domain": domain,
                "view_mode": views, "context": {"create": False}}

    def action_open_opportunities(self):
        self.ensure_one()
        return self._window(_("Open Opportunities"), "crm.lead", self._opportunity_domain(), "kanban,list,form")

    def action_open_contracts(self):
        self.ensure_one()
        return self._window(_("Contracts"), "ltc.contract", self._contract_domain())

    def action_open_invoices(self):
        self.ensure_one()
        return self._window(_("Open Invoices"), "account.move", self._invoice_domain())

    def action_open_visits(self):
        self.ensure_one()
        return self.partner_id.action_open_ltc_visits()

    def action_import_stakeholders(self):
        """The decision chains of the account's opportunities, as the plan's power map (contacts
        already on the map are left as they are)."""
        self.ensure_one()
        members = self.env["ltc.opportunity.stakeholder"].search(
            [("lead_id.partner_id", "child_of", self.partner_id.id), ("company_id", "=", self.company_id.id)],
            order="id desc")
        if not members:
            raise UserError(_("No opportunity of %s has a decision chain yet.", self.partner_id.display_name))
        have = self.stakeholder_ids.partner_id
        vals_list = []
        for member in members:
            if member.partner_id in have:
                continue
            have |= member.partner_id
            vals_list.append({"plan_id": self.id, "partner_id": member.partner_id.id, "role": member.role,
                              "influence": member.influence, "attitude": member.attitude, "note": member.note})
        self.env["ltc.account.plan.stakeholder"].create(vals_list)
        return True
