from odoo import fields, models


class LtcProductLine(models.Model):
    _name = "ltc.product.line"
    _description = "Product Line"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The code of a product line must be unique per company."),
    ]
