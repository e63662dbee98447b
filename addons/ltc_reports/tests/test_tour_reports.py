from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestReportsTours(HttpCase):
    def _invoice_45_days_late(self):
        partner = self.env["res.partner"].create({"name": "Tour Aging Customer", "is_company": True})
        day = fields.Date.today() - timedelta(days=45)
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": partner.id, "invoice_date": day, "invoice_date_due": day,
            "invoice_line_ids": [Command.create({"name": "Tour service", "quantity": 1, "price_unit": 1000.0,
                                                 "tax_ids": [Command.clear()]})],
        })
        invoice.action_post()
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": 400.0, "payment_difference_handling": "open"})._create_payments()
        return invoice

    def test_accountant_ages_receivables_and_traces_an_invoice(self):
        new_test_user(self.env, login="ltc_rp_tour_acc", groups="base.group_user,account.group_account_invoice",
                      lang="en_US")
        invoice = self._invoice_45_days_late()
        self.start_tour("/odoo/action-ltc_reports.action_ltc_report_aging_wizard", "ltc_reports_aging_and_trace",
                        login="ltc_rp_tour_acc")
        self.start_tour(f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
                        "ltc_reports_trace_from_invoice", login="ltc_rp_tour_acc")


@tagged("post_install", "-at_install", "ltc_tour")
class TestReportsPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_manager_reads_the_sales_dashboard_on_a_phone(self):
        manager = new_test_user(self.env, login="ltc_rp_tour_mgr", name="Tour Manager", lang="en_US",
                                groups="base.group_user,sales_team.group_sale_manager")
        team = self.env["crm.team"].create({"name": "Tour Team", "user_id": manager.id})
        Lead = self.env["crm.lead"]
        won = Lead.create({"name": "Tour won", "type": "opportunity", "user_id": manager.id, "team_id": team.id,
                           "expected_revenue": 5000.0})
        won.action_set_won()
        lost = Lead.create({"name": "Tour lost", "type": "opportunity", "user_id": manager.id, "team_id": team.id})
        lost.action_set_lost()
        self.start_tour("/odoo/action-ltc_reports.action_ltc_dashboard_sales", "ltc_reports_sales_dashboard_phone",
                        login="ltc_rp_tour_mgr")
