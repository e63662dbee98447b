from datetime import timedelta

from odoo import fields, models
from odoo.addons.ltc_lead.guard import guarded


class LtcContract(models.Model):
    _inherit = "ltc.contract"

    def _demo_collections(self):
        """Demo only: a four-line plan on an executing contract — the advance paid early, the progress
        payment paid late, the delivery payment overdue, the retention not yet due. Its order, posted
        invoices and payments carry no xmlid: accounting keeps posted entries when the demo goes."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if not self.sale_order_ids:
            order = self.env["sale.order"].create(self._prepare_order_vals())
            order.action_confirm()
        self.write({"plan_line_ids": [
            fields.Command.create({"sequence": 1, "name": "预付款 Advance 30%", "kind": "advance", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 2, "name": "进度款 Progress 30%", "kind": "progress", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 3, "name": "到货款 Delivery 30%", "kind": "progress", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 4, "name": "质保金 Retention 10%", "kind": "retention",
                                   "percentage": 10, "trigger": "date", "date_planned": today + timedelta(days=300)}),
        ]})
        advance, progress, delivery = self.plan_line_ids.sorted("sequence")[:3]
        # (plan line, invoice date, due date, payment date or None)
        for line, invoiced, due, paid in (
            (advance, today - timedelta(days=60), today - timedelta(days=45), today - timedelta(days=52)),
            (progress, today - timedelta(days=40), today - timedelta(days=30), today - timedelta(days=18)),
            (delivery, today - timedelta(days=25), today - timedelta(days=10), None),
        ):
            invoice = line._ltc_create_invoice()
            invoice.write({"invoice_date": invoiced, "invoice_payment_term_id": False, "invoice_date_due": due})
            invoice.action_post()
            guarded(line).write({"date_triggered": invoiced})
            if paid:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids).create(
                    {"payment_date": paid})._create_payments()
        return True
