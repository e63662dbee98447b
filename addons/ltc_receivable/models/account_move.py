from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    ltc_plan_line_id = fields.Many2one("ltc.payment.plan.line", string="Payment Plan Line", readonly=True,
                                       copy=False, index="btree_not_null", ondelete="restrict",
                                       check_company=True)
    ltc_contract_id = fields.Many2one(related="ltc_plan_line_id.contract_id", string="Contract", store=True,
                                      index="btree_not_null")

    def init(self):
        res = super().init()
        # one live customer invoice per plan line, whatever the number of workers or re-runs
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_ltc_one_invoice_per_plan_line
                ON account_move (ltc_plan_line_id)
             WHERE ltc_plan_line_id IS NOT NULL AND move_type = 'out_invoice' AND state != 'cancel'
        """)
        return res
