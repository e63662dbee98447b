from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_stalled_days = fields.Integer(
        string="Stalled Opportunity After (days)", default=14,
        help="Default number of days without stage change nor activity after which an opportunity is "
        "flagged as stalled. A stage may set its own. 0 disables the warning.",
    )
    ltc_win_reason_required = fields.Boolean(
        string="Win Reason Required", default=True,
        help="Marking an opportunity as won asks for a win reason.",
    )
