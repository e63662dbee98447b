from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .ltc_account_grade_rule import GRADES


class ResPartner(models.Model):
    _inherit = "res.partner"

    ltc_grade = fields.Selection(
        GRADES, string="Account Grade", compute="_compute_ltc_grade", store=True, readonly=True, index=True,
        help="The manual override when there is one, else the grade the grading rules give.")
    ltc_grade_computed = fields.Selection(GRADES, string="Grade by Rules", readonly=True, copy=False)
    ltc_grade_revenue_12m = fields.Monetary(
        "Revenue (12 months)", readonly=True, copy=False, currency_field="ltc_grade_currency_id",
        help="Invoiced minus credited, untaxed, posted, in the last 365 days — as of the last grading.")
    ltc_grade_pipeline = fields.Monetary(
        "Open Pipeline", readonly=True, copy=False, currency_field="ltc_grade_currency_id",
        help="Expected revenue of the open opportunities — as of the last grading.")
    ltc_grade_currency_id = fields.Many2one("res.currency", readonly=True, copy=False)
    ltc_grade_date = fields.Datetime("Graded On", readonly=True, copy=False)
    ltc_grade_override = fields.Selection(GRADES, string="Grade Override", copy=False, tracking=True)
    ltc_grade_override_reason = fields.Char("Override Reason", copy=False, tracking=True)
    ltc_visit_count = fields.Integer("Visit Count", compute="_compute_ltc_visit_count")
    ltc_account_plan_count = fields.Integer("Account Plan Count", compute="_compute_ltc_visit_count")
    ltc_last_visit_date = fields.Datetime("Last Visit", compute="_compute_ltc_visit_due")
    ltc_visit_due = fields.Boolean(
        "Visit Due", compute="_compute_ltc_visit_due", search="_search_ltc_visit_due",
        help="No visit done within the days its grade's visit frequency allows.")

    @api.model
    def _ltc_guarded_fields(self):
        return super()._ltc_guarded_fields() | {
            "ltc_grade_computed", "ltc_grade_revenue_12m", "ltc_grade_pipeline", "ltc_grade_currency_id",
            "ltc_grade_date"}

    @api.depends("ltc_grade_override", "ltc_grade_computed")
    def _compute_ltc_grade(self):
        for partner in self:
            partner.ltc_grade = partner.ltc_grade_override or partner.ltc_grade_computed

    def _compute_ltc_visit_count(self):
        visits = dict(self.env["ltc.visit"]._read_group(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)], ["commercial_partner_id"],
            ["__count"]))
        plans = dict(self.env["ltc.account.plan"]._read_group(
            [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.ltc_visit_count = visits.get(partner.commercial_partner_id, 0)
            partner.ltc_account_plan_count = plans.get(partner.commercial_partner_id, 0)

    def _ltc_visit_due_ids(self, partner_ids=None):
        """Graded accounts (among `partner_ids`, or all) whose latest done visit is older than their
        grade's visit frequency in their company, or that were never visited: one statement."""
        self.env["ltc.visit"].flush_model(["commercial_partner_id", "state", "check_out_time", "company_id"])
        self.env["ltc.visit.frequency"].flush_model()
        self.flush_model(["ltc_grade", "company_id", "user_id"])
        self.env.cr.execute(SQL("""
            SELECT p.id
              FROM res_partner p
              JOIN res_users u ON u.id = p.user_id
              JOIN ltc_visit_frequency f ON f.grade = p.ltc_grade AND f.active
                   AND f.company_id = COALESCE(p.company_id, u.company_id)
             WHERE p.ltc_grade IS NOT NULL AND (%(all)s OR p.id = ANY(%(ids)s))
               AND NOT EXISTS (SELECT 1 FROM ltc_visit v
                                WHERE v.commercial_partner_id = p.id AND v.state = 'done'
                                  AND v.company_id = f.company_id
                                  AND v.check_out_time > %(now)s - make_interval(days => f.interval_days))
        """, all=partner_ids is None, ids=list(partner_ids or []), now=fields.Datetime.now()))
        return [row[0] for row in self.env.cr.fetchall()]

    def _compute_ltc_visit_due(self):
        due = set(self._ltc_visit_due_ids(self.commercial_partner_id.ids))
        last = dict(self.env["ltc.visit"]._read_group(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids), ("state", "=", "done")],
            ["commercial_partner_id"], ["check_out_time:max"]))
        for partner in self:
            partner.ltc_visit_due = partner.commercial_partner_id.id in due
            partner.ltc_last_visit_date = last.get(partner.commercial_partner_id)

    def _search_ltc_visit_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search visits due with “is set” or “is not set” only."))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._ltc_visit_due_ids())]

    @api.constrains("ltc_grade_override", "ltc_grade_override_reason")
    def _check_ltc_grade_override(self):
        for partner in self:
            if partner.ltc_grade_override and not (partner.ltc_grade_override_reason or "").strip():
                raise ValidationError(_("Say why the grade of “%s” is overridden: fill in the override reason.",
                                        partner.display_name))

    def write(self, vals):
        if "ltc_grade_override" in vals and not self.env.su \
                and not self.env.user.has_group("ltc_lead.group_ltc_manager") \
                and any(p.ltc_grade_override != (vals["ltc_grade_override"] or False) for p in self):
            raise AccessError(_("Only sales managers override a customer's grade."))
        return super().write(vals)

    def action_open_ltc_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_key_account.action_ltc_visit")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_open_ltc_account_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_key_account.action_ltc_account_plan")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    # ------------------------------------------------------------------ grading
    @api.model
    def _cron_compute_grades(self):
        """Grade every account of every company with grading rules, in one statement per company."""
        rules = self.env["ltc.account.grade.rule"].sudo().search([])
        for company in rules.company_id:
            self._ltc_compute_grades(company)
        return True

    @api.model
    def _ltc_main_company(self):
        return self.env.ref("base.main_company", raise_if_not_found=False) or \
            self.env["res.company"].sudo().search([], order="id", limit=1)

    @api.model
    def _ltc_compute_grades(self, company, now=None):
        """Revenue of the last 365 days (posted customer invoices net of credit notes, untaxed, in the
        company's currency) and open pipeline (expected revenue of open opportunities) per commercial
        partner of `company`; the grade is the first rule (by sequence) whose minimums both are met and,
        when the rule names them, whose industries include the partner's and whose tags meet its tags.
        Accounts: the company's commercial partners that are customers, owned, graded before, or have
        figures (the partners of internal users are none); a partner shared by all companies is graded
        by its salesperson's company (by the main company when it has no salesperson), or by the
        company where it has figures. One UPDATE."""
        now = now or fields.Datetime.now()
        rules = self.env["ltc.account.grade.rule"].sudo().search([("company_id", "=", company.id)],
                                                                  order="sequence, id")
        if not rules:
            return 0
        for model in ("account.move", "account.move.line", "crm.lead", "crm.stage", "res.partner"):
            self.env[model].flush_model()
        def condition(rule):
            terms = [SQL("f.revenue >= %s AND f.pipeline >= %s", rule.min_revenue_12m, rule.min_open_pipeline)]
            if rule.industry_ids:
                terms.append(SQL("f.industry_id = ANY(%s)", rule.industry_ids.ids))
            if rule.category_ids:
                terms.append(SQL("f.tag_ids && %s::int[]", rule.category_ids.ids))
            return SQL(" AND ").join(terms)
        grade_case = SQL("CASE %s ELSE NULL END", SQL(" ").join(
            SQL("WHEN %s THEN %s", condition(rule), rule.grade) for rule in rules))
        self.env.cr.execute(SQL("""
            WITH revenue AS (
                SELECT m.commercial_partner_id AS partner_id, -SUM(l.balance) AS amount
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE m.company_id = %(company)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND l.display_type = 'product'
                   AND m.invoice_date > %(since)s AND m.invoice_date <= %(today)s
              GROUP BY m.commercial_partner_id
            ), pipeline AS (
                SELECT lp.commercial_partner_id AS partner_id, SUM(ld.expected_revenue) AS amount
                  FROM crm_lead ld
                  JOIN res_partner lp ON lp.id = ld.partner_id
             LEFT JOIN crm_stage s ON s.id = ld.stage_id
                 WHERE ld.company_id = %(company)s AND ld.active AND ld.type = 'opportunity'
                   AND COALESCE(s.is_won, FALSE) IS NOT TRUE AND COALESCE(ld.probability, 0) < 100
              GROUP BY lp.commercial_partner_id
            ), accounts AS (
                SELECT p.id, COALESCE(r.amount, 0) AS revenue, COALESCE(pl.amount, 0) AS pipeline, p.industry_id,
                       ARRAY(SELECT t.category_id FROM res_partner_res_partner_category_rel t
                              WHERE t.partner_id = p.id) AS tag_ids
                  FROM res_partner p
             LEFT JOIN res_users u ON u.id = p.user_id
             LEFT JOIN revenue r ON r.partner_id = p.id
             LEFT JOIN pipeline pl ON pl.partner_id = p.id
                 WHERE p.id = p.commercial_partner_id AND p.active
                   AND NOT EXISTS (SELECT 1 FROM res_users iu WHERE iu.partner_id = p.id AND NOT iu.share)
                   AND (p.company_id = %(company)s
                        OR (p.company_id IS NULL AND COALESCE(u.company_id, %(main)s) = %(company)s)
                        OR r.partner_id IS NOT NULL OR pl.partner_id IS NOT NULL)
                   AND (p.customer_rank > 0 OR p.user_id IS NOT NULL OR p.ltc_grade_computed IS NOT NULL
                        OR r.partner_id IS NOT NULL OR pl.partner_id IS NOT NULL)
            ), graded AS (
                SELECT f.id, f.revenue, f.pipeline, %(grade_case)s AS grade FROM accounts f
            )
            UPDATE res_partner p
               SET ltc_grade_computed = g.grade, ltc_grade = COALESCE(p.ltc_grade_override, g.grade),
                   ltc_grade_revenue_12m = g.revenue, ltc_grade_pipeline = g.pipeline,
                   ltc_grade_currency_id = %(currency)s, ltc_grade_date = %(now)s
              FROM graded g
             WHERE p.id = g.id
        """, company=company.id, since=fields.Date.to_date(now) - timedelta(days=365),
            today=fields.Date.to_date(now), grade_case=grade_case, main=self._ltc_main_company().id,
            currency=company.currency_id.id, now=now))
        count = self.env.cr.rowcount
        self.invalidate_model(["ltc_grade_computed", "ltc_grade", "ltc_grade_revenue_12m", "ltc_grade_pipeline",
                               "ltc_grade_currency_id", "ltc_grade_date"])
        return count
