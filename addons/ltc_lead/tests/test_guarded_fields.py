from odoo.addons.ltc_lead.guard import GUARD_KEY, guarded
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

from .common import LtcLeadCase


@tagged("post_install", "-at_install")
class TestPoolOwnershipRule(LtcLeadCase):
    """Only claim / assign / release / reclaim change who owns a pooled lead (the RPC side of it:
    test_tour_rpc_pool_access)."""

    def test_rep_cannot_write_an_unclaimed_pooled_lead(self):
        lead = self.pooled()
        for vals in ({"user_id": self.rep1.id}, {"name": "taken"}, {"pool_id": False}):
            with self.assertRaises(AccessError):
                lead.with_user(self.rep1).write(vals)
        with self.assertRaises(AccessError):
            lead.with_user(self.rep1).unlink()
        self.assertEqual((lead.user_id.id, lead.name, lead.pool_id), (False, "Pooled lead 0", self.pool))

    def test_owner_cannot_hand_a_pooled_lead_on(self):
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        with self.assertRaisesRegex(AccessError, "Claim, Assign and Release"):
            lead.with_user(self.rep1).write({"user_id": self.rep2.id})
        lead.with_user(self.rep1).write({"user_id": self.rep1.id, "description": "same owner: fine"})
        lead.with_user(self.manager).write({"user_id": self.rep2.id})  # the pool's manager may: an assign
        self.assertEqual(lead.user_id, self.rep2)
        self.assertEqual(lead.pool_log_ids.sorted("id").mapped("action"), ["claim", "assign"])
        self.assertEqual(lead.pool_log_ids.sorted("id")[-1].user_id, self.rep2)

    def test_rep_cannot_put_own_lead_into_a_pool(self):
        lead = self.env["crm.lead"].create({"name": "Mine", "type": "lead", "user_id": self.rep1.id})
        with self.assertRaises(AccessError):
            lead.with_user(self.rep1).write({"pool_id": self.pool.id})
        self.assertFalse(lead.pool_id)

    def test_creating_into_a_pool_claims_with_the_pool_rules(self):
        leads = self.env["crm.lead"].with_user(self.rep1).create(
            [{"name": f"New {i}", "type": "lead", "pool_id": self.pool.id} for i in range(3)])
        self.assertEqual(leads.user_id, self.rep1)
        self.assertEqual(set(leads.pool_log_ids.mapped("action")), {"claim"})
        with self.assertRaisesRegex(Exception, "3 open records at most"):
            self.env["crm.lead"].with_user(self.rep1).create({"name": "Over the cap", "type": "lead",
                                                                  "pool_id": self.pool.id})
        unclaimed = self.env["crm.lead"].with_user(self.rep1).create(
            {"name": "For the pool", "pool_id": self.pool.id, "user_id": False})
        self.assertFalse(unclaimed.user_id)


@tagged("post_install", "-at_install")
class TestMaskingSeam(LtcLeadCase):
    """Contact details are masked on the record value itself: every ORM read path sees the mask."""

    def test_record_values_mapped_and_export_are_masked(self):
        lead = self.pooled(email_from="boss@bigcorp.cn", phone="13800138000")
        self.rep1.groups_id += self.env.ref("base.group_allow_export")
        as_rep = lead.with_user(self.rep1)
        self.assertEqual(as_rep.email_from, "b***@bigcorp.cn")
        self.assertEqual(as_rep.mapped("phone"), ["138****00"])
        self.assertEqual(as_rep.export_data(["email_from", "phone"])["datas"], [["b***@bigcorp.cn", "138****00"]])
        self.assertEqual(as_rep.sudo().email_from, "boss@bigcorp.cn", "superuser code reads the real value")
        [group] = self.env["crm.lead"].with_user(self.rep1).read_group(
            [("id", "=", lead.id)], ["phone:array_agg"], ["email_from"], lazy=False)
        self.assertFalse(group["email_from"])
        self.assertEqual(group["phone"], [None])
        self.assertEqual(group["__count"], 1)

    def test_reports_render_the_masked_values(self):
        lead = self.pooled(email_from="boss@bigcorp.cn", phone="13800138000")
        view = self.env["ir.ui.view"].create({
            "name": "ltc_test_lead_contact", "type": "qweb",
            "arch": '<t t-name="ltc_test_lead_contact"><p t-out="doc.email_from"/><p t-out="doc.phone"/></t>'})
        html = str(self.env["ir.qweb"].with_user(self.rep1)._render(view.id, {"doc": lead.with_user(self.rep1)}))
        self.assertIn("b***@bigcorp.cn", html)
        self.assertNotIn("boss@", html)
        self.assertNotIn("13800138000", html)


@tagged("post_install", "-at_install")
class TestGuardedFields(LtcLeadCase):
    def test_a_context_key_from_the_caller_does_not_open_the_guard(self):
        lead = self.env["crm.lead"].create({"name": "Mine", "type": "lead", "user_id": self.rep1.id})
        for forged in (True, 1, "1", {"token": True}):
            with self.assertRaisesRegex(AccessError, "Lifecycle"):
                lead.with_user(self.rep1).with_context(**{GUARD_KEY: forged}).write({"lifecycle_state": "sql"})
        self.assertEqual(lead.lifecycle_state, "raw")
        guarded(lead.with_user(self.rep1)).write({"lifecycle_state": "sql"})  # what the owning method does
        self.assertEqual(lead.lifecycle_state, "sql")

    def test_refusals_are_told_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["ltc_lead"], ["zh_CN"], overwrite=True)
        lead = self.pooled()
        lead.with_user(self.rep1).action_claim()
        as_rep = lead.with_user(self.rep1).with_context(lang="zh_CN")
        with self.assertRaisesRegex(AccessError, "由系统设置（领取、审批、生命周期变更等），不能直接编辑"):
            as_rep.write({"claimed_date": False})
        with self.assertRaisesRegex(AccessError, "公海“Test Pool”中的线索只能通过领取、分配和退回来变更负责人"):
            as_rep.write({"user_id": self.rep2.id})

    def test_managers_do_not_set_derived_fields_either(self):
        lead = self.pooled()
        with self.assertRaises(AccessError):
            lead.with_user(self.manager).write({"reclaim_count": 0, "claimed_date": False, "ltc_score": 100})

    def test_a_converted_state_without_conversion_does_not_stop_reclamation(self):
        """The reclaim job decides on the lead's type (a lead converted is an opportunity), not on a
        stored state that says converted."""
        with freeze_time("2026-01-05 09:00:00"):
            lead = self.pooled()
            lead.with_user(self.rep1).action_claim()
        with self.assertRaises(AccessError):
            lead.with_user(self.rep1).write({"lifecycle_state": "converted"})
        self.assertEqual(lead.lifecycle_state, "raw")
        lead.flush_recordset()
        self.env.execute_query(SQL("UPDATE crm_lead SET lifecycle_state = 'converted' WHERE id = %s", lead.id))
        lead.invalidate_recordset()
        with freeze_time("2026-03-01 09:00:00"):
            self.pool._cron_reclaim_leads()
        lead.invalidate_recordset()
        self.assertFalse(lead.user_id)
        self.assertEqual(lead.pool_log_ids.sorted("id")[-1:].action, "reclaim")
