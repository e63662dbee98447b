from odoo import fields, models

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]


class LtcAccountGradeRule(models.Model):
    _name = "ltc.account.grade.rule"
    _description = "Customer Grading Rule"
    _order = "company_id, sequence, id"
    _rec_name = "grade"
    _check_company_auto = True

    sequence = fields.Integer(default=10, help="Rules are tried in this order; the first a customer meets gives "
                                               "its grade.")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    grade = fields.Selection(GRADES, required=True)
    min_revenue_12m = fields.Monetary(
        "Min. Revenue (12 months)", help="Invoiced (net of credit notes, untaxed) in the last 365 days, at least.")
    min_open_pipeline = fields.Monetary(
        "Min. Open Pipeline", help="Expected revenue of the customer's open opportunities, at least.")
    industry_ids = fields.Many2many(
        "res.partner.industry", string="Industries", help="Only customers of these industries (any when empty).")
    category_ids = fields.Many2many(
        "res.partner.category", string="Tags", help="Only customers with at least one of these tags (any when empty).")
    active = fields.Boolean(default=True)
