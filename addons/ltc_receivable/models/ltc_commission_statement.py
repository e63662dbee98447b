from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import check_guarded, guarded
from odoo.exceptions import UserError
from odoo.tools import SQL


class LtcCommissionStatement(models.Model):
    """A user's collection commission for a period: every amount collected in the period on the
    invoices of the contracts where the user is AR, SR or FR, its commission by the rules and the
    role's share, and the bonus or penalty interest against the plan line's date. Computed by
    `action_compute` from the reconciliations, never typed; it recomputes to the same figures."""

    _name = "ltc.commission.statement"
    _description = "Collection Commission Statement"
    _order = "date_to desc, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", required=True, index=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    line_ids = fields.One2many("ltc.commission.statement.line", "statement_id", string="Collections", readonly=True)
    base = fields.Monetary(string="Collected (Share)", compute="_compute_totals", store=True)
    commission = fields.Monetary(compute="_compute_totals", store=True)
    interest = fields.Monetary(string="Bonus / Penalty Interest", compute="_compute_totals", store=True)
    total = fields.Monetary(compute="_compute_totals", store=True)
    date_computed = fields.Datetime(readonly=True)

    _LTC_FIGURES = ("base", "commission", "interest", "total")  # computed from the lines, never typed

    @api.depends("user_id", "date_from", "date_to")
    def _compute_name(self):
        for statement in self:
            statement.name = f"{statement.user_id.name or ''} {statement.date_from or ''} – {statement.date_to or ''}"

    @api.depends("line_ids.base", "line_ids.commission", "line_ids.interest")
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            statement.base = sum(lines.mapped("base"))
            statement.commission = sum(lines.mapped("commission"))
            statement.interest = sum(lines.mapped("interest"))
            statement.total = statement.commission + statement.interest

    @api.model_create_multi
    def create(self, vals_list):
        check_guarded(self, vals_list, {"line_ids", "date_computed", *self._LTC_FIGURES}, create=True)
        return super().create(vals_list)

    def write(self, vals):
        check_guarded(self, [vals], {"line_ids", "date_computed", *self._LTC_FIGURES})
        return super().write(vals)

    def action_compute(self):
        """(Re)compute the statement — managers and finance (who may write it), not its salesperson."""
        self.check_access("write")
        for statement in self:
            if statement.date_from > statement.date_to:
                raise UserError(_("The period ends before it starts."))
            guarded(statement.sudo()).write({"line_ids": [fields.Command.clear()] + [
                fields.Command.create(vals) for vals in statement._ltc_line_values()],
                "date_computed": fields.Datetime.now()})
        return True

    def _ltc_collections(self):
        """(partial id, collected amount, date, plan line id) of the collections in the period on plan
        invoices of contracts where the user holds a role (credit notes are not collections)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT k.partial_id, k.amount_company, k.date, k.ltc_plan_line_id
              FROM (%s) k
              JOIN ltc_contract c ON c.id = k.ltc_contract_id
             WHERE k.company_id = %s AND k.date BETWEEN %s AND %s
               AND %s IN (c.user_id, c.solution_user_id, c.fulfilment_user_id)
             ORDER BY k.date, k.partial_id""", self.env["ltc.receivable.aging"]._collections_sql(),
            self.company_id.id, self.date_from, self.date_to, self.user_id.id))
        return self.env.cr.fetchall()

    def _ltc_line_values(self):
        self.ensure_one()
        company, user = self.company_id, self.user_id
        rules = self.env["ltc.commission.rule"].sudo().search([("company_id", "=", company.id)])
        currency = company.currency_id
        values = []
        for partial_id, amount, date, plan_line_id in self._ltc_collections():
            line = self.env["ltc.payment.plan.line"].sudo().browse(plan_line_id)
            contract = line.contract_id
            share = sum(pct for role_user, pct in (
                (contract.user_id, company.ltc_commission_share_ar),
                (contract.solution_user_id, company.ltc_commission_share_sr),
                (contract.fulfilment_user_id, company.ltc_commission_share_fr)) if role_user == user)
            base = currency.round(amount * share / 100.0)
            # the collection is split over the contract's product categories as its lines are
            total = sum(contract.line_ids.mapped("price_subtotal")) or 1.0
            commission = 0.0
            for cline in contract.line_ids:
                rule = rules._ltc_match(cline.product_id.categ_id, contract.team_id, contract.type_id)
                commission += base * (cline.price_subtotal / total) * (rule.rate if rule else 0.0) / 100.0
            reference = line.date_planned or line.date_due or date
            days = (date - reference).days
            rate = company.ltc_commission_bonus_rate if days < 0 else company.ltc_commission_penalty_rate
            interest = -base * rate / 100.0 * days  # early: days < 0, a bonus; late: a penalty
            values.append({
                "partial_id": partial_id, "plan_line_id": line.id, "contract_id": contract.id,
                "date_collected": date, "date_reference": reference, "days": days, "collected": amount,
                "share": share, "base": base, "commission": currency.round(commission),
                "interest": currency.round(interest),
            })
        return values
