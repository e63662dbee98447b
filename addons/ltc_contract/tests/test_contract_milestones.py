from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import LtcContractCommon


@tagged("post_install", "-at_install")
class TestContractMilestones(LtcContractCommon):
    """Execution tracking (合同执行跟踪表): late milestones, activities and risk."""

    def _cron(self):
        # the cron user's day: Beijing time
        return self.env["ltc.contract.milestone"].with_context(tz="Asia/Shanghai")._cron_mark_late_milestones()

    def test_late_milestone_at_the_day_boundary_raises_the_risk(self):
        with freeze_time("2026-06-01 02:00:00"):
            contract = self._executing_contract()
            milestones = self.env["ltc.contract.milestone"].with_user(self.fr).create([
                {"contract_id": contract.id, "name": "Delivery", "date_planned": "2026-06-10"},
                {"contract_id": contract.id, "name": "Acceptance", "date_planned": "2026-06-20"},
            ])
        delivery, acceptance = milestones
        self.assertEqual(contract.risk_level, "low")
        with freeze_time("2026-06-10 15:59:59"):  # 23:59:59 in Beijing: still on time
            self.assertEqual(self._cron(), 0)
        self.assertFalse(delivery.is_late)
        self.assertEqual(contract.risk_level, "low")
        with freeze_time("2026-06-10 16:00:00"):  # midnight in Beijing: June 11
            self.assertEqual(self._cron(), 1)
        self.assertTrue(delivery.is_late)
        self.assertFalse(acceptance.is_late)
        self.assertEqual((contract.risk_level, contract.late_milestone_count), ("medium", 1))
        activity = contract.activity_ids.filtered(lambda a: a.summary == "Late milestone: Delivery")
        self.assertEqual(activity.user_id, self.fr, "the responsible (FR) is asked to act")
        with freeze_time("2026-06-10 16:00:00"):
            self.assertEqual(self._cron(), 0, "running again does nothing more")
        self.assertEqual(len(contract.activity_ids), 1)
        with freeze_time("2026-06-21 01:00:00"):
            self.assertEqual(self._cron(), 1)
        self.assertEqual((contract.risk_level, contract.late_milestone_count), ("high", 2))
        risk_action = self.env.ref("ltc_contract.action_ltc_contract_risk")
        self.assertIn(contract, self.env["ltc.contract"].with_user(self.manager).search(
            safe_eval(risk_action.domain) + [("risk_level", "in", ("medium", "high"))]))
        with freeze_time("2026-06-22 01:00:00"):
            delivery.with_user(self.fr).action_done()
        self.assertFalse(delivery.is_late)
        self.assertEqual((contract.risk_level, contract.late_milestone_count), ("medium", 1))
        self.assertAlmostEqual(contract.schedule_adherence, 0.0, msg="done after its planned date")

    def test_cron_works_in_batches(self):
        with freeze_time("2026-06-01 02:00:00"):
            contract = self._executing_contract()
            self.env["ltc.contract.milestone"].create([
                {"contract_id": contract.id, "name": f"Step {i}", "date_planned": "2026-06-02"} for i in range(5)
            ])
        model = self.env["ltc.contract.milestone"].with_context(tz="UTC")
        with freeze_time("2026-06-05"):
            self.assertEqual(model._cron_mark_late_milestones(batch_size=2), 2)
            self.assertEqual(model._cron_mark_late_milestones(batch_size=2), 2)
            self.assertEqual(model._cron_mark_late_milestones(batch_size=2), 1)
            self.assertEqual(model._cron_mark_late_milestones(batch_size=2), 0)
        self.assertEqual((contract.risk_level, contract.late_milestone_count), ("high", 5))

    def test_late_flag_and_risk_are_not_typed(self):
        contract = self._executing_contract()
        milestone = self.env["ltc.contract.milestone"].with_user(self.fr).create({
            "contract_id": contract.id, "name": "Delivery", "date_planned": "2020-01-01", "is_late": False,
        })
        self.assertTrue(milestone.is_late, "a milestone created past its date is late at once")
        self.assertEqual(contract.risk_level, "medium")
        with self.assertRaisesMsg(UserError, "follows its dates"):
            milestone.with_user(self.fr).write({"is_late": False})
        with self.assertRaisesMsg(UserError, "through its actions"):
            contract.with_user(self.manager).write({"risk_level": "low"})
        milestone.with_user(self.fr).date_planned = "2099-01-01"
        self.assertFalse(milestone.is_late)
        self.assertEqual(contract.risk_level, "low")
