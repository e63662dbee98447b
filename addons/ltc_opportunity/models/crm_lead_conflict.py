from odoo import Command, api, fields, models
from odoo.osv import expression


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    conflict_ids = fields.One2many("ltc.opportunity.conflict", "lead_id", string="Conflicts Raised")
    conflict_other_ids = fields.One2many("ltc.opportunity.conflict", "other_lead_id", string="Conflicts Against")
    has_open_conflict = fields.Boolean(
        string="Conflict To Rule", compute="_compute_has_open_conflict", store=True, index=True,
    )
    conflict_count = fields.Integer(compute="_compute_conflict_count")

    def unlink(self):
        # the conflicts stay as the trace of a deleted lead: detach them from the registrations that
        # the lead's deletion cascades away, before PostgreSQL nulls their lead in the same statement
        self.env["ltc.opportunity.conflict"].sudo().search(
            [("registration_id.lead_id", "in", self.ids)]).write({"registration_id": False})
        return super().unlink()

    @api.depends("conflict_ids.state", "conflict_other_ids.state")
    def _compute_has_open_conflict(self):
        for lead in self:
            conflicts = lead.conflict_ids | lead.conflict_other_ids
            lead.has_open_conflict = any(conflict.state == "open" for conflict in conflicts)

    @api.depends("conflict_ids", "conflict_other_ids")
    def _compute_conflict_count(self):
        for lead in self:
            lead.conflict_count = len(lead.conflict_ids | lead.conflict_other_ids)

    def _find_conflicting_leads(self):
        """Open leads/opportunities of *other* owners for the same customer on an overlapping product line.

        Same customer = same commercial partner or same normalised company name (``company_key``):
        two indexed lookups in one search, whatever the caller may read.
        Returns ``{lead: other_leads}`` for the leads of ``self`` that have some.
        """
        leads = self.filtered(lambda lead: lead.product_line_ids and (lead.company_key or lead.partner_id))
        if not leads:
            return {}
        commercial_partners = leads.partner_id.commercial_partner_id
        customer_domains = []
        keys = [key for key in set(leads.mapped("company_key")) if key]
        if keys:
            customer_domains.append([("company_key", "in", keys)])
        if commercial_partners:
            partners = self.env["res.partner"].sudo().with_context(active_test=False).search(
                [("commercial_partner_id", "in", commercial_partners.ids)]
            )
            customer_domains.append([("partner_id", "in", partners.ids)])
        candidates = self.sudo().search(expression.AND([
            [
                ("id", "not in", leads.ids),
                ("user_id", "!=", False),
                ("probability", "<", 100),
                ("company_id", "in", leads.company_id.ids + [False]),
                ("product_line_ids", "in", leads.product_line_ids.ids),
            ],
            expression.OR(customer_domains),
        ]))
        result = {}
        for lead in leads:
            commercial = lead.partner_id.commercial_partner_id
            others = candidates.filtered(
                lambda other, lead=lead, commercial=commercial: other.user_id != lead.user_id
                and other.company_id in (lead.company_id, self.env["res.company"])
                and other.product_line_ids & lead.product_line_ids
                and (
                    (lead.company_key and other.company_key == lead.company_key)
                    or (commercial and other.partner_id.commercial_partner_id == commercial)
                )
            )
            if others:
                result[lead] = others
        return result

    def _detect_conflicts(self, registrations=None):
        """Flag conflicts of ``self`` (once per pair, whichever side registered) and notify managers."""
        matches = self._find_conflicting_leads()
        if not matches:
            return self.env["ltc.opportunity.conflict"]
        Conflict = self.env["ltc.opportunity.conflict"].sudo()
        all_others = self.browse().union(*matches.values())
        existing = Conflict.search([
            "|",
            "&", ("lead_id", "in", self.ids), ("other_lead_id", "in", all_others.ids),
            "&", ("lead_id", "in", all_others.ids), ("other_lead_id", "in", self.ids),
        ])
        known = {(c.lead_id.id, c.other_lead_id.id) for c in existing}
        known |= {(other, lead) for lead, other in known}
        registrations = registrations or self.env["ltc.opportunity.registration"]
        vals_list = []
        for lead, others in matches.items():
            registration = registrations.filtered(lambda reg, lead=lead: reg.lead_id == lead)[:1]
            commercial = lead.partner_id.commercial_partner_id
            for other in others:
                if (lead.id, other.id) in known:
                    continue
                known.add((lead.id, other.id))
                same_partner = bool(commercial) and other.partner_id.commercial_partner_id == commercial
                same_key = bool(lead.company_key) and other.company_key == lead.company_key
                vals_list.append({
                    "company_id": (lead.company_id or self.env.company).id,
                    "registration_id": registration.id,
                    "lead_id": lead.id,
                    "other_lead_id": other.id,
                    "lead_name": lead.name,
                    "other_lead_name": other.name,
                    "user_id": lead.user_id.id,
                    "other_user_id": other.user_id.id,
                    "match": "both" if same_partner and same_key else ("partner" if same_partner else "company_key"),
                    "product_line_ids": [Command.set((lead.product_line_ids & other.product_line_ids).ids)],
                })
        conflicts = Conflict.create(vals_list)
        conflicts._notify_managers()
        return conflicts

    def action_view_conflicts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_opportunity.action_ltc_opportunity_conflict")
        action["domain"] = ["|", ("lead_id", "=", self.id), ("other_lead_id", "=", self.id)]
        return action

    def action_rule_conflict(self):
        self.ensure_one()
        conflict = (self.conflict_ids | self.conflict_other_ids).filtered(lambda c: c.state == "open")[:1]
        if not conflict:
            return self.action_view_conflicts()
        return conflict.action_open_ruling_wizard()
