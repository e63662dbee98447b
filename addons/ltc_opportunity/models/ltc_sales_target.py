from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LtcSalesTarget(models.Model):
    """Revenue target of a rep or a team over a period."""

    _name = "ltc.sales.target"
    _description = "Sales Target"
    _order = "date_from desc, team_id, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, check_company=True,
                              domain="[('share', '=', False)]")
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True, check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    amount = fields.Monetary(string="Target", currency_field="currency_id", required=True)
    won_amount = fields.Monetary(compute="_compute_actuals", currency_field="currency_id", string="Won")
    commit_amount = fields.Monetary(compute="_compute_actuals", currency_field="currency_id", string="Commit")
    weighted_amount = fields.Monetary(compute="_compute_actuals", currency_field="currency_id", string="Weighted")
    achievement = fields.Float(compute="_compute_actuals", string="Achieved (%)")

    @api.depends("user_id.name", "team_id.name", "date_from", "date_to")
    def _compute_name(self):
        for target in self:
            target.name = _("%(who)s %(start)s → %(end)s",
                            who=target.user_id.name or target.team_id.name or "",
                            start=target.date_from or "", end=target.date_to or "")

    @api.constrains("user_id", "team_id", "date_from", "date_to", "amount")
    def _check_target(self):
        for target in self:
            if not (target.user_id or target.team_id):
                raise ValidationError(_("A sales target belongs to a salesperson or a sales team."))
            if target.date_from > target.date_to:
                raise ValidationError(_("The target period of %(name)s ends before it starts.", name=target.name))
            if target.amount < 0:
                raise ValidationError(_("A sales target cannot be negative."))

    def _get_opportunity_domain(self):
        self.ensure_one()
        domain = [
            ("type", "=", "opportunity"),
            ("company_id", "=", self.company_id.id),
            ("forecast_date", ">=", self.date_from),
            ("forecast_date", "<=", self.date_to),
        ]
        if self.user_id:
            domain.append(("user_id", "=", self.user_id.id))
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        return domain

    def _compute_actuals(self):
        Lead = self.env["crm.lead"].sudo()
        for target in self:
            if not target.date_from or not target.date_to or not target.company_id:
                target.won_amount = target.commit_amount = target.weighted_amount = target.achievement = 0.0
                continue
            [(won, commit, weighted)] = Lead._read_group(
                target._get_opportunity_domain(), aggregates=["won_amount:sum", "commit_amount:sum",
                                                              "prorated_revenue:sum"],
            )
            target.won_amount = won
            target.commit_amount = commit
            target.weighted_amount = weighted
            target.achievement = 100.0 * won / target.amount if target.amount else 0.0
