from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_remind_days_before = fields.Integer(related="company_id.ltc_remind_days_before", readonly=False)
    ltc_finance_escalation_days = fields.Integer(related="company_id.ltc_finance_escalation_days", readonly=False)
    ltc_overdue_template_id = fields.Many2one(related="company_id.ltc_overdue_template_id", readonly=False)
    ltc_finance_template_id = fields.Many2one(related="company_id.ltc_finance_template_id", readonly=False)
    ltc_collection_tz = fields.Selection(related="company_id.partner_id.tz", string="Collection Day Time Zone",
                                         readonly=False,
                                         help="Due, late and escalation days start at midnight in this time zone "
                                              "(the company address's), whoever runs the job.")
