from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.ltc_lead.guard import guarded


class LtcContract(models.Model):
    _inherit = "ltc.contract"

    @api.model
    def _demo_collections(self):
        """Demo only: a four-line plan on an executing contract — the advance paid early, the progress
        payment paid late, the delivery payment overdue, the retention not yet due. Posted invoices and
        payments stay when the demo goes (accounting keeps posted entries), so the contract, its
        customer, products and type are its own, without xmlids: uninstalling deletes every demo
        record it can."""
        today = fields.Date.context_today(self)
        partner = self.env["res.partner"].create({"name": "华南智造 South China Smart Manufacturing",
                                                  "is_company": True, "city": "深圳 Shenzhen"})
        products = self.env["product.product"].create([
            {"name": "边缘服务器 Edge server (collections demo)", "list_price": 38000.0, "type": "consu",
             "taxes_id": [fields.Command.clear()]},
            {"name": "实施服务 Implementation (collections demo)", "list_price": 12000.0, "type": "service",
             "taxes_id": [fields.Command.clear()]},
        ])
        contract_type = self.env["ltc.contract.type"].create({"name": "销售合同 Sales (collections demo)",
                                                              "kind": "order"})
        ar = self.env.ref("ltc_lead.user_rep_wang", raise_if_not_found=False)
        contract = self.create({
            "title": "智能工厂边缘计算 Smart factory edge computing", "partner_id": partner.id,
            "type_id": contract_type.id, "user_id": ar.id if ar else self.env.uid,
            "date_start": today - timedelta(days=90), "date_end": today + timedelta(days=270),
            "line_ids": [fields.Command.create({"product_id": products[0].id, "product_uom_qty": 4,
                                                "price_unit": 38000.0}),
                         fields.Command.create({"product_id": products[1].id, "product_uom_qty": 1,
                                                "price_unit": 12000.0})],
        })
        contract._demo_execute()
        order = self.env["sale.order"].create(contract._prepare_order_vals())
        order.action_confirm()
        contract.write({"plan_line_ids": [
            fields.Command.create({"sequence": 1, "name": "预付款 Advance 30%", "kind": "advance", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 2, "name": "进度款 Progress 30%", "kind": "progress", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 3, "name": "到货款 Delivery 30%", "kind": "progress", "percentage": 30,
                                   "trigger": "manual"}),
            fields.Command.create({"sequence": 4, "name": "质保金 Retention 10%", "kind": "retention",
                                   "percentage": 10, "trigger": "date", "date_planned": today + timedelta(days=300)}),
        ]})
        advance, progress, delivery = contract.plan_line_ids.sorted("sequence")[:3]
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
