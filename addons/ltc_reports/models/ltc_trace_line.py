from odoo import _, fields, models
from odoo.exceptions import UserError

KINDS = [("lead", "Lead"), ("opportunity", "Opportunity"), ("quotation", "Quotation"),
         ("quotation_version", "Quotation Version"), ("contract", "Contract"), ("contract_version", "Contract Version"),
         ("plan_line", "Payment Plan Line"), ("invoice", "Invoice"), ("credit_note", "Credit Note"),
         ("payment", "Payment")]


class LtcTraceLine(models.TransientModel):
    _name = "ltc.trace.line"
    _description = "Lead-to-Cash Trace Line"
    _order = "id"

    trace_id = fields.Many2one("ltc.trace", required=True, ondelete="cascade")
    level = fields.Integer()
    kind = fields.Selection(KINDS, required=True)
    name = fields.Char()
    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    date = fields.Datetime()
    amount = fields.Monetary()
    currency_id = fields.Many2one("res.currency")
    state = fields.Char(string="Status")
    can_open = fields.Boolean(help="The user may open the record (a rep sees the payments of their invoices, "
                                   "accounting opens them).")

    def action_open(self):
        """Open the traced record (the user's access applies)."""
        self.ensure_one()
        if self.res_model not in self.env:
            raise UserError(_("This line points to nothing that can be opened."))
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "views": [(False, "form")], "target": "current"}
