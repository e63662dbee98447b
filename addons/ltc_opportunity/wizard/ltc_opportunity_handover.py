from odoo import api, fields, models


class LtcOpportunityHandover(models.TransientModel):
    _name = "ltc.opportunity.handover"
    _description = "Hand Over an Iron Triangle Role"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities", required=True)
    company_id = fields.Many2one("res.company", compute="_compute_company_id")
    role = fields.Selection(
        [("ar", "Account Responsible (AR)"), ("sr", "Solution Responsible (SR)"),
         ("fr", "Fulfilment Responsible (FR)"), ("sponsor", "Sponsor")],
        required=True, default="ar",
    )
    user_id = fields.Many2one(
        "res.users", string="Hand Over To",
        domain="[('share', '=', False), ('company_ids', 'in', company_id or allowed_company_ids)]",
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead" and "lead_ids" in fields_list:
            res.setdefault("lead_ids", [(6, 0, self.env.context.get("active_ids", []))])
        return res

    @api.depends("lead_ids")
    def _compute_company_id(self):
        for wizard in self:
            wizard.company_id = wizard.lead_ids.company_id[:1]

    def action_apply(self):
        self.ensure_one()
        self.lead_ids._handover_role(self.role, self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
