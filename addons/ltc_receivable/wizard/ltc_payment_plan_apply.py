from odoo import fields, models


class LtcPaymentPlanApply(models.TransientModel):
    _name = "ltc.payment.plan.apply"
    _description = "Apply a Payment Plan Template"

    contract_id = fields.Many2one("ltc.contract", required=True)
    template_id = fields.Many2one("ltc.payment.plan.template", required=True,
                                  domain="[('company_id', '=', company_id)]")
    company_id = fields.Many2one(related="contract_id.company_id")

    def action_apply(self):
        self.ensure_one()
        self.contract_id._ltc_apply_plan_template(self.template_id)
        return {"type": "ir.actions.act_window_close"}
