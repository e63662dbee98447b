from odoo import _, api, fields, models

NO_LIMIT = 999999


class LtcAgingBucket(models.Model):
    """One column of the aging report, kept in step with the company's "Aging Buckets" setting so that
    the pivot shows the buckets in their order (not due, 1–30, 31–60, …)."""

    _name = "ltc.aging.bucket"
    _description = "Aging Bucket"
    _order = "company_id, sequence"

    name = fields.Char(compute="_compute_name")
    sequence = fields.Integer(required=True)
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", index=True)
    day_from = fields.Integer(string="From (days past due)", help="Empty: not due yet.")
    day_to = fields.Integer(string="To (days past due)", help="999999 on the last bucket: no upper limit.")

    @api.depends("day_from", "day_to")
    def _compute_name(self):
        for bucket in self:
            if bucket.day_to <= 0:
                bucket.name = _("Not due")
            elif bucket.day_to >= NO_LIMIT:
                bucket.name = _("%s+ days", bucket.day_from - 1)
            else:
                bucket.name = _("%(from)s–%(to)s days", **{"from": bucket.day_from, "to": bucket.day_to})

    @api.model
    def _sync(self, companies):
        """Rewrite the buckets of `companies` from their setting (ltc.receivable.aging._bucket_limits)."""
        Aging = self.env["ltc.receivable.aging"]
        for company in companies:
            limits = Aging._bucket_limits(company)
            vals = [{"sequence": 0, "day_from": -NO_LIMIT, "day_to": 0}]
            low = 0
            for limit in limits:
                vals.append({"sequence": len(vals), "day_from": low + 1, "day_to": limit})
                low = limit
            vals.append({"sequence": len(vals), "day_from": low + 1, "day_to": NO_LIMIT})
            current = self.sudo().search([("company_id", "=", company.id)])
            if [(b.day_from, b.day_to) for b in current] == [(v["day_from"], v["day_to"]) for v in vals]:
                continue
            current.unlink()
            self.sudo().create([{**v, "company_id": company.id} for v in vals])
        return True
