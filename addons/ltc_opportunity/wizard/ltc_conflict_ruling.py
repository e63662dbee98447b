from odoo import fields, models


class LtcConflictRuling(models.TransientModel):
    _name = "ltc.conflict.ruling"
    _description = "Rule an Opportunity Conflict"

    conflict_id = fields.Many2one("ltc.opportunity.conflict", required=True, readonly=True)
    lead_id = fields.Many2one(related="conflict_id.lead_id")
    other_lead_id = fields.Many2one(related="conflict_id.other_lead_id")
    # both sides, as the manager weighs them
    user_id = fields.Many2one(related="conflict_id.user_id", string="Registering AR")
    other_user_id = fields.Many2one(related="conflict_id.other_user_id", string="Other Owner")
    currency_id = fields.Many2one(related="lead_id.company_currency", string="Currency")
    expected_revenue = fields.Monetary(related="lead_id.expected_revenue", string="Registered Deal Amount",
                                       currency_field="currency_id")
    other_expected_revenue = fields.Monetary(related="other_lead_id.expected_revenue", string="Other Deal Amount",
                                             currency_field="currency_id")
    ruling = fields.Selection(
        [("keep_lead", "Keep the registered one, close the other"),
         ("keep_other", "Keep the other one, close the registered one"),
         ("merge", "Merge both into one"),
         ("share", "Share: both go on, both owners credited")],
        required=True, default="keep_lead",
    )
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Lost Reason of the Closed One")
    merge_user_id = fields.Many2one(
        "res.users", string="Owner After Merge", domain="[('share', '=', False)]",
        help="Account responsible of the merged opportunity; the registering one by default.",
    )
    reason = fields.Text(required=True, help="Logged on both opportunities.")

    def action_apply(self):
        self.ensure_one()
        result = self.conflict_id._rule(self.ruling, self.reason, lost_reason=self.lost_reason_id,
                                        merge_user=self.merge_user_id)
        if result.exists() and result.has_access("read"):
            return result.redirect_lead_opportunity_view()
        return {"type": "ir.actions.act_window_close"}
