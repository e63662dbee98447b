from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_plan_invoice_post = fields.Boolean(
        string="Post Plan Invoices", default=True,
        help="Post the invoices raised by payment plan triggers; otherwise they are left in draft for "
             "finance to check and post.")
