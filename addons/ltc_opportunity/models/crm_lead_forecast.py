from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    forecast_category = fields.Selection(
        [("pipeline", "Pipeline"), ("best_case", "Best Case"), ("commit", "Commit"), ("won", "Won")],
        compute="_compute_forecast_category", store=True, readonly=False, tracking=True, index=True,
        help="Rep's call on the opportunity, next to the stage-weighted amount: pipeline (may close), "
        "best case (will close if all goes well), commit (will close this period). Won is set on winning.",
    )
    commit_amount = fields.Monetary(
        currency_field="company_currency", compute="_compute_forecast_amounts", store=True,
        help="Expected revenue of committed and won opportunities.",
    )
    best_case_amount = fields.Monetary(
        currency_field="company_currency", compute="_compute_forecast_amounts", store=True,
        help="Expected revenue of best case, committed and won opportunities.",
    )
    won_amount = fields.Monetary(currency_field="company_currency", compute="_compute_forecast_amounts", store=True)
    forecast_date = fields.Date(
        compute="_compute_forecast_amounts", store=True, index=True,
        help="Closing date if won, else expected closing: the period it counts in.",
    )

    @api.depends("stage_id.is_won")
    def _compute_forecast_category(self):
        """Won in a won stage (crm's action_set_won moves there); back to pipeline when it leaves it.
        The category is tracked: it must not depend on the probability, or every tracked write would
        compute crm's probability lead by lead instead of in one batch at flush."""
        for lead in self:
            if lead.stage_id.is_won:
                lead.forecast_category = "won"
            elif lead.forecast_category == "won" or not lead.forecast_category:
                lead.forecast_category = "pipeline"

    @api.depends("forecast_category", "expected_revenue", "active", "probability", "date_deadline", "date_closed")
    def _compute_forecast_amounts(self):
        for lead in self:
            amount = lead.expected_revenue if lead.active and lead.probability > 0 else 0.0
            category = lead.forecast_category
            lead.won_amount = amount if category == "won" else 0.0
            lead.commit_amount = amount if category in ("commit", "won") else 0.0
            lead.best_case_amount = amount if category in ("best_case", "commit", "won") else 0.0
            lead.forecast_date = (
                lead.date_closed.date() if category == "won" and lead.date_closed else lead.date_deadline
            )
