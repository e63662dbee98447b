from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class LtcPaymentPlanTemplate(models.Model):
    """A company's usual payment terms for contracts, e.g. 30 / 60 / 10 with the retention (质保金)
    due 12 months after acceptance. Applied to a contract, it gives its plan lines."""

    _name = "ltc.payment.plan.template"
    _description = "Payment Plan Template"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    line_ids = fields.One2many("ltc.payment.plan.template.line", "template_id", string="Lines", copy=True)

    @api.constrains("line_ids")
    def _check_percentages(self):
        for template in self:
            total = sum(template.line_ids.mapped("percentage"))
            if template.line_ids and float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(self.env._(
                    "The lines of payment plan template %(name)s add up to %(total)s %%, not 100 %%.",
                    name=template.name, total=round(total, 4)))
