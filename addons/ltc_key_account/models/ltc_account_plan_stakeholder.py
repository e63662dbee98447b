from odoo import fields, models


def _selection_of(fname):
    """The same choices as the opportunity's decision chain (ltc_opportunity), so a contact reads
    the same on both."""
    return lambda self: self.env["ltc.opportunity.stakeholder"]._fields[fname]._description_selection(self.env)


class LtcAccountPlanStakeholder(models.Model):
    _name = "ltc.account.plan.stakeholder"
    _description = "Account Power Map Member"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("ltc.account.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    function = fields.Char(related="partner_id.function", readonly=False)
    role = fields.Selection(_selection_of("role"), required=True, default="influencer")
    influence = fields.Selection(_selection_of("influence"), default="medium")
    attitude = fields.Selection(_selection_of("attitude"), required=True, default="unknown")
    note = fields.Char()
