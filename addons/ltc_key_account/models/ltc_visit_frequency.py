from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from .ltc_account_grade_rule import GRADES

ADVISORY_LOCK_KEY = 0x4C54434B  # "LTCK": the visit planner's advisory locks, one per company


class LtcVisitFrequency(models.Model):
    _name = "ltc.visit.frequency"
    _description = "Visit Frequency by Grade"
    _order = "company_id, grade"
    _rec_name = "grade"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    grade = fields.Selection(GRADES, required=True)
    interval_days = fields.Integer("Every (days)", required=True, default=30)
    visit_type_id = fields.Many2one("ltc.visit.type", check_company=True,
                                    help="The type of the visits planned for this grade.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("grade_company_uniq", "unique(company_id, grade)", "One visit frequency per grade and company."),
        ("interval_positive", "CHECK(interval_days > 0)", "The days between visits must be positive."),
    ]

    @api.model
    def _cron_generate_visit_plans(self):
        for company in self.sudo().search([]).company_id:
            self._generate_visits(company)
        return True

    def action_generate_visits(self):
        """Plan the visits of the coming period for the companies of these frequencies now."""
        self.check_access("write")
        created = self.env["ltc.visit"]
        for company in self.company_id:
            created |= self._generate_visits(company)
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_key_account.action_ltc_visit")
        action["domain"] = [("id", "in", created.ids)]
        return action

    @api.model
    def _generate_visits(self, company, date_from=None, date_to=None):
        """Planned visits for each graded account of `company` with a salesperson, one per interval of
        its grade's frequency, from the day after its latest visit (done or planned; today when it has
        none) up to `date_to` (today + the company's horizon). Running it again plans nothing twice:
        the next visit is always counted from the latest one there is."""
        today = fields.Date.context_today(self)
        date_from = date_from or today
        date_to = date_to or today + timedelta(days=company.ltc_visit_plan_days)
        frequencies = {f.grade: f for f in self.sudo().search([("company_id", "=", company.id)])}
        # one planner per company at a time (two workers, or the button while the job runs): the other
        # one plans nothing rather than the same visits twice
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", ADVISORY_LOCK_KEY, company.id))
        if not frequencies or not self.env.cr.fetchone()[0]:
            return self.env["ltc.visit"]
        Partner = self.env["res.partner"].sudo()
        accounts = Partner.search([
            ("ltc_grade", "in", list(frequencies)), ("user_id", "!=", False), ("is_company", "=", True),
            "|", ("company_id", "=", company.id), ("company_id", "=", False),
            ("user_id.company_ids", "in", company.ids),
        ])
        Visit = self.env["ltc.visit"].sudo()
        latest = dict(Visit._read_group(
            [("commercial_partner_id", "in", accounts.ids), ("company_id", "=", company.id),
             ("state", "!=", "cancelled"), ("date_planned", "!=", False)],
            ["commercial_partner_id"], ["date_planned:max"]))
        vals_list = []
        for account in accounts:
            frequency = frequencies[account.ltc_grade]
            interval = timedelta(days=frequency.interval_days)
            tz = pytz.timezone(account.user_id.tz or "UTC")
            last = latest.get(account)
            day = max(date_from, pytz.utc.localize(last).astimezone(tz).date() + interval) if last else date_from
            while day <= date_to:
                at = tz.localize(datetime.combine(day, time(9, 0))).astimezone(pytz.utc).replace(tzinfo=None)
                vals_list.append(self._prepare_visit_vals(company, account, frequency, at))
                day += interval
        return Visit.create(vals_list).with_env(self.env)

    @api.model
    def _prepare_visit_vals(self, company, account, frequency, when):
        return {
            "company_id": company.id, "partner_id": account.id, "user_id": account.user_id.id,
            "visit_type_id": frequency.visit_type_id.id, "date_planned": when,
            "name": self.env._("Grade %(grade)s visit", grade=account.ltc_grade),
        }
