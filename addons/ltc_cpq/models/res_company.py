from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_discount_manager_limit = fields.Float(
        string="Discount Free Limit (%)",
        default=10.0,
        help="Quotes whose largest line discount (off the pricelist price) is above this "
        "percentage need a sales manager's approval.",
    )
    ltc_discount_vp_limit = fields.Float(
        string="Discount Manager Limit (%)",
        default=30.0,
        help="Quotes whose largest line discount is above this percentage also need a VP's approval.",
    )
    ltc_below_cost_approval = fields.Boolean(
        string="Approve Prices Below Cost",
        default=True,
        help="Quotes with a line priced below the product cost need a VP's approval.",
    )
    ltc_approval_before_send = fields.Boolean(
        string="Approve Before Sending",
        default=True,
        help="A quote waiting for discount approval cannot be sent to the customer.",
    )
    ltc_rebate_product_id = fields.Many2one(
        "product.product",
        string="Rebate Product",
        domain="[('type', '=', 'service')]",
        help="Service product used for the discount line when a rebate is redeemed on a quote.",
    )

    @api.constrains("ltc_discount_manager_limit", "ltc_discount_vp_limit")
    def _check_ltc_discount_limits(self):
        for company in self:
            manager_limit = company.ltc_discount_manager_limit
            vp_limit = company.ltc_discount_vp_limit
            if not (0.0 <= manager_limit <= 100.0 and 0.0 <= vp_limit <= 100.0):
                raise ValidationError(_("Discount approval limits are percentages between 0 and 100."))
            if float_compare(manager_limit, vp_limit, precision_digits=2) > 0:
                raise ValidationError(
                    _(
                        "The VP approval limit (%(vp)s %%) cannot be lower than the manager approval "
                        "limit (%(manager)s %%).",
                        vp=vp_limit,
                        manager=manager_limit,
                    )
                )
