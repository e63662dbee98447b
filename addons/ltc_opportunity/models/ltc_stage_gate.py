from odoo import _, api, fields, models


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
    required_field_ids = fields.Many2many(
        "ir.model.fields", string="Required Fields", ondelete="cascade",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True), "
        "('ttype', 'not in', ('binary', 'boolean', 'properties', 'json'))]",
    )
    required_decision = fields.Selection(
        [("go_no_go", "Go / No-Go (立项)"), ("contract_review", "Contract Review")],
        string="Required Decision Point",
        help="The opportunity enters the stage only with this decision point approved.",
    )

    _sql_constraints = [
        ("stage_team_uniq", "unique(stage_id, team_id, company_id)", "A stage has one gate per team."),
    ]

    @api.depends("stage_id.name", "team_id.name")
    def _compute_name(self):
        for gate in self:
            gate.name = _("%(stage)s — %(team)s", stage=gate.stage_id.name or "",
                          team=gate.team_id.name or _("All teams"))
