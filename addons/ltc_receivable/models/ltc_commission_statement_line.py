from odoo import api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded


class LtcCommissionStatementLine(models.Model):
    _name = "ltc.commission.statement.line"
    _description = "Collection Commission Line"
    _order = "statement_id, date_collected, id"

    statement_id = fields.Many2one("ltc.commission.statement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    user_id = fields.Many2one(related="statement_id.user_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    partial_id = fields.Many2one("account.partial.reconcile", string="Reconciliation", ondelete="set null")
    plan_line_id = fields.Many2one("ltc.payment.plan.line", ondelete="set null")
    contract_id = fields.Many2one("ltc.contract")
    date_collected = fields.Date(string="Collected On")
    date_reference = fields.Date(string="Plan Date")
    days = fields.Integer(string="Days Late (−Early)")
    collected = fields.Monetary()
    share = fields.Float(string="Role Share (%)")
    base = fields.Monetary(string="Base (Share)")
    commission = fields.Monetary()
    interest = fields.Monetary(string="Bonus / Penalty")

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, set(self._fields) - set(models.MAGIC_COLUMNS))
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], set(vals))
        return super().write(vals)
