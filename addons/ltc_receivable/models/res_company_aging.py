from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_aging_buckets = fields.Char(
        string="Aging Buckets (days)", default="30,60,90",
        help="Upper limits of the aging buckets in days past due, separated by commas: 30,60,90 gives "
             "not due / 1–30 / 31–60 / 61–90 / 90+.")

    @api.constrains("ltc_aging_buckets")
    def _check_ltc_aging_buckets(self):
        for company in self:
            parts = [part.strip() for part in (company.ltc_aging_buckets or "").split(",") if part.strip()]
            if not parts or not all(part.isdigit() and int(part) > 0 for part in parts):
                raise ValidationError(_("Aging buckets are positive numbers of days separated by commas, "
                                        "e.g. 30,60,90."))
