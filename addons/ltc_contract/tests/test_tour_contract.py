from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SIGNED_COPY


@tagged("post_install", "-at_install", "ltc_tour")
class TestContractTour(HttpCase):
    def test_manager_reviews_and_rep_signs_a_contract_tour(self):
        rep = new_test_user(self.env, login="ltc_ct_tour_rep", groups="base.group_user,sales_team.group_sale_salesman",
                            lang="en_US")
        new_test_user(self.env, login="ltc_ct_tour_manager", groups="base.group_user,sales_team.group_sale_manager",
                      lang="en_US")
        partner = self.env["res.partner"].create({"name": "Tour Contract Customer", "is_company": True})
        product = self.env["product.product"].create({"name": "Tour Contract Product", "list_price": 100.0})
        quote = self.env["sale.order"].with_user(rep).create({
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 3, "price_unit": 100.0})],
        })
        contract = self.env["ltc.contract"].browse(quote.action_create_contract()["res_id"])
        contract.with_user(rep).action_submit()
        self.assertEqual(contract.state, "review")
        self.start_tour("/odoo/action-ltc_contract.action_ltc_contract_to_review", "ltc_contract_review_tour",
                        login="ltc_ct_tour_manager")
        self.assertEqual(contract.state, "approved")
        # the scanned signed copy is uploaded with Odoo's binary widget (not driven by the tour)
        contract.with_user(rep).write({"signed_copy": SIGNED_COPY, "signed_copy_name": "signed.pdf"})
        self.start_tour("/odoo/action-ltc_contract.action_ltc_contract", "ltc_contract_sign_tour",
                        login="ltc_ct_tour_rep")
        self.assertEqual(contract.state, "signed")
        self.assertEqual(str(contract.date_signed), "2026-01-15")
        self.assertEqual(quote.state, "sale", "signing confirmed the quotation")

    def test_customer_signs_on_the_portal(self):
        rep = new_test_user(self.env, login="ltc_ct_portal_rep", groups="base.group_user,sales_team.group_sale_salesman")
        manager = new_test_user(self.env, login="ltc_ct_portal_mgr", groups="base.group_user,sales_team.group_sale_manager")
        partner = self.env["res.partner"].create({"name": "Portal Contract Customer", "is_company": True})
        product = self.env["product.product"].create({"name": "Portal Contract Product", "list_price": 100.0})
        contract = self.env["ltc.contract"].with_user(rep).create({
            "partner_id": partner.id,
            "line_ids": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 100.0})],
        })
        contract.action_submit()
        contract.with_user(manager).validate_tier()
        self.assertEqual(contract.state, "approved")
        contract_sudo = contract.sudo()
        page = self.url_open(contract_sudo.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("portal.signature_form", page.text)
        url = contract_sudo.get_portal_url(suffix="/accept")
        empty = self.make_jsonrpc_request(url, {"name": "Mr. Customer", "signature": ""})
        self.assertEqual(empty, {"error": "Signature is missing."})
        signature = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        result = self.make_jsonrpc_request(url, {"name": "Mr. Customer", "signature": signature})
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(contract.state, "signed")
        self.assertEqual(contract.signed_by, "Mr. Customer")
        wrong = self.make_jsonrpc_request(f"/my/ltc_contracts/{contract.id}/accept?access_token=wrong",
                                          {"name": "x", "signature": signature})
        self.assertEqual(wrong, {"error": "Invalid contract."})
