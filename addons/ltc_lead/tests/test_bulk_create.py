from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LtcLeadCase

SKIPPED = {"id", "create_date", "write_date"}
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True,
           "mail_notrack": True}


@tagged("post_install", "-at_install")
class TestBulkCreate(LtcLeadCase):
    """The import's bulk create must store exactly what the ORM's create stores, field by field,
    with every installed addon's stored fields (CI runs this with all six LTC addons)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["ltc.lead.scoring.rule"]
        Rule.search([]).active = False
        Rule.create({"name": "ERP line", "domain": f"[('product_line_ids', 'in', [{cls.erp.id}])]", "points": 40})
        Rule.create({"name": "Budget", "domain": "[('expected_revenue', '>', 300000)]", "points": 45})
        Rule.create({"name": "China", "domain": "[('country_id.code', '=', 'CN')]", "points": 20})
        cls.stage = cls.env["crm.lead"]._stage_find(team_id=cls.team.id, domain=[("fold", "=", False),
                                                                                 ("is_won", "=", False)])
        # won/lost history for the team, so that crm's predictive scoring gives probabilities
        Frequency = cls.env["crm.lead.scoring.frequency"]
        Frequency.create([
            {"variable": "stage_id", "value": str(cls.stage.id), "won_count": 12, "lost_count": 7,
             "team_id": cls.team.id},
            {"variable": "email_state", "value": "correct", "won_count": 9, "lost_count": 3, "team_id": cls.team.id},
            {"variable": "phone_state", "value": "correct", "won_count": 8, "lost_count": 5, "team_id": cls.team.id},
            {"variable": "email_state", "value": "incorrect", "won_count": 1, "lost_count": 6,
             "team_id": cls.team.id},
        ])
        cls.source = cls.env["utm.source"].create({"name": "Trade show (test)"})

    def _rows(self):
        cn, fr = self.env.ref("base.cn"), self.env.ref("base.fr")
        base = {"type": "lead", "company_id": self.company.id, "stage_id": self.stage.id, "team_id": self.team.id}
        return [
            # COPY's delimiters and escape character in a value
            {**base, "name": "Plain \\ back\tslash\nand\r\\N", "user_id": self.rep1.id},
            # a bare address, one of a mail provider (the whole address is the domain criterion), an
            # upper-case one (normalized differs)
            {**base, "name": "Bare", "user_id": self.rep1.id, "email_from": "buyer.7@company7.cn"},
            {**base, "name": "Provider", "user_id": self.rep1.id, "email_from": "buyer7@gmail.com"},
            {**base, "name": "Upper", "user_id": self.rep1.id, "email_from": "Buyer7@Company7.CN"},
            {**base, "name": "ERP 升级项目", "partner_name": "深圳市腾飞科技有限公司", "contact_name": "李雷",
             "email_from": '"Li Lei" <LiLei@TengFei.cn>', "phone": "0755 8888 1234", "mobile": "138 0013 8000",
             "country_id": cn.id,
             "expected_revenue": 456789.13, "description": "展会名片", "user_id": self.rep1.id,
             "product_line_ids": [Command.set(self.erp.ids)], "source_id": self.source.id},
            {**base, "name": "Pooled", "pool_id": self.pool.id, "user_id": False, "email_from": "not-an-email",
             "phone": "12", "expected_revenue": 1000.0},
            {**base, "name": "Gmail", "email_from": "Some One <someone@gmail.com>", "phone": "+33 6 12 34 56 78",
             "country_id": fr.id, "user_id": self.rep2.id, "expected_revenue": 99.99},
            {**base, "name": "No team", "team_id": False, "user_id": False, "email_from": "x@y.cn"},
        ]

    def _updated_leads(self):
        """Rows of crm_lead updated so far in this transaction (PostgreSQL's own counter)."""
        self.env.cr.execute("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'crm_lead'")
        return self.env.cr.fetchone()[0]

    def _assert_bulk_stores_what_create_stores(self):
        Lead = self.env["crm.lead"].with_context(**CONTEXT)
        created = Lead.create(self._rows())
        self.env.flush_all()
        updated = self._updated_leads()
        bulk = Lead._ltc_bulk_create(self._rows())
        self.env.flush_all()
        bulk_updates = self._updated_leads() - updated
        self.env.invalidate_all()
        self.assertEqual(len(bulk), 8)
        self.assertTrue(any(created.mapped("probability")), "the test must exercise predictive scoring")
        self.assertTrue(any(created.mapped("ltc_score")), "the test must exercise the scoring rules")
        self.assertTrue(created.score_rule_ids.filtered(lambda r: r.name == "ERP line"),
                        "the test must exercise a rule on a many2many")
        fields = [name for name, field in Lead._fields.items() if field.store and name not in SKIPPED]
        for orm_lead, bulk_lead in zip(created, bulk, strict=True):
            for name in fields:
                orm_value, bulk_value = orm_lead[name], bulk_lead[name]
                if Lead._fields[name].type == "one2many":
                    orm_value, bulk_value = len(orm_value), len(bulk_value)
                with self.subTest(lead=orm_lead.name, field=name):
                    self.assertEqual(bulk_value, orm_value)
        return bulk_updates

    def test_bulk_create_stores_what_create_stores(self):
        # the rules read stored columns: they are matched before the INSERT, which stores every value
        # (no UPDATE of the new rows after it — the stored computed fields of every addon included)
        self.assertEqual(self._assert_bulk_stores_what_create_stores(), 0)

    def test_bulk_create_scores_after_the_insert_when_a_rule_reads_a_computed_field(self):
        # a rule on a field that is not a column (searched by a method) is matched on the inserted
        # rows by the compute, as before: same values, at the cost of an UPDATE
        self.env["ltc.lead.scoring.rule"].create({"name": "Not blacklisted", "points": 5,
                                                  "domain": "[('is_blacklisted', '=', False)]"})
        self.assertGreater(self._assert_bulk_stores_what_create_stores(), 0)

    def test_bulk_create_checks_rights_and_refuses_leads_with_a_customer(self):
        partner = self.env["res.partner"].create({"name": "Customer"})
        with self.assertRaisesRegex(UserError, "created one by one"):
            self.env["crm.lead"]._ltc_bulk_create([{"name": "With customer", "partner_id": partner.id}])
        with self.assertRaisesRegex(UserError, "created one by one"):
            self.env["crm.lead"]._ltc_bulk_create([{"name": "Plain"}, {"name": "Deal", "type": "opportunity"}])
        self.assertFalse(self.env["crm.lead"].search([("name", "in", ["With customer", "Plain", "Deal"])]))
        viewer = self.env["res.users"].create({"name": "Viewer", "login": "ltc_t_viewer",
                                               "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(viewer)._ltc_bulk_create([{"name": "Not allowed"}])

    def test_bulk_create_applies_the_record_rules_of_create(self):
        Lead = self.env["crm.lead"].with_user(self.rep1)
        vals = {"name": "For a colleague", "type": "lead", "company_id": self.company.id, "user_id": self.rep2.id}
        with self.assertRaises(AccessError):
            Lead.create([dict(vals)])
        with self.assertRaises(AccessError):
            Lead._ltc_bulk_create([dict(vals)])
        mine = Lead._ltc_bulk_create([dict(vals, name="Mine", user_id=self.rep1.id)])
        self.assertEqual(mine.user_id, self.rep1)
