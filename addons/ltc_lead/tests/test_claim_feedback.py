from lxml import etree

from odoo.tests import tagged

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestClaimFeedback(LtcLeadCase):
    def test_claim_tells_the_rep_and_offers_the_claimed_lead(self):
        lead = self.pooled()
        action = lead.with_user(self.rep1).action_claim()
        self.assertEqual(lead.user_id, self.rep1)
        self.assertEqual(action["tag"], "ltc_lead_claimed")
        self.assertEqual(action["params"]["lead_ids"], lead.ids)
        self.assertIn(lead.name, action["params"]["message"])
        # the view the claim came from reloads: the card leaves the pool, the form unmasks
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")

    def test_pooled_lead_form_offers_claim_outside_the_header(self):
        """On a phone the header's buttons fold into the gear menu: Claim also sits in the sheet."""
        arch = self.env["crm.lead"].with_user(self.rep1).get_views([(False, "form")])["views"]["form"]["arch"]
        doc = etree.fromstring(arch)
        in_sheet = doc.xpath("//sheet//button[@name='action_claim']")
        self.assertTrue(in_sheet)
        self.assertEqual(in_sheet[0].getparent().get("invisible"), "not in_pool")
