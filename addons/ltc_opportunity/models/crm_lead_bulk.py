from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _ltc_bulk_precompute(self, row, now, memo=None):
        """What ltc_opportunity's stored computes give a lead of the bulk create (no customer, no
        registration, no conflict yet), so that the INSERT holds it and no UPDATE of every new row
        follows: forecast category and, when nothing depends on the probability, its amounts; the
        conflict flag; the current registration; the sales cycle. Same rules as the compute methods
        (ltc_lead's test_bulk_create compares every stored field with the ORM's create)."""
        memo = {} if memo is None else memo
        row = super()._ltc_bulk_precompute(row, now, memo)
        if "forecast_category" not in row:
            stage_id = row.get("stage_id")
            if stage_id and ("stage_won", stage_id) not in memo:
                memo[("stage_won", stage_id)] = self.env["crm.stage"].browse(stage_id).is_won
            row["forecast_category"] = "won" if stage_id and memo[("stage_won", stage_id)] else "pipeline"
        if row["forecast_category"] == "pipeline":  # no amount counts: the probability does not matter
            row.update(commit_amount=0.0, best_case_amount=0.0, won_amount=0.0,
                       forecast_date=row.get("date_deadline") or False)
        row.setdefault("has_open_conflict", False)
        row.setdefault("registration_id", False)
        if not row["registration_id"]:  # related to the registration's state: none
            row.setdefault("registration_state", False)
        if "sales_cycle_days" not in row:
            closed = fields.Datetime.to_datetime(row.get("date_closed"))
            start = fields.Datetime.to_datetime(row.get("date_conversion")) or now
            row["sales_cycle_days"] = (closed - start).days if closed else 0
        return row
