from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LtcCpqCommon


@tagged("post_install", "-at_install")
class TestChineseQuoteApproval(LtcCpqCommon):
    """The quote's approval banner and buttons come from OCA's tier validation templates: in Chinese."""

    def test_quote_approval_banner_buttons_and_status_are_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["base_tier_validation", "sale_tier_validation", "ltc_opportunity", "ltc_cpq"], ["zh_CN"])
        Order = self.env["sale.order"].with_user(self.manager).with_context(lang="zh_CN")
        arch = Order.get_views([(False, "form")])["views"]["form"]["arch"]
        arch = etree.tostring(etree.fromstring(arch), encoding="unicode")  # OCA's get_view gives ASCII bytes
        for chinese in ("此单据需要审批。", 'string="批准"', 'string="驳回"', 'string="提交审批"',
                        'string="重新审批"', "<b>通过</b>", "<b>驳回</b>"):
            self.assertIn(chinese, arch)
        for english in ("This Record needs to be", 'string="Validate"', "Request Validation", "Operation has been"):
            self.assertNotIn(english, arch)
        status = Order.fields_get(["validation_status"], ["string", "selection"])["validation_status"]
        self.assertEqual(status["string"], "审批状态")
        self.assertIn(("validated", "已批准"), [tuple(value) for value in status["selection"]])
        search = Order.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("待我审批", search)

    def test_confirming_an_unapproved_quote_is_refused_in_chinese(self):
        """OCA raises these two refusals from its own module, which has no Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.rep.lang = "zh_CN"
        order = self._create_quote(user=self.rep).with_user(self.rep).with_context(lang="zh_CN")
        order.write({"order_line": [(0, 0, {"product_id": self.rack.id, "product_uom_qty": 1, "discount": 25.0})]})
        with self.assertRaisesRegex(ValidationError, "此操作需要审批.*\n - .*\n请提交审批。"):
            order.action_confirm()
        order.request_validation()
        with self.assertRaises(ValidationError) as refusal:
            order.action_confirm()
        self.assertIn("审批", str(refusal.exception))
        self.assertNotIn("validation", str(refusal.exception).lower())
        self.assertEqual(order.state, "draft")
