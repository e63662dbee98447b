from odoo import api, fields, models


class LtcOpportunityChecklist(models.Model):
    _name = "ltc.opportunity.checklist"
    _description = "Opportunity Checklist Line"
    _order = "stage_sequence, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    item_id = fields.Many2one("ltc.checklist.item", required=True, ondelete="cascade", check_company=True)
    stage_id = fields.Many2one("crm.stage", string="Needed For Stage", ondelete="cascade")
    stage_sequence = fields.Integer(related="stage_id.sequence", store=True, string="Stage Sequence")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    description = fields.Text(related="item_id.description")
    done = fields.Boolean()
    done_by_id = fields.Many2one("res.users", readonly=True)
    done_date = fields.Datetime(readonly=True)
    note = fields.Char()

    _sql_constraints = [
        ("lead_item_uniq", "unique(lead_id, item_id)", "An item appears once on an opportunity checklist."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("done"):
                vals.update(done_by_id=self.env.uid, done_date=fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        if "done" in vals:
            done = vals["done"]
            vals = {**vals, "done_by_id": done and self.env.uid, "done_date": done and fields.Datetime.now()}
        return super().write(vals)
