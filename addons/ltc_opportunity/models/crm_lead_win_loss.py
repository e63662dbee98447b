from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    win_reason_id = fields.Many2one("ltc.win.reason", tracking=True, index=True,
                                    check_company=True)
    sales_cycle_days = fields.Integer(
        string="Sales Cycle (days)", compute="_compute_sales_cycle_days", store=True, aggregator="avg",
        help="Days from the creation of the opportunity (or conversion of the lead) to its closing.",
    )

    @api.depends("date_closed", "date_conversion", "create_date")
    def _compute_sales_cycle_days(self):
        for lead in self:
            start = lead.date_conversion or lead.create_date
            lead.sales_cycle_days = (lead.date_closed - start).days if lead.date_closed and start else 0

    def _action_set_won_with_reason(self, win_reason):
        """Won with its reason (the won wizard calls it)."""
        if not win_reason and (self.company_id or self.env.company)[:1].ltc_win_reason_required:
            raise UserError(_("Give the win reason."))
        self.write({"win_reason_id": win_reason.id})
        if len(self) == 1:
            return self.action_set_won_rainbowman()
        return self.action_set_won()

    def action_open_won_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark as Won"),
            "res_model": "ltc.opportunity.won",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_ids": self.ids},
        }
