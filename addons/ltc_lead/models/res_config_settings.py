from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltc_dedup_email = fields.Boolean(related="company_id.ltc_dedup_email", readonly=False)
    ltc_dedup_phone = fields.Boolean(related="company_id.ltc_dedup_phone", readonly=False)
    ltc_dedup_company = fields.Boolean(related="company_id.ltc_dedup_company", readonly=False)
    ltc_dedup_contact = fields.Boolean(related="company_id.ltc_dedup_contact", readonly=False)
    ltc_dedup_project = fields.Boolean(related="company_id.ltc_dedup_project", readonly=False)
    ltc_customer_pool_id = fields.Many2one(related="company_id.ltc_customer_pool_id", readonly=False)
    ltc_grade_a_min = fields.Integer(related="company_id.ltc_grade_a_min", readonly=False)
    ltc_grade_b_min = fields.Integer(related="company_id.ltc_grade_b_min", readonly=False)
    ltc_grade_c_min = fields.Integer(related="company_id.ltc_grade_c_min", readonly=False)
    ltc_reclaim_batch_size = fields.Integer(
        "Reclaim Batch Size", config_parameter="ltc_lead.reclaim_batch_size", default=10000)
