from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
SCORE_INPUTS = {"product_line_ids", "country_id", "state_id", "expected_revenue", "source_id", "medium_id",
                "campaign_id", "tag_ids", "partner_id", "team_id", "lifecycle_state", "company_id", "city"}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # stored computed: the ORM gathers the leads whose inputs changed and scores them in one batch
    # (one search per rule for the batch) when they are read or flushed, not at every write
    ltc_score = fields.Integer("Score", compute="_compute_ltc_score", store=True, readonly=True, copy=False,
                               aggregator="avg")
    ltc_grade = fields.Selection(GRADES, string="Grade", compute="_compute_ltc_score", store=True, readonly=True,
                                 copy=False, index=True)
    score_rule_ids = fields.Many2many("ltc.lead.scoring.rule", string="Scoring Rules Matched",
                                      compute="_compute_ltc_score", store=True, readonly=True, copy=False)
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

    @api.depends(*SCORE_INPUTS)
    def _compute_ltc_score(self):
        for company, leads, matched in self._ltc_match_rules():
            # one assignment per distinct rule set, not per lead: an import scores thousands of leads
            # that share a handful of rule sets, and a many2many set costs the same for 1 or 10,000
            by_rules = {}
            for lead in leads:
                by_rules.setdefault(matched[lead], []).append(lead.id)
            for rules, ids in by_rules.items():
                group = leads.browse(ids)
                score = sum(rules.mapped("points"))
                group.ltc_score = score
                group.ltc_grade = self._ltc_grade_for(score, company)
                group.score_rule_ids = rules

    def _ltc_match_rules(self):
        """Yield (company, its leads in `self`, {lead: scoring rules it matches}): one search per rule
        of the company for all its leads (saved leads in SQL, new ones of a form in memory)."""
        Rule = self.env["ltc.lead.scoring.rule"].sudo()
        for company in self.env["res.company"].browse({(lead.company_id or self.env.company).id for lead in self}):
            leads = self.filtered(lambda lead, c=company: (lead.company_id or self.env.company) == c)
            saved = leads.filtered("id")
            matched = dict.fromkeys(leads, Rule)
            for rule in Rule.search([("company_id", "=", company.id)]):
                domain = safe_eval(rule.domain)
                hits = saved.sudo().with_context(active_test=False).search(domain + [("id", "in", saved.ids)])
                if leads - saved:
                    hits |= (leads - saved).filtered_domain(domain)
                for lead in hits.with_env(self.env):
                    matched[lead] |= rule
            yield company, leads, matched
