from odoo.tests import tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestChineseApprovals(LtcOpportunityCase):
    """A Chinese user meets the OCA approval screens and messages in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["base_tier_validation", "ltc_lead", "ltc_opportunity"], ["zh_CN"])
        (cls.rep_a | cls.manager).lang = "zh_CN"
        cls.big_deal_tier = cls._tier_definition(cls.manager, "[('expected_revenue', '>', 100000)]",
                                                 notify_on_create=True, notify_on_accepted=True)
        cls.opp = cls._create_opportunity("Big MES rollout", cls.rep_a, cls.customer, expected_revenue=250000)

    def test_approval_fields_of_the_oca_mixin_are_chinese(self):
        registration = self.env["ltc.opportunity.registration"].with_user(self.manager).with_context(lang="zh_CN")
        labels = registration.fields_get(["validation_status"], ["string", "selection"])["validation_status"]
        self.assertEqual(labels["string"], "审批状态")
        self.assertIn(("waiting", "待审批"), [tuple(s) for s in labels["selection"]])
        review_labels = self.env["tier.review"].with_context(lang="zh_CN").fields_get(["todo_by", "done_by"], ["string"])
        self.assertEqual(review_labels["todo_by"]["string"], "待办人")

    def test_review_messages_in_the_chatter_are_chinese(self):
        self.opp.with_user(self.rep_a).with_context(lang="zh_CN").action_register()
        registration = self.opp.registration_id
        self.assertEqual(registration.state, "to_approve")
        registration.review_ids.status = "pending"  # the review whose turn it is
        registration.invalidate_recordset(["next_review"])
        self.assertEqual(registration.with_context(lang="zh_CN").next_review,
                         f"下一审批：{self.big_deal_tier.name}")
        registration.with_user(self.manager).with_context(lang="zh_CN").validate_tier()
        bodies = " ".join(registration.message_ids.mapped("body"))
        self.assertIn("Rep Alice 创建了待审批的记录。", bodies)
        self.assertIn("审批已通过", bodies)
        self.assertNotIn("A review", bodies)

    def test_creation_messages_say_the_record_in_chinese(self):
        """mail's "%s created" would take the model's name, untranslated while the addon installs."""
        Registration = self.env["ltc.opportunity.registration"].with_context(lang="zh_CN", mail_create_nolog=False)
        registration = Registration.create({"lead_id": self.opp.id})
        self.assertIn("商机报备已创建", registration.message_ids[-1:].body)
        pool = self.env["ltc.lead.pool"].with_context(lang="zh_CN", mail_create_nolog=False).create({"name": "华东公海"})
        self.assertIn("公海池已创建", pool.message_ids[-1:].body)

    def test_review_widget_terms_reach_the_web_client(self):
        modules, __ = self.env["ir.http"].get_translations_for_webclient(["ltc_opportunity"], "zh_CN")
        terms = {message["id"]: message["string"] for message in modules["ltc_opportunity"]["messages"]}
        self.assertEqual(terms["Todo by"], "待办人")
        self.assertEqual(terms["Done by"], "审批人")

    def test_decision_maker_and_decided_by_have_distinct_labels(self):
        labels = self.env["ltc.decision.point"].with_context(lang="zh_CN").fields_get(
            ["decision_maker_id", "decided_by_id"], ["string"])
        self.assertNotEqual(labels["decision_maker_id"]["string"], labels["decided_by_id"]["string"])
        self.assertEqual(labels["decided_by_id"]["string"], "签批人")
