from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    checklist_line_ids = fields.One2many("ltc.opportunity.checklist", "lead_id", string="Stage Checklist")
    checklist_progress = fields.Float(compute="_compute_checklist_progress", string="Checklist Done (%)")

    @api.depends("checklist_line_ids.done")
    def _compute_checklist_progress(self):
        for lead in self:
            lines = lead.checklist_line_ids
            lead.checklist_progress = 100.0 * len(lines.filtered("done")) / len(lines) if lines else 0.0

    @api.model
    def _stage_key(self, stage):
        return (stage.sequence, stage.id)

    def _get_stage_gates(self, stages):
        """``{stage: gate}`` for the team of this lead: its own gate on the stage, else the all-teams gate."""
        self.ensure_one()
        gates = self.env["ltc.stage.gate"].sudo().search([
            ("stage_id", "in", stages.ids),
            ("team_id", "in", [self.team_id.id, False]),
            ("company_id", "in", [self.company_id.id or self.env.company.id, False]),
        ])
        result = {}
        for gate in gates.sorted(lambda g: not g.team_id):  # team gates first
            result.setdefault(gate.stage_id, gate)
        return result

    def _get_stages_entered(self, target):
        """Stages of the lead's pipeline that a move to ``target`` enters: after the current, up to target."""
        self.ensure_one()
        if not self.stage_id or self._stage_key(target) <= self._stage_key(self.stage_id):
            return self.env["crm.stage"]
        stages = self.env["crm.stage"].search([("team_id", "in", [self.team_id.id, False])]) | target
        current, goal = self._stage_key(self.stage_id), self._stage_key(target)
        return stages.filtered(lambda stage: current < self._stage_key(stage) <= goal)

    def _get_stage_gate_missing(self, target, vals=None):
        """Human-readable list of what the lead lacks to move forward to ``target`` (empty: it may)."""
        self.ensure_one()
        vals = vals or {}
        missing = []
        stages = self._get_stages_entered(target)
        if not stages:
            return missing
        if any(stages.mapped("registration_required")):
            # re-derived from the registrations and conflicts themselves, not from the stored copies
            lead_su = self.sudo()
            if lead_su.registration_ids.sorted("id")[-1:].state != "approved":
                missing.append(_("Registration (报备): an approved registration"))
            if any(conflict.state == "open" for conflict in lead_su.conflict_ids | lead_su.conflict_other_ids):
                missing.append(_("Conflict (撞单): a ruling on the open conflict"))
        done_items = self.checklist_line_ids.filtered("done").item_id
        decisions = self.decision_point_ids.filtered(lambda d: d.state == "approved").mapped("decision_type")
        decision_labels = dict(self.env["ltc.stage.gate"]._fields["required_decision"]._description_selection(self.env))
        for gate in self._get_stage_gates(stages).values():
            for item in gate.checklist_item_ids - done_items:
                missing.append(_("Checklist: %(item)s", item=item.name))
            for name in gate.required_field_line_ids.mapped("field_name"):
                field = self._fields.get(name)
                if not field:
                    continue
                if name in vals:
                    value = vals[name]
                    filled = bool(value) if field.type not in ("one2many", "many2many") \
                        else bool(value) or bool(self[name])
                else:
                    filled = bool(self[name])
                if not filled:
                    missing.append(_("Field: %(field)s", field=field._description_string(self.env)))
            if gate.required_decision and gate.required_decision not in decisions:
                missing.append(_("Decision point: %(decision)s approved",
                                 decision=decision_labels[gate.required_decision]))
        return list(dict.fromkeys(missing))

    def _check_stage_gates(self, target, vals=None):
        errors = []
        for lead in self.filtered(lambda lead: lead.type == "opportunity"):
            missing = lead._get_stage_gate_missing(target, vals=vals)
            if missing:
                errors.append(_(
                    "%(lead)s cannot move to stage %(stage)s. Missing:\n%(items)s",
                    lead=lead.display_name, stage=target.name,
                    items="\n".join(f"- {item}" for item in missing),
                ))
        if errors:
            raise UserError("\n\n".join(errors))

    def _sync_checklist_lines(self):
        """Give each opportunity one checklist line per item of the gates of its team's pipeline."""
        opportunities = self.filtered(lambda lead: lead.type == "opportunity")
        if not opportunities:
            return
        gates = self.env["ltc.stage.gate"].sudo().search([
            ("team_id", "in", opportunities.team_id.ids + [False]),
            ("checklist_item_ids", "!=", False),
        ])
        if not gates:
            return
        vals_list = []
        no_team, no_company = self.env["crm.team"], self.env["res.company"]
        for lead in opportunities:
            lead_gates = {}
            for gate in gates.sorted(lambda g: not g.team_id):
                if gate.team_id in (lead.team_id, no_team) and gate.company_id in (lead.company_id, no_company):
                    lead_gates.setdefault(gate.stage_id, gate)
            existing = lead.checklist_line_ids.item_id
            for gate in lead_gates.values():
                for item in gate.checklist_item_ids - existing:
                    existing |= item
                    vals_list.append({"lead_id": lead.id, "item_id": item.id, "stage_id": gate.stage_id.id})
        self.env["ltc.opportunity.checklist"].sudo().create(vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._sync_checklist_lines()
        return leads

    def write(self, vals):
        # superuser moves (data loading, system jobs) are not gated; every user move is
        if vals.get("stage_id") and not self.env.su:
            self._check_stage_gates(self.env["crm.stage"].browse(vals["stage_id"]), vals=vals)
        res = super().write(vals)
        if {"team_id", "stage_id", "type"} & set(vals):
            self._sync_checklist_lines()
        return res
