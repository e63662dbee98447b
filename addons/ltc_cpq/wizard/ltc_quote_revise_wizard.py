from odoo import fields, models


class LtcQuoteReviseWizard(models.TransientModel):
    _name = "ltc.quote.revise.wizard"
    _description = "Revise a Sent Quotation"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    current_version = fields.Integer(related="order_id.current_version")
    reason = fields.Text(string="Why", required=True)

    def action_revise(self):
        self.ensure_one()
        self.order_id.action_revise(self.reason)
        return {"type": "ir.actions.act_window_close"}
