from odoo import api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded


class LtcPeriodCloseLine(models.Model):
    """One contract in a period close: a record of the close, computed by it and never typed."""

    _name = "ltc.period.close.line"
    _description = "Receivable Period Close Line"
    _order = "close_id, outstanding desc, id"

    close_id = fields.Many2one("ltc.period.close", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="close_id.company_id", store=True)
    currency_id = fields.Many2one(related="close_id.currency_id")
    contract_id = fields.Many2one("ltc.contract", required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    billed = fields.Monetary()
    collected = fields.Monetary()
    outstanding = fields.Monetary()
    not_due = fields.Monetary()
    bucket_1 = fields.Monetary(string="1st Bucket", help="Days past due up to the first limit (default 1–30).")
    bucket_2 = fields.Monetary(string="2nd Bucket", help="Default 31–60 days past due.")
    bucket_3 = fields.Monetary(string="3rd Bucket", help="Default 61–90 days past due.")
    bucket_4 = fields.Monetary(string="Older", help="Past the last limit (default 90+ days).")

    _FIELDS = {"close_id", "contract_id", "partner_id", "billed", "collected", "outstanding", "not_due",
               "bucket_1", "bucket_2", "bucket_3", "bucket_4"}

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, self._FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], self._FIELDS)
        return super().write(vals)
