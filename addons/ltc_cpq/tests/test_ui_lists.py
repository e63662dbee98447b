from lxml import etree

from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestUiLists(LtcCpqCommon):
    def test_quote_versions_are_never_summed(self):
        """Versions are snapshots of one quote: adding their totals means nothing."""
        Version = self.env["ltc.quote.version"]
        aggregators = Version.fields_get(["amount_untaxed", "amount_tax", "amount_total"], ["aggregator"])
        self.assertFalse(any(description.get("aggregator") for description in aggregators.values()))
        arch = Version.get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertFalse(etree.fromstring(arch).xpath("//field[@sum]"))

    def test_approval_queue_says_why_each_quote_waits(self):
        action = self.env.ref("ltc_cpq.action_ltc_quotes_to_approve")
        arch = self.env["sale.order"].with_user(self.manager).get_views(
            [(action.view_id.id, "list")])["views"]["list"]["arch"]
        columns = etree.fromstring(arch).xpath("//field/@name")
        self.assertIn("approval_figures", columns)
        self.assertIn("discount_approval_level", columns)
