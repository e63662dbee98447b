from odoo import models


class LtcContractMilestone(models.Model):
    _inherit = "ltc.contract.milestone"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("date_done") or "acceptance_document" in vals:
            self._ltc_fire_plan_lines()
        return res

    def _ltc_fire_plan_lines(self):
        """A milestone done (or its acceptance signed) raises the invoices of the plan lines it triggers."""
        lines = self.env["ltc.payment.plan.line"].sudo().search([
            ("milestone_id", "in", self.ids), ("trigger", "in", ("milestone", "acceptance")), ("invoice_id", "=", False),
        ])
        lines.filtered(lambda line: line._ltc_trigger_date())._ltc_invoice_or_tell()
