"""Pool ownership, masking and guarded fields over JSON-RPC, as a rep logged in through the web
session: the requests a rep can send from a browser console. HttpCase: run by odoo-bin with the
tours (--test-tags ltc_tour), not by pytest-odoo."""
import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

SECRET_EMAIL = "secret0@hidden.example"
SECRET_PHONE = "+86 139 1234 5600"


class RpcCase(HttpCase):
    """Login and call_kw helpers for a real rep session."""

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def assertRefused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self.rpc(model, method, *args, **kwargs)
        self.assertIn(str(caught.exception), ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"))
        return caught.exception

    def login(self, user):
        self.authenticate(user.login, user.login)


@tagged("post_install", "-at_install", "ltc_tour")
class TestRpcPoolAccess(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = new_test_user(cls.env, "ltc_rpc_rep1", password="ltc_rpc_rep1",
                                groups="sales_team.group_sale_salesman,base.group_allow_export", name="RPC Rep One")
        cls.rep2 = new_test_user(cls.env, "ltc_rpc_rep2", password="ltc_rpc_rep2",
                                 groups="sales_team.group_sale_salesman", name="RPC Rep Two")
        cls.manager = new_test_user(cls.env, "ltc_rpc_manager", password="ltc_rpc_manager",
                                    groups="sales_team.group_sale_manager", name="RPC Manager")
        cls.pool = cls.env["ltc.lead.pool"].create({
            "name": "RPC Pool", "user_ids": [(6, 0, (cls.rep | cls.rep2).ids)],
            "manager_ids": [(6, 0, cls.manager.ids)], "mask_contact": True, "max_open_per_rep": 5})
        cls.leads = cls.env["crm.lead"].create([{
            "name": f"RPC pooled lead {i}", "type": "lead", "pool_id": cls.pool.id, "user_id": False,
            "company_id": cls.env.company.id, "email_from": f"secret{i}@hidden.example",
            "phone": f"+86 139 1234 560{i}", "mobile": f"+86 138 0000 000{i}",
        } for i in range(3)])
        cls.lead = cls.leads[0]
        cls.domain = [("id", "in", cls.leads.ids)]

    # ------------------------------------------------------------------ 1. ownership only by claim
    def test_rep_cannot_take_a_pooled_lead_by_write(self):
        self.login(self.rep)
        self.assertRefused("crm.lead", "write", self.lead.ids, {"user_id": self.rep.id})
        self.assertFalse(self.lead.user_id)
        self.assertFalse(self.lead.claimed_date)
        self.assertFalse(self.lead.pool_log_ids)

    def test_rep_cannot_edit_convert_merge_or_delete_an_unclaimed_pooled_lead(self):
        self.login(self.rep)
        self.assertRefused("crm.lead", "write", self.lead.ids, {"name": "Mine now"})
        self.assertRefused("crm.lead", "write", self.leads.ids, {"tag_ids": [(6, 0, [])], "priority": "3"})  # mass edit
        wizard_id = self.rpc("crm.lead2opportunity.partner", "create", {"name": "convert", "action": "nothing"},
                             context={"active_model": "crm.lead", "active_id": self.lead.id,
                                      "active_ids": self.lead.ids})
        self.assertRefused("crm.lead2opportunity.partner", "action_apply", [wizard_id],
                           context={"active_model": "crm.lead", "active_id": self.lead.id,
                                    "active_ids": self.lead.ids})
        self.assertRefused("crm.lead", "merge_opportunity", self.leads[:2].ids)
        self.assertRefused("crm.lead", "unlink", self.lead.ids)
        self.lead.invalidate_recordset()
        self.assertEqual((self.lead.name, self.lead.type, self.lead.user_id.id, self.lead.active),
                         ("RPC pooled lead 0", "lead", False, True))
        self.assertTrue(self.leads[1].exists())

    def test_rep_cannot_merge_a_pooled_lead_into_their_own(self):
        """crm keeps the first of the merged leads and deletes the others as superuser."""
        own = self.env["crm.lead"].create({"name": "My deal", "type": "opportunity", "user_id": self.rep.id})
        self.login(self.rep)
        self.assertRefused("crm.lead", "merge_opportunity", (own | self.lead).ids)
        wizard_id = self.rpc("crm.merge.opportunity", "create", {"opportunity_ids": [(6, 0, (own | self.lead).ids)]})
        self.assertRefused("crm.merge.opportunity", "action_merge", [wizard_id])
        self.assertTrue(self.lead.exists())
        self.assertEqual(self.lead.pool_id, self.pool)

    def test_import_cannot_take_a_pooled_lead(self):
        self.login(self.rep)
        result = self.rpc("crm.lead", "load", [".id", "user_id/.id"], [[str(self.lead.id), str(self.rep.id)]])
        self.assertTrue(result["messages"], "the import reports the refusal")
        self.assertFalse(result["ids"])
        self.lead.invalidate_recordset()
        self.assertFalse(self.lead.user_id)

    def test_claim_is_the_way_and_the_claimed_lead_stays_in_the_pool(self):
        self.login(self.rep)
        self.rpc("crm.lead", "action_claim", self.lead.ids)
        self.assertEqual(self.lead.user_id, self.rep)
        self.assertEqual(self.lead.pool_log_ids.action, "claim")
        [vals] = self.rpc("crm.lead", "search_read", [("id", "=", self.lead.id)], ["email_from"])
        self.assertEqual(vals["email_from"], SECRET_EMAIL)
        # the owner works the lead, but gives it away or takes it out of the pool only by release
        self.rpc("crm.lead", "write", self.lead.ids, {"description": "Called, interested"})
        self.assertRefused("crm.lead", "write", self.lead.ids, {"user_id": self.rep2.id})
        self.assertRefused("crm.lead", "write", self.lead.ids, {"pool_id": False})
        self.assertEqual((self.lead.user_id, self.lead.pool_id), (self.rep, self.pool))

    def test_a_lead_created_into_the_pool_by_a_rep_is_a_claim(self):
        self.login(self.rep)
        self.assertRefused("crm.lead", "create", {"name": "For Li", "pool_id": self.pool.id, "user_id": self.rep2.id})
        lead_id = self.rpc("crm.lead", "create", {"name": "Found it", "pool_id": self.pool.id})
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(lead.user_id, self.rep)
        self.assertEqual(lead.pool_log_ids.action, "claim")
        self.assertTrue(lead.claimed_date)

    def test_pool_manager_assigns_by_write(self):
        self.login(self.manager)
        self.rpc("crm.lead", "write", self.lead.ids, {"user_id": self.rep2.id})
        self.assertEqual(self.lead.user_id, self.rep2)
        self.assertEqual((self.lead.pool_log_ids.action, self.lead.pool_log_ids.user_id), ("assign", self.rep2))
        self.assertTrue(self.lead.claimed_date)

    def test_customer_pool_company_is_taken_only_by_claim(self):
        customer_pool = self.env["ltc.lead.pool"].create({
            "name": "RPC Customer Pool", "pool_type": "customer", "user_ids": [(6, 0, self.rep.ids)]})
        company = self.env["res.partner"].create({"name": "Pooled Co", "is_company": True,
                                                  "ltc_pool_id": customer_pool.id})
        self.login(self.rep)
        self.assertRefused("res.partner", "write", company.ids, {"user_id": self.rep.id})
        self.assertRefused("res.partner", "write", company.ids, {"ltc_pool_id": False})
        self.assertRefused("res.partner", "write", company.ids, {"ltc_claimed_date": "2026-01-01 00:00:00"})
        self.assertFalse(company.user_id)
        self.rpc("res.partner", "action_claim_customer", company.ids)
        self.assertEqual(company.user_id, self.rep)

    # ------------------------------------------------------------------ 2. masking on every read path
    def assertMasked(self, payload):
        text = json.dumps(payload, ensure_ascii=False)
        for i in range(3):
            self.assertNotIn(f"secret{i}@hidden.example", text)
            self.assertNotIn(f"1234 560{i}", text)
            self.assertNotIn(f"0000 000{i}", text)

    def test_masked_in_search_read_web_search_read_and_web_read(self):
        self.login(self.rep)
        fields = ["email_from", "phone", "mobile", "email_normalized", "phone_sanitized", "email_key", "phone_key"]
        rows = self.rpc("crm.lead", "search_read", self.domain, fields)
        self.assertEqual(len(rows), 3)
        self.assertMasked(rows)
        self.assertEqual({row["email_from"] for row in rows}, {"s***@hidden.example"})
        self.assertMasked(self.rpc("crm.lead", "read", self.leads.ids, fields))
        spec = {name: {} for name in fields} | {"display_name": {}}
        result = self.rpc("crm.lead", "web_search_read", self.domain, spec)
        self.assertEqual(result["length"], 3)
        self.assertMasked(result)
        self.assertMasked(self.rpc("crm.lead", "web_read", self.leads.ids, spec))

    def test_masked_in_read_group_and_web_read_group(self):
        self.login(self.rep)
        for groupby in (["email_from"], ["phone"], ["mobile"], ["email_normalized"], ["phone_sanitized"]):
            groups = self.rpc("crm.lead", "read_group", self.domain, ["email_from:array_agg", "phone:max"], groupby,
                              lazy=False)
            self.assertMasked(groups)
            self.assertEqual(sum(g["__count"] for g in groups), 3)
            self.assertMasked(self.rpc("crm.lead", "web_read_group", self.domain, ["id:count"], groupby))

    def test_masked_in_export(self):
        self.login(self.rep)
        result = self.rpc("crm.lead", "export_data", self.leads.ids, ["name", "email_from", "phone", "mobile"])
        self.assertEqual(len(result["datas"]), 3)
        self.assertMasked(result)

    def test_masked_in_display_names_and_name_search(self):
        self.login(self.rep)
        self.assertMasked(self.rpc("crm.lead", "name_search", "secret0"))
        self.assertMasked(self.rpc("crm.lead", "web_search_read", [("email_from", "ilike", "hidden")],
                                   {"display_name": {}, "duplicate_lead_ids": {"fields": {"email_from": {}}}}))

    def test_masked_in_the_chatter(self):
        self.lead.message_post(body=f"Hello, call me on {SECRET_PHONE}", email_from=SECRET_EMAIL,
                               message_type="email", subtype_xmlid="mail.mt_comment")
        self.login(self.rep)
        messages = self.make_jsonrpc_request("/mail/thread/messages",
                                             {"thread_model": "crm.lead", "thread_id": self.lead.id, "limit": 30})
        self.assertMasked(messages)
        self.assertMasked(self.rpc("mail.message", "search_read",
                                   [("model", "=", "crm.lead"), ("res_id", "=", self.lead.id)], ["body", "email_from"]))

    def test_duplicate_check_still_finds_the_pooled_lead(self):
        self.login(self.rep)
        found = self.rpc("crm.lead", "search_read", [("email_from", "=", SECRET_EMAIL)], ["name", "email_from"])
        self.assertEqual([row["id"] for row in found], self.lead.ids)
        self.assertEqual(found[0]["email_from"], "s***@hidden.example")

    def test_the_pool_manager_reads_the_real_values(self):
        self.login(self.manager)
        rows = self.rpc("crm.lead", "search_read", [("id", "=", self.lead.id)], ["email_from"])
        self.assertEqual(rows[0]["email_from"], SECRET_EMAIL)
        groups = self.rpc("crm.lead", "read_group", self.domain, ["id:count"], ["email_from"], lazy=False)
        self.assertIn(SECRET_EMAIL, json.dumps(groups))

    # ------------------------------------------------------------------ 3. guarded fields
    def test_rep_cannot_set_lifecycle_or_pool_figures_by_write(self):
        own = self.env["crm.lead"].create({"name": "Own lead", "type": "lead", "user_id": self.rep.id})
        grade, score = own.ltc_grade, own.ltc_score
        self.login(self.rep)
        for vals in ({"lifecycle_state": "converted"}, {"converted_date": "2026-01-01 00:00:00"},
                     {"claimed_date": "2026-01-01 00:00:00"}, {"reclaim_count": 0},
                     {"last_follow_up_date": "2030-01-01 00:00:00"}, {"ltc_score": score + 99},
                     {"ltc_grade": "A" if grade != "A" else "D"},
                     {"email_key": "x@y.z"}):
            self.assertRefused("crm.lead", "write", own.ids, vals)
        self.assertRefused("crm.lead", "create", {"name": "Born converted", "type": "lead",
                                                   "lifecycle_state": "converted"})
        own.invalidate_recordset()
        self.assertEqual((own.lifecycle_state, own.ltc_grade, own.ltc_score, own.claimed_date),
                         ("raw", grade, score, False))
        # the buttons still move it
        self.rpc("crm.lead", "action_mark_mql", own.ids)
        self.assertEqual(own.lifecycle_state, "mql")
        self.assertTrue(own.mql_date)
