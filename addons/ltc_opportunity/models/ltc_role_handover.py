from odoo import fields, models


class LtcRoleHandover(models.Model):
    _name = "ltc.role.handover"
    _description = "Iron Triangle Role Handover"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    lead_id = fields.Many2one("crm.lead", string="Opportunity", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    role = fields.Selection(
        [("ar", "Account Responsible (AR)"), ("sr", "Solution Responsible (SR)"),
         ("fr", "Fulfilment Responsible (FR)"), ("sponsor", "Sponsor")],
        required=True,
    )
    from_user_id = fields.Many2one("res.users", string="From")
    to_user_id = fields.Many2one("res.users", string="To")
    reason = fields.Text(required=True)
    create_uid = fields.Many2one("res.users", string="Handed Over By", readonly=True)
    create_date = fields.Datetime(string="Handed Over On", readonly=True)
