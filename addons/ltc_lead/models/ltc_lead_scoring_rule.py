from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class LtcLeadScoringRule(models.Model):
    _name = "ltc.lead.scoring.rule"
    _description = "Lead Scoring Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    domain = fields.Char(default="[]", required=True,
                         help="Leads matching this domain get the points (e.g. product line, region, industry, budget).")
    points = fields.Integer(required=True, default=10)

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                self.env["crm.lead"].search_count(safe_eval(rule.domain), limit=1)
            except Exception as exc:
                raise ValidationError(_("The domain of scoring rule “%(rule)s” is not valid: %(error)s",
                                        rule=rule.name, error=exc)) from exc

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._rescore_open_leads()
        return rules

    def write(self, vals):
        res = super().write(vals)
        if {"domain", "points", "active", "company_id"} & set(vals):
            self._rescore_open_leads()
        return res

    def _rescore_open_leads(self):
        leads = self.env["crm.lead"].sudo().search([
            ("company_id", "in", self.company_id.ids), ("lifecycle_state", "not in", ("converted", "invalid"))])
        for name in ("ltc_score", "ltc_grade", "score_rule_ids"):
            self.env.add_to_compute(leads._fields[name], leads)
