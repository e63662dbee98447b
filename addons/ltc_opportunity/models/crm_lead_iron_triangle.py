from odoo import fields, models

_USER_DOMAIN = "[('share', '=', False)]"


class CrmLead(models.Model):
    """Iron triangle (铁三角): AR = native owner ``user_id``, plus SR, FR and an optional sponsor."""

    _inherit = "crm.lead"

    solution_user_id = fields.Many2one(
        "res.users", string="Solution Responsible (SR)", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Owns the solution: requirements, design, presentation and bid technical answer.",
    )
    fulfilment_user_id = fields.Many2one(
        "res.users", string="Fulfilment Responsible (FR)", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Owns delivery: deliverability, risks, project and contract execution.",
    )
    sponsor_user_id = fields.Many2one(
        "res.users", string="Sponsor", tracking=True, index=True,
        domain=_USER_DOMAIN, check_company=True,
        help="Optional executive sponsor of the opportunity.",
    )
