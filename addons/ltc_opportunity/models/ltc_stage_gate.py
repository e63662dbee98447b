from odoo import Command, _, api, fields, models


class LtcStageGate(models.Model):
    """What an opportunity must show before it enters a stage, for a sales team (or all teams)."""

    _name = "ltc.stage.gate"
    _description = "Stage Gate"
    _order = "stage_sequence, team_id, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade", index=True)
    stage_sequence = fields.Integer(related="stage_id.sequence", store=True)
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", ondelete="cascade", index=True, check_company=True,
        help="Leave empty for the gate of every team that has no gate of its own on this stage.",
    )
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    checklist_item_ids = fields.Many2many(
        "ltc.checklist.item", string="Checklist", check_company=True,
        help="Items the team ticks on the opportunity before it enters the stage.",
    )
    required_field_line_ids = fields.One2many(
        "ltc.stage.gate.field", "gate_id", string="Required Fields", copy=True,
        help="Fields the opportunity must have filled in before it enters the stage.",
    )
    required_fields_summary = fields.Char(string="Required Field List", compute="_compute_required_fields_summary")
    # the fields' metadata for the gate check; ir.model.fields is readable by administrators only
    required_field_ids = fields.Many2many(
        "ir.model.fields", string="Required Fields (technical)", compute="_compute_required_field_ids",
        inverse="_inverse_required_field_ids", compute_sudo=True, groups="base.group_system",
    )
    required_decision = fields.Selection(
        [("go_no_go", "Go / No-Go (立项)"), ("contract_review", "Contract Review")],
        string="Required Decision Point",
        help="The opportunity enters the stage only with this decision point approved.",
    )

    _sql_constraints = [
        ("stage_team_uniq", "unique(stage_id, team_id, company_id)", "A stage has one gate per team."),
    ]

    @api.depends("required_field_line_ids.field_name")
    def _compute_required_fields_summary(self):
        for gate in self:
            labels = dict(gate.required_field_line_ids._fields["field_name"]._description_selection(self.env))
            gate.required_fields_summary = ", ".join(
                labels.get(name, name) for name in gate.required_field_line_ids.mapped("field_name"))

    @api.depends("required_field_line_ids.field_name")
    def _compute_required_field_ids(self):
        field_ids = self.env["ir.model.fields"]._get_ids("crm.lead")
        for gate in self:
            gate.required_field_ids = [Command.set([
                field_ids[name] for name in gate.required_field_line_ids.mapped("field_name") if name in field_ids])]

    def _inverse_required_field_ids(self):
        for gate in self:
            names = gate.required_field_ids.filtered(lambda f: f.model == "crm.lead").mapped("name")
            gate.required_field_line_ids.filtered(lambda line, names=names: line.field_name not in names).unlink()
            existing = gate.required_field_line_ids.mapped("field_name")
            gate.required_field_line_ids = [Command.create({"field_name": name}) for name in names
                                            if name not in existing]

    @api.depends("stage_id.name", "team_id.name")
    def _compute_name(self):
        for gate in self:
            gate.name = _("%(stage)s — %(team)s", stage=gate.stage_id.name or "",
                          team=gate.team_id.name or _("All teams"))
