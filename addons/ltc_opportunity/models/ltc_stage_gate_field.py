from odoo import api, fields, models

# crm.lead fields a gate cannot meaningfully require (always set, or not a deal fact)
UNGATED_FIELD_TYPES = ("binary", "boolean", "properties", "json", "one2many")


class LtcStageGateField(models.Model):
    """A field an opportunity must fill before it enters the gate's stage.

    Picked by name from crm.lead's own fields, so that sales managers configure gates without
    reading ``ir.model.fields`` (administrators only).
    """

    _name = "ltc.stage.gate.field"
    _description = "Stage Gate Required Field"
    _order = "gate_id, sequence, id"
    _rec_name = "field_name"

    gate_id = fields.Many2one("ltc.stage.gate", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    field_name = fields.Selection(selection="_selection_field_name", string="Field", required=True)

    _sql_constraints = [
        ("gate_field_uniq", "unique(gate_id, field_name)", "A gate requires a field once."),
    ]

    @api.model
    def _selection_field_name(self):
        Lead = self.env["crm.lead"]
        result = []
        for name, field in Lead._fields.items():
            if not field.store or field.type in UNGATED_FIELD_TYPES or field.automatic:
                continue
            if name.startswith(("message_", "activity_", "website_message")) or field.compute and field.readonly:
                continue
            result.append((name, field._description_string(self.env)))
        return sorted(result, key=lambda item: item[1].lower())
