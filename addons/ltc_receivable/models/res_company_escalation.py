from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ltc_remind_days_before = fields.Integer(
        string="Remind Before Due (days)", default=3,
        help="This many days before a plan line's invoice falls due, its responsible gets a to-do.")
    ltc_finance_escalation_days = fields.Integer(
        string="Escalate to Finance After (days)", default=15,
        help="This many days past due, finance is notified (on the first day late: the AR and the sales "
             "manager).")
    ltc_overdue_template_id = fields.Many2one(
        "mail.template", string="Overdue Notice Template", domain="[('model', '=', 'ltc.payment.plan.line')]",
        help="Sent to the AR and the sales manager on the first day late (empty: the one LTC ships).")
    ltc_finance_template_id = fields.Many2one(
        "mail.template", string="Finance Escalation Template", domain="[('model', '=', 'ltc.payment.plan.line')]",
        help="Sent to finance when a line is late past the escalation threshold (empty: the one LTC ships).")

    def _ltc_collection_today(self):
        """Today at the company's own day boundary: its address's time zone (e.g. Asia/Shanghai), else the
        running user's, else UTC — the day on which a plan line falls due or late for that company."""
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self.partner_id.tz or self.env.user.tz or "UTC"))
