from odoo import fields, models


class LtcReportAgingWizard(models.TransientModel):
    _name = "ltc.report.aging.wizard"
    _description = "Receivable Aging: choose the date"

    as_of = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    view_mode = fields.Selection([("pivot", "By bucket (pivot)"), ("list", "Open items (list)")],
                                 required=True, default="pivot")

    def action_open(self):
        self.ensure_one()
        action = self.env["ltc.report.aging"].action_open(self.as_of)
        if self.view_mode == "list":
            action["views"] = [view for view in action["views"] if view[1] == "list"] + \
                              [view for view in action["views"] if view[1] != "list"]
        return action
