from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_stalled_days = fields.Integer(related="company_id.ltc_stalled_days", readonly=False)
    ltc_win_reason_required = fields.Boolean(related="company_id.ltc_win_reason_required", readonly=False)
