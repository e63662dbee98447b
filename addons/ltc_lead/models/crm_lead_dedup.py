from odoo import api, fields, models

from ..normalize import normalize_company, normalize_email, normalize_name, normalize_phone


class CrmLead(models.Model):
    _inherit = "crm.lead"

    product_line_ids = fields.Many2many(
        "ltc.product.line", string="Product Lines", check_company=True,
        help="Product lines the customer is interested in: used by grading, pools and conflict checks.",
    )
    email_key = fields.Char(compute="_compute_dedup_keys", store=True, index=True, readonly=True)
    phone_key = fields.Char(compute="_compute_dedup_keys", store=True, index=True, readonly=True)
    company_key = fields.Char(
        compute="_compute_dedup_keys", store=True, index=True, readonly=True,
        help="Company name without punctuation, width or legal suffix (有限公司, Co., Ltd. …).",
    )
    contact_key = fields.Char(compute="_compute_dedup_keys", store=True, index=True, readonly=True)
    project_key = fields.Char(compute="_compute_dedup_keys", store=True, index=True, readonly=True)

    @api.depends("email_from", "phone", "partner_name", "partner_id.commercial_partner_id.name",
                 "contact_name", "name", "company_id", "country_id")
    def _compute_dedup_keys(self):
        for lead in self:
            vals = lead._prepare_dedup_keys_vals(
                email=lead.email_from, phone=lead.phone,
                company=lead.partner_name or lead.partner_id.commercial_partner_id.name,
                contact=lead.contact_name, project=lead.name,
                country=lead.country_id or lead.company_id.country_id,
            )
            lead.update(vals)

    @api.model
    def _prepare_dedup_keys_vals(self, email=None, phone=None, company=None, contact=None,
                                 project=None, country=None):
        """The one place that turns raw contact data into dedup keys (lead form and import)."""
        return {
            "email_key": normalize_email(email) or False,
            "phone_key": normalize_phone(phone, country.phone_code if country else None) or False,
            "company_key": normalize_company(company) or False,
            "contact_key": normalize_name(contact) or False,
            "project_key": normalize_name(project) or False,
        }
