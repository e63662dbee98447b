from odoo import api, fields, models

_USER_DOMAIN = "[('share', '=', False)]"


class SaleOrder(models.Model):
    """A quote made from an opportunity carries its iron triangle: AR (``user_id``), SR, FR, sponsor."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    solution_user_id = fields.Many2one(
        "res.users", string="Solution Responsible (SR)", compute="_compute_ltc_roles", store=True,
        readonly=False, precompute=True, tracking=True, check_company=True, domain=_USER_DOMAIN,
    )
    fulfilment_user_id = fields.Many2one(
        "res.users", string="Fulfilment Responsible (FR)", compute="_compute_ltc_roles", store=True,
        readonly=False, precompute=True, tracking=True, check_company=True, domain=_USER_DOMAIN,
    )
    sponsor_user_id = fields.Many2one(
        "res.users", string="Sponsor", compute="_compute_ltc_roles", store=True,
        readonly=False, precompute=True, tracking=True, check_company=True, domain=_USER_DOMAIN,
    )

    @api.depends("opportunity_id")
    def _compute_ltc_roles(self):
        for order in self:
            opportunity = order.opportunity_id
            order.solution_user_id = opportunity.solution_user_id
            order.fulfilment_user_id = opportunity.fulfilment_user_id
            order.sponsor_user_id = opportunity.sponsor_user_id

    @api.depends("opportunity_id")
    def _compute_user_id(self):
        res = super()._compute_user_id()
        for order in self.filtered(lambda o: o.opportunity_id.user_id):
            order.user_id = order.opportunity_id.user_id
        return res
