from odoo import api, fields, models


class LtcCampaignCost(models.Model):
    """What a marketing campaign cost (Odoo's utm.campaign has no cost): one entry per spend, in any
    currency, converted to the company's currency at the spend's date for the ROI report."""

    _name = "ltc.campaign.cost"
    _description = "Campaign Cost"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True)
    campaign_id = fields.Many2one("utm.campaign", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today)
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.company.currency_id)
    amount = fields.Monetary(required=True)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    amount_company = fields.Monetary(string="Amount (Company Currency)", currency_field="company_currency_id",
                                     compute="_compute_amount_company", store=True)

    _sql_constraints = [("amount_positive", "CHECK (amount >= 0)", "A campaign cost cannot be negative.")]

    @api.depends("amount", "currency_id", "company_id", "date")
    def _compute_amount_company(self):
        for cost in self:
            cost.amount_company = cost.currency_id._convert(
                cost.amount, cost.company_id.currency_id, cost.company_id, cost.date or fields.Date.today())
