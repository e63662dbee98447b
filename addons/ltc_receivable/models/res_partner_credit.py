from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

RATINGS = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
FINANCE = "account.group_account_invoice,ltc_lead.group_ltc_manager"  # who reads the money figures


class ResPartner(models.Model):
    """Credit profile (诚信档案) and customer accounts (客户账户) of a customer, all derived from the
    ledger of the current company: nothing here is typed or stored."""

    _inherit = "res.partner"

    ltc_avg_days_late = fields.Float(groups=FINANCE, string="Average Days Late", compute="_compute_ltc_credit", digits=(16, 1),
                                     help="Amount-weighted average days late of the invoices paid in the last 12 months.")
    ltc_late_count = fields.Integer(groups=FINANCE, string="Late Payments (12 months)", compute="_compute_ltc_credit")
    ltc_worst_days_late = fields.Integer(groups=FINANCE, string="Worst Days Late", compute="_compute_ltc_credit",
                                         help="Over the last 12 months, paid or still open.")
    ltc_overdue_amount = fields.Monetary(groups=FINANCE, string="Current Overdue", compute="_compute_ltc_credit",
                                         currency_field="ltc_company_currency_id")
    ltc_open_amount = fields.Monetary(groups=FINANCE, string="Open Receivables", compute="_compute_ltc_credit",
                                      currency_field="ltc_company_currency_id")
    ltc_overdue_ratio = fields.Float(groups=FINANCE, string="Overdue Ratio (%)", compute="_compute_ltc_credit", digits=(16, 1))
    ltc_credit_rating = fields.Selection(RATINGS, string="Credit Rating", compute="_compute_ltc_credit",
                                         help="By the company's thresholds on days late and overdue ratio; B "
                                              "without history.")
    ltc_prepaid_amount = fields.Monetary(groups=FINANCE, string="Prepaid (Unapplied Receipts)", compute="_compute_ltc_credit",
                                         currency_field="ltc_company_currency_id")
    ltc_credit_available = fields.Monetary(groups=FINANCE, string="Credit Available", compute="_compute_ltc_credit",
                                           currency_field="ltc_company_currency_id",
                                           help="Credit limit less open receivables (empty limit: no limit).")
    ltc_rebate_available = fields.Monetary(groups=FINANCE, string="Rebate Available", compute="_compute_ltc_credit",
                                           currency_field="ltc_company_currency_id")
    ltc_company_currency_id = fields.Many2one("res.currency", string="Company Currency", compute="_compute_ltc_credit")

    @api.depends_context("company")
    def _compute_ltc_credit(self):
        company = self.env.company
        figures = self._ltc_credit_figures(company)
        rebates = {}
        if "ltc.rebate.agreement" in self.env:
            for agreement in self.env["ltc.rebate.agreement"].sudo().search([
                    ("partner_id", "in", self.commercial_partner_id.ids), ("company_id", "=", company.id)]):
                key = agreement.partner_id.commercial_partner_id.id
                rebates[key] = rebates.get(key, 0.0) + agreement.rebate_available
        for partner in self:
            commercial = partner.commercial_partner_id
            f = figures.get(commercial.id, {})
            partner.ltc_company_currency_id = company.currency_id
            partner.ltc_avg_days_late = f.get("avg_late") or 0.0
            partner.ltc_late_count = f.get("late_count") or 0
            partner.ltc_worst_days_late = f.get("worst") or 0
            partner.ltc_overdue_amount = f.get("overdue") or 0.0
            partner.ltc_open_amount = f.get("open") or 0.0
            partner.ltc_prepaid_amount = f.get("prepaid") or 0.0
            ratio = 100.0 * partner.ltc_overdue_amount / partner.ltc_open_amount if partner.ltc_open_amount else 0.0
            partner.ltc_overdue_ratio = ratio
            partner.ltc_credit_rating = partner._ltc_rating(company, f, ratio)
            limit = commercial.sudo().credit_limit if commercial.sudo().use_partner_credit_limit else 0.0
            partner.ltc_credit_available = limit - partner.ltc_open_amount if limit else 0.0
            partner.ltc_rebate_available = rebates.get(commercial.id, 0.0)

    def _ltc_rating(self, company, figures, ratio):
        if not figures.get("history"):
            return "B"
        days = figures.get("avg_late") or 0.0
        for rating, max_days, max_ratio in (("A", company.ltc_credit_a_days, company.ltc_credit_a_ratio),
                                            ("B", company.ltc_credit_b_days, company.ltc_credit_b_ratio),
                                            ("C", company.ltc_credit_c_days, company.ltc_credit_c_ratio)):
            if days <= max_days and ratio <= max_ratio:
                return rating
        return "D"

    def _ltc_credit_figures(self, company):
        """{commercial partner id: figures} in one statement over the company's posted customer
        invoices and receivable items of these partners."""
        partners = self.commercial_partner_id
        if not partners.ids:
            return {}
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            WITH inv AS (
                SELECT m.commercial_partner_id AS p, m.invoice_date_due AS due, m.amount_total_signed AS amt,
                       m.amount_residual_signed AS res, m.payment_state AS ps,
                       (SELECT MAX(pr.max_date) FROM account_move_line l
                          JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                         WHERE l.move_id = m.id) AS paid
                  FROM account_move m
                 WHERE m.move_type = 'out_invoice' AND m.state = 'posted' AND m.company_id = %(company)s
                   AND m.commercial_partner_id IN %(partners)s
            ), settled AS (
                SELECT * FROM inv WHERE ps IN ('paid', 'in_payment') AND paid >= %(year_ago)s
            )
            SELECT p.id,
                   (SELECT SUM(amt * GREATEST(paid - due, 0)) / NULLIF(SUM(amt), 0) FROM settled s WHERE s.p = p.id),
                   (SELECT COUNT(*) FROM settled s WHERE s.p = p.id AND paid > due),
                   (SELECT MAX(GREATEST(COALESCE(CASE WHEN res > 0 THEN NULL ELSE paid END, %(today)s) - due, 0))
                      FROM inv i WHERE i.p = p.id AND (res > 0 OR paid >= %(year_ago)s)),
                   (SELECT SUM(res) FROM inv i WHERE i.p = p.id AND res > 0 AND due < %(today)s),
                   (SELECT SUM(res) FROM inv i WHERE i.p = p.id AND res > 0),
                   (SELECT -SUM(aml.amount_residual) FROM account_move_line aml
                      JOIN account_account a ON a.id = aml.account_id
                     WHERE aml.partner_id = p.id AND aml.company_id = %(company)s AND aml.parent_state = 'posted'
                       AND a.account_type = 'asset_receivable' AND aml.amount_residual < 0),
                   (SELECT COUNT(*) FROM inv i WHERE i.p = p.id)
              FROM res_partner p WHERE p.id IN %(partners)s
        """, company=company.id, partners=tuple(partners.ids), today=today, year_ago=today - timedelta(days=365)))
        names = ["avg_late", "late_count", "worst", "overdue", "open", "prepaid", "history"]
        return {row[0]: dict(zip(names, row[1:], strict=True)) for row in self.env.cr.fetchall()}

    def _ltc_open_receivable(self, company):
        self.ensure_one()
        return self.with_company(company).commercial_partner_id.ltc_open_amount

    def _ltc_items_action(self, name, domain):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": name, "res_model": "account.move.line",
                "view_mode": "list,form", "context": {"create": False},
                "domain": [("partner_id", "=", self.commercial_partner_id.id), ("company_id", "=", self.env.company.id),
                           ("parent_state", "=", "posted"), ("account_id.account_type", "=", "asset_receivable"),
                           *domain]}

    def action_ltc_view_open_items(self):
        return self._ltc_items_action(_("Open Receivables"), [("amount_residual", ">", 0)])

    def action_ltc_view_overdue_items(self):
        return self._ltc_items_action(_("Overdue Receivables"), [
            ("amount_residual", ">", 0), ("date_maturity", "<", fields.Date.context_today(self))])

    def action_ltc_view_prepaid_items(self):
        return self._ltc_items_action(_("Unapplied Receipts"), [("amount_residual", "<", 0)])

    def _ltc_credit_hold_reason(self, amount, company):
        """Why a new commitment of `amount` (company currency) for this customer needs a credit review,
        or False: rated D, or over its credit limit with its open receivables."""
        self.ensure_one()
        # the limit and the figures are finance's: read as such, whoever's action asks
        partner = self.sudo().with_company(company).commercial_partner_id
        if partner.ltc_credit_rating == "D":
            return _("%s is rated D", partner.display_name)
        if partner.use_partner_credit_limit and partner.credit_limit and \
                company.currency_id.compare_amounts(partner.ltc_open_amount + amount, partner.credit_limit) > 0:
            return _("%(partner)s would owe %(total)s, over its credit limit of %(limit)s",
                     partner=partner.display_name, total=round(partner.ltc_open_amount + amount, 2),
                     limit=partner.credit_limit)
        return False
