from odoo import _, api, fields, models
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

    @api.depends("email_from", "phone", "mobile", "partner_name", "partner_id.commercial_partner_id.name",
                 "contact_name", "name", "company_id", "country_id")
    def _compute_dedup_keys(self):
        for lead in self:
            vals = lead._prepare_dedup_keys_vals(
                email=lead.email_from, phone=lead.phone, mobile=lead.mobile,
                company=lead.partner_name or lead.partner_id.commercial_partner_id.name,
                contact=lead.contact_name, project=lead.name,
                country=lead.country_id or lead.company_id.country_id,
            )
            lead.update(vals)

    @api.model
    def _prepare_dedup_keys_vals(self, email=None, phone=None, company=None, contact=None,
                                 project=None, country=None, mobile=None, email_normalized=None):
        """The one place that turns raw contact data into dedup keys (lead form and import). The
        email key is the normalized address (as crm's `email_normalized`); the phone key is the
        mobile number, else the phone (as crm's `phone_sanitized`). `email_normalized`: the
        address's `email_normalized` when the caller has it (spares a parse of the address)."""
        return {
            "email_key": normalize_email(email, email_normalized) or False,
            "phone_key": normalize_phone(mobile or phone, country.phone_code if country else None) or False,
            "company_key": normalize_company(company) or False,
            "contact_key": normalize_name(contact) or False,
            "project_key": normalize_name(project) or False,
        }

    @api.model
    def _ltc_find_duplicates(self, keys_list, company):
        """Indexed lookup of existing leads sharing a configured key with any of `keys_list`
        (dicts of key values). One query per key field for the whole list. Returns
        {key_field: {key_value: first matching lead id}} (lowest id wins).
        Leads created or changed earlier in the transaction count: their keys are flushed first."""
        found = {}
        key_fields = company._ltc_dedup_fields()
        self.flush_model([*key_fields, "company_id"])
        for key in key_fields:
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

    @api.model
    def _ltc_duplicate_reason(self, key, lead_id):
        """Why a new lead duplicates lead `lead_id`, naming the key `key` in words."""
        if key == "email_key":
            return _("Same email as lead #%s", lead_id)
        if key == "phone_key":
            return _("Same phone as lead #%s", lead_id)
        if key == "company_key":
            return _("Same company as lead #%s", lead_id)
        if key == "contact_key":
            return _("Same contact as lead #%s", lead_id)
        return _("Same project as lead #%s", lead_id)

    @api.depends("email_key", "phone_key", "company_key", "contact_key", "project_key", "company_id")
    def _compute_potential_lead_duplicates(self):
        """crm's similar leads (same address or company email domain, same phone, same customer), plus
        the leads of the company sharing one of the keys it chose (Settings → Lead to Cash →
        Duplicates): an exact look-up on the indexed keys, one search per lead."""
        res = super()._compute_potential_lead_duplicates()
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        for lead in self:
            company = lead.company_id or self.env.company
            domains = [[(key, "=", lead[key])] for key in company._ltc_dedup_fields() if lead[key]]
            if not domains:
                continue
            lead_id = lead._origin.id
            domain = ["|"] * (len(domains) - 1) + [term for d in domains for term in d]
            found = Lead.search(domain + [("id", "!=", lead_id), ("company_id", "in", [company.id, False])],
                                limit=20)
            duplicates = (lead.duplicate_lead_ids - lead) | found
            lead.duplicate_lead_ids = duplicates + lead
            lead.duplicate_lead_count = len(duplicates)
        return res
