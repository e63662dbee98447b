from odoo import fields, models


class LtcContract(models.Model):
    _inherit = "ltc.contract"

    plan_line_ids = fields.One2many("ltc.payment.plan.line", "contract_id", string="Payment Plan", copy=False)
