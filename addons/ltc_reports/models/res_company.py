from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["ltc.aging.bucket"]._sync(companies)
        return companies

    def write(self, vals):
        result = super().write(vals)
        if "ltc_aging_buckets" in vals:
            self.env["ltc.aging.bucket"]._sync(self)
        return result

    @api.model
    def _ltc_sync_aging_buckets(self):
        """Install hook: buckets for every company."""
        return self.env["ltc.aging.bucket"]._sync(self.sudo().search([]))
