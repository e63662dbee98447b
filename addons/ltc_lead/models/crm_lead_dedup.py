from odoo import api, fields, models
from odoo.tools import SQL

from ..normalize import normalize_company, normalize_email, normalize_name, normalize_phone


class CrmLead(models.Model):
    _inherit = "crm.lead"

    product_line_ids = fields.Many2many(
        "ltc.product.line", string="Product Lines", check_company=True,
        help="Product lines the customer is interested in: used by grading, pools and conflict checks.",
    )
    email_key = fields.Char(compute="_compute_dedup_keys", store=True, index="btree_not_null", readonly=True)
    phone_key = fields.Char(compute="_compute_dedup_keys", store=True, index="btree_not_null", readonly=True)
    company_key = fields.Char(
        compute="_compute_dedup_keys", store=True, index="btree_not_null", readonly=True,
        help="Company name without punctuation, width or legal suffix (有限公司, Co., Ltd. …).",
    )
    contact_key = fields.Char(compute="_compute_dedup_keys", store=True, index="btree_not_null", readonly=True)
    project_key = fields.Char(compute="_compute_dedup_keys", store=True, index="btree_not_null", readonly=True)

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

    @api.model
    def _ltc_find_duplicates(self, keys_list, company):
        """Indexed lookup of existing leads sharing a configured key with any of `keys_list`
        (dicts of key values). One query per key field for the whole list. Returns
        {key_field: {key_value: first matching lead id}} (lowest id wins)."""
        found = {}
        for key in company._ltc_dedup_fields():
            values = list({keys[key] for keys in keys_list if keys.get(key)})
            found[key] = {}
            for start in range(0, len(values), 50000):
                chunk = values[start:start + 50000]
                col = SQL.identifier(key)
                rows = self.env.execute_query(SQL(
                    "SELECT %s, min(id) FROM crm_lead WHERE %s = ANY(%s) AND company_id = %s GROUP BY %s",
                    col, col, chunk, company.id, col))
                found[key].update(dict(rows))
        return found

    @api.depends("email_key", "phone_key", "company_key", "contact_key", "project_key", "company_id")
    def _compute_potential_lead_duplicates(self):
        """Replace crm's per-lead ilike searches by exact lookups on the indexed keys, with the keys
        each company chose (Settings → Lead to Cash → Duplicates)."""
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        for lead in self:
            company = lead.company_id or self.env.company
            domains = [[(key, "=", lead[key])] for key in company._ltc_dedup_fields() if lead[key]]
            duplicates = Lead
            if domains:
                lead_id = lead._origin.id
                domain = ["|"] * (len(domains) - 1) + [term for d in domains for term in d]
                duplicates = Lead.search(domain + [("id", "!=", lead_id), ("company_id", "in", [company.id, False])],
                                         limit=20)
            lead.duplicate_lead_ids = duplicates + lead
            lead.duplicate_lead_count = len(duplicates)
