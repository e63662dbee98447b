from odoo import fields, models


class LtcOpportunityWon(models.TransientModel):
    _name = "ltc.opportunity.won"
    _description = "Mark Opportunity as Won"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities", required=True)
    win_reason_id = fields.Many2one("ltc.win.reason")
    win_reason_required = fields.Boolean(default=lambda self: self.env.company.ltc_win_reason_required)

    def action_apply(self):
        self.ensure_one()
        return self.lead_ids._action_set_won_with_reason(self.win_reason_id)
