from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


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
    split_period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], string="Split By", default="quarter", required=True,
        help="The forecast compares each month or quarter with its share of the target.",
    )
    split_rule = fields.Selection(
        [("even", "Evenly"), ("days", "In proportion to days"), ("manual", "As I set them")],
        default="even", required=True,
        help="Evenly: the same share in every period. In proportion to days: a period's share follows its "
        "number of days (a target starting mid-quarter gets less in that quarter). As I set them: you type "
        "each period's share; together they make the target.",
    )
    period_ids = fields.One2many("ltc.sales.target.period", "target_id", copy=False)

    @api.depends("user_id.name", "team_id.name", "date_from", "date_to")
    def _compute_name(self):
        for target in self:
            target.name = _("%(who)s %(start)s → %(end)s",
                            who=target.user_id.name or target.team_id.name or "",
                            start=target.date_from or "", end=target.date_to or "")

    @api.constrains("amount", "period_ids", "date_from", "date_to")
    def _check_periods(self):
        if self.env.context.get("ltc_periods_syncing"):
            return  # write() checks once the periods follow
        for target in self:
            for period in target.period_ids:
                if period.date_from > period.date_to or period.date_from < target.date_from \
                        or period.date_to > target.date_to:
                    raise ValidationError(_("The periods of target %(name)s must lie within its dates.",
                                            name=target.name))
            if target.period_ids and target.currency_id.compare_amounts(
                    sum(target.period_ids.mapped("amount")), target.amount):
                raise ValidationError(_(
                    "The periods of target %(name)s add up to %(sum)s, not to the target %(amount)s: "
                    "change their shares or the target.",
                    name=target.name, sum=sum(target.period_ids.mapped("amount")), amount=target.amount))

    def _prepare_period_vals(self):
        """The target's months or quarters (clipped to its dates) and each one's share by the split rule."""
        self.ensure_one()
        bounds = []
        start = self.date_from
        while start <= self.date_to:
            if self.split_period == "month":
                end = date_utils.end_of(start, "month")
            else:
                end = date_utils.end_of(start, "quarter")
            end = min(end, self.date_to)
            bounds.append((start, end))
            start = end + relativedelta(days=1)
        currency = self.currency_id or self.env.company.currency_id
        if self.split_rule == "days":
            total_days = (self.date_to - self.date_from).days + 1
            weights = [((end - start).days + 1) / total_days for start, end in bounds]
        else:
            weights = [1.0 / len(bounds)] * len(bounds)
        amounts = [currency.round(self.amount * weight) for weight in weights]
        amounts[-1] = currency.round(self.amount - sum(amounts[:-1]))  # rounding rest on the last period
        return [{"date_from": start, "date_to": end, "amount": amount}
                for (start, end), amount in zip(bounds, amounts, strict=True)]

    def _sync_periods(self):
        """Rebuild the periods by the split rule; hand-set shares are kept unless the periods change."""
        for target in self:
            if not (target.date_from and target.date_to) or target.date_from > target.date_to:
                continue
            vals_list = target._prepare_period_vals()
            if target.split_rule == "manual" and target.period_ids and \
                    [(p.date_from, p.date_to) for p in target.period_ids] == \
                    [(v["date_from"], v["date_to"]) for v in vals_list]:
                continue
            target.with_context(ltc_periods_syncing=False).period_ids = (
                [Command.clear()] + [Command.create(vals) for vals in vals_list])

    @api.model_create_multi
    def create(self, vals_list):
        targets = super().create(vals_list)
        targets.filtered(lambda target: not target.period_ids)._sync_periods()
        return targets

    def write(self, vals):
        if not ({"amount", "date_from", "date_to", "split_period", "split_rule"} & set(vals)) \
                or "period_ids" in vals:
            return super().write(vals)
        # the periods follow the new figures in the same save, then the whole is checked
        res = super(LtcSalesTarget, self.with_context(ltc_periods_syncing=True)).write(vals)
        self._sync_periods()
        self._check_periods()
        return res

    @api.constrains("user_id", "team_id", "date_from", "date_to", "amount")
    def _check_target(self):
        for target in self:
            if not (target.user_id or target.team_id):
                raise ValidationError(_("A sales target belongs to a salesperson or a sales team."))
            if target.date_from > target.date_to:
                raise ValidationError(_("The target period of %(name)s ends before it starts.", name=target.name))
            if target.amount < 0:
                raise ValidationError(_("A sales target cannot be negative."))

    def _get_opportunity_domain(self, date_from=None, date_to=None):
        self.ensure_one()
        domain = [
            ("type", "=", "opportunity"),
            ("company_id", "=", self.company_id.id),
            ("forecast_date", ">=", date_from or self.date_from),
            ("forecast_date", "<=", date_to or self.date_to),
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
