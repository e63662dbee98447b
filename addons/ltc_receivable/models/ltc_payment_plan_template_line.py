from odoo import fields, models

from .ltc_payment_plan_line import KINDS, PAYMENT_METHODS, TRIGGERS


class LtcPaymentPlanTemplateLine(models.Model):
    _name = "ltc.payment.plan.template.line"
    _description = "Payment Plan Template Line"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("ltc.payment.plan.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True, translate=True)
    kind = fields.Selection(KINDS, required=True, default="progress")
    percentage = fields.Float(string="Percentage (%)", digits=(16, 4), required=True)
    trigger = fields.Selection(TRIGGERS, required=True, default="manual",
                               help="Milestone and acceptance triggers take the contract's last milestone "
                                    "when the plan is applied; date triggers its start date.")
    delay_months = fields.Integer(string="Due After (months)",
                                  help="Months after the trigger event before the line is invoiced "
                                       "(e.g. 12 for a retention after acceptance).")
    payment_method = fields.Selection(PAYMENT_METHODS, default="transfer")
