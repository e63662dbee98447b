from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
SCORE_INPUTS = {"product_line_ids", "country_id", "state_id", "expected_revenue", "source_id", "medium_id",
                "campaign_id", "tag_ids", "partner_id", "team_id", "lifecycle_state", "company_id", "city"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ltc_score = fields.Integer("Score", readonly=True, copy=False, aggregator="avg")
    ltc_grade = fields.Selection(GRADES, string="Grade", readonly=True, copy=False, index=True)
    score_rule_ids = fields.Many2many("ltc.lead.scoring.rule", string="Scoring Rules Matched", readonly=True,
                                      copy=False)
    is_key_lead = fields.Boolean("Key Lead", compute="_compute_is_key_lead", store=True, readonly=False,
                                 help="Grade A leads are key leads; a manager may also mark one by hand.")

    @api.depends("ltc_grade")
    def _compute_is_key_lead(self):
        for lead in self:
            lead.is_key_lead = lead.ltc_grade == "A"

    @api.model
    def _ltc_grade_for(self, score, company):
        """Grade of a score by the company's thresholds."""
        return ("A" if score >= company.ltc_grade_a_min else "B" if score >= company.ltc_grade_b_min
                else "C" if score >= company.ltc_grade_c_min else "D")

    def _ltc_compute_score(self, unscored=False):
        """Score = sum of the points of the company's rules whose domain the lead matches; grade by
        the company's thresholds. One search per rule for the whole set. `unscored`: the leads hold
        the score and grade of no rule (a bulk create gives them), so only matched leads are looked at."""
        if not self:
            return
        Rule = self.env["ltc.lead.scoring.rule"].sudo()
        self.fetch(["company_id"] if unscored else ["company_id", "ltc_score", "ltc_grade", "score_rule_ids"])
        companies = self.env["res.company"].browse({(lead.company_id or self.env.company).id for lead in self})
        for company in companies:
            leads = self.filtered(lambda lead, c=company: (lead.company_id or self.env.company) == c)
            matched = {lead.id: Rule for lead in leads}
            for rule in Rule.search([("company_id", "=", company.id)]):
                hits = self.sudo().with_context(active_test=False).search(
                    safe_eval(rule.domain) + [("id", "in", leads.ids)])
                for lead_id in hits.ids:
                    matched[lead_id] |= rule
            # leads with the same matched rules share score and grade: one write per distinct rule set
            graded = {}
            groups = {}
            if unscored:
                leads = leads.browse([lead_id for lead_id, rules in matched.items() if rules])
            for lead in leads:
                rules = matched[lead.id]
                if rules not in graded:
                    score = sum(rules.mapped("points"))
                    graded[rules] = (score, self._ltc_grade_for(score, company))
                score, grade = graded[rules]
                if lead.score_rule_ids != rules or lead.ltc_score != score or lead.ltc_grade != grade:
                    groups.setdefault(rules, []).append(lead.id)
            for rules, lead_ids in groups.items():
                score, grade = graded[rules]
                self.browse(lead_ids).sudo().with_context(ltc_scoring=True).write({
                    "ltc_score": score, "ltc_grade": grade, "score_rule_ids": [fields.Command.set(rules.ids)]})

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if not self.env.context.get("ltc_skip_scoring"):
            leads._ltc_compute_score()
        return leads

    def _ltc_after_bulk_create(self):
        res = super()._ltc_after_bulk_create()
        if not self.env.context.get("ltc_skip_scoring"):
            self._ltc_compute_score(unscored=True)
        return res

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("ltc_scoring") and SCORE_INPUTS & set(vals):
            self._ltc_compute_score()
        return res

