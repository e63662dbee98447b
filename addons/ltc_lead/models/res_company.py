from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_dedup_email = fields.Boolean("Duplicate by Email", default=True)
    ltc_dedup_phone = fields.Boolean("Duplicate by Phone", default=True)
    ltc_dedup_company = fields.Boolean("Duplicate by Company Name", default=True)
    ltc_dedup_contact = fields.Boolean("Duplicate by Contact Name", default=False)
    ltc_dedup_project = fields.Boolean("Duplicate by Project Name", default=False)
    ltc_customer_pool_id = fields.Many2one(
        "ltc.lead.pool", string="Default Customer Pool", domain="[('pool_type', '=', 'customer'), ('company_id', '=', id)]",
        help="Every company of this company whose salesperson stops following it up (and that has no won deal) "
             "returns to this pool, even if it was never put in a pool.")
    ltc_grade_a_min = fields.Integer("Grade A from", default=80)
    ltc_grade_b_min = fields.Integer("Grade B from", default=50)
    ltc_grade_c_min = fields.Integer("Grade C from", default=20)

    def _ltc_dedup_fields(self):
        """Key fields that make two leads of this company duplicates (configurable per company)."""
        self.ensure_one()
        pairs = [("ltc_dedup_email", "email_key"), ("ltc_dedup_phone", "phone_key"),
                 ("ltc_dedup_company", "company_key"), ("ltc_dedup_contact", "contact_key"),
                 ("ltc_dedup_project", "project_key")]
        return [key for flag, key in pairs if self[flag]]

    @api.constrains("ltc_grade_a_min", "ltc_grade_b_min", "ltc_grade_c_min")
    def _check_ltc_grade_thresholds(self):
        for company in self:
            if not company.ltc_grade_a_min > company.ltc_grade_b_min > company.ltc_grade_c_min:
                raise ValidationError(_("Grade thresholds must decrease: A > B > C."))
