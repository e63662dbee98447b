from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    registration_required = fields.Boolean(
        string="Requires Approved Registration",
        help="Opportunities reach this stage (or any later one) only once their registration (报备) "
        "is approved and no conflict on them waits for a ruling.",
    )
    stalled_days = fields.Integer(
        string="Stalled After (days)",
        help="Opportunities in this stage with no stage change and no activity for this many days are "
        "flagged as stalled. 0 uses the company default.",
    )
    gate_ids = fields.One2many("ltc.stage.gate", "stage_id", string="Stage Gates")
