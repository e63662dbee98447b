from odoo import fields, models

IMPORT_STATUSES = [("created", "Created"), ("merged", "Merged"), ("skipped", "Skipped (duplicate)"),
                   ("rejected", "Rejected")]


class LtcLeadImportLine(models.TransientModel):
    _name = "ltc.lead.import.line"
    _description = "Lead Import Row"
    _order = "row"

    import_id = fields.Many2one("ltc.lead.import", required=True, ondelete="cascade", index=True)
    row = fields.Integer(required=True)
    name = fields.Char()
    status = fields.Selection(IMPORT_STATUSES, required=True)
    reason = fields.Char()
    lead_id = fields.Many2one("crm.lead")
