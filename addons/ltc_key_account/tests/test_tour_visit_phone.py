from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "ltc_tour")
class TestVisitPhoneTour(HttpCase):
    """A phone-sized browser whose position is set through Chromium's DevTools protocol
    (Emulation.setGeolocationOverride, the geolocation permission granted to the test server)."""

    browser_size = "390x844"
    touch_enabled = True
    # about 111 m north of the customer
    position = {"latitude": 31.2314, "longitude": 121.4737, "accuracy": 20}

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser:
            browser._websocket_request("Browser.grantPermissions", params={
                "origin": self.base_url(), "permissions": ["geolocation"]})
            browser._websocket_request("Emulation.setGeolocationOverride", params=self.position)
        return session

    def test_rep_checks_in_and_out_on_a_phone_with_the_browsers_position(self):
        rep = new_test_user(self.env, "ltc_ka_phone_rep", groups="sales_team.group_sale_salesman", name="Phone Rep",
                            lang="en_US", tz="UTC")
        customer = self.env["res.partner"].create({
            "name": "Phone Test Co", "is_company": True, "user_id": rep.id,
            "partner_latitude": 31.2304, "partner_longitude": 121.4737})
        sop = self.env["ltc.visit.type"].create({
            "name": "Phone SOP", "require_answers": True,
            "question_ids": [Command.create({"name": "Met the buyer", "kind": "check", "required": True})]})
        visit = self.env["ltc.visit"].create({
            "partner_id": customer.id, "user_id": rep.id, "visit_type_id": sop.id,
            "date_planned": fields.Datetime.now()})
        self.start_tour("/odoo/action-ltc_key_account.action_ltc_visit_today", "ltc_visit_check_in_phone",
                        login="ltc_ka_phone_rep")
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.has_location)
        self.assertAlmostEqual(visit.check_in_latitude, 31.2314, places=6)
        self.assertAlmostEqual(visit.check_in_longitude, 121.4737, places=6)
        self.assertEqual(visit.check_in_accuracy, 20)
        self.assertAlmostEqual(visit.distance_km, 0.111, places=3)
        self.assertFalse(visit.is_off_site)
        self.assertTrue(customer.ltc_last_follow_up_date)
