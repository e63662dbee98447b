import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSalesReports(TransactionCase):
    """Funnel, pool statistics, performance, won credit, forecast snapshots and the sales dashboard on a
    company of their own, figures computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        cls.company = cls.env["res.company"].create({"name": "LTC Reports Co"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        company = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        rep_groups = "base.group_user,sales_team.group_sale_salesman"
        cls.rep = new_test_user(cls.env, login="ltc_rp_rep", name="Rep Zhang", groups=rep_groups, **company)
        cls.sr = new_test_user(cls.env, login="ltc_rp_sr", name="SR Liu", groups=rep_groups, **company)
        cls.fr = new_test_user(cls.env, login="ltc_rp_fr", name="FR Chen", groups=rep_groups, **company)
        cls.other_rep = new_test_user(cls.env, login="ltc_rp_other", name="Other Rep", groups=rep_groups, **company)
        cls.manager = new_test_user(cls.env, login="ltc_rp_manager", name="Manager Li",
                                    groups="base.group_user,sales_team.group_sale_manager", **company)
        cls.team = cls.env["crm.team"].create({"name": "LTC Reports Team", "user_id": cls.manager.id,
                                               "company_id": cls.company.id,
                                               "member_ids": [Command.set((cls.rep | cls.sr | cls.fr).ids)]})
        cls.web, cls.expo = cls.env["utm.source"].create([{"name": "LTC Web"}, {"name": "LTC Expo"}])
        cls.line = cls.env["ltc.product.line"].create({"name": "LTC Storage", "company_id": cls.company.id})
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "LTC Price too high"})

    def _lead(self, name, source, kind="lead", **vals):
        return self.env["crm.lead"].create({"name": name, "type": kind, "source_id": source.id,
                                            "company_id": self.company.id, "user_id": self.rep.id,
                                            "team_id": self.team.id, **vals})

    def _funnel_scenario(self):
        """Web: a raw lead, an MQL, an SQL, a won and a lost opportunity; Expo: one raw lead."""
        self._lead("Raw", self.web, product_line_ids=[Command.set(self.line.ids)])
        self._lead("MQL", self.web).action_mark_mql()
        sql = self._lead("SQL", self.web)
        sql.action_mark_mql()
        sql.action_mark_sql()
        won = self._lead("Won", self.web, "opportunity", expected_revenue=1000.0,
                         solution_user_id=self.sr.id, fulfilment_user_id=self.fr.id,
                         product_line_ids=[Command.set(self.line.ids)])
        with freeze_time(fields.Datetime.now() + timedelta(days=10)):
            won.action_set_won()
        lost = self._lead("Lost", self.web, "opportunity", expected_revenue=500.0)
        lost.action_set_lost(lost_reason_id=self.lost_reason.id)
        self._lead("Expo raw", self.expo)
        return won, lost

    def test_funnel_counts_and_conversion_per_source(self):
        self._funnel_scenario()
        Funnel = self.env["ltc.report.funnel"]
        rows = {row["source_id"]: row for row in Funnel._get_funnel([("company_id", "=", self.company.id)],
                                                                     ["source_id"])}
        web = rows[self.web]
        self.assertEqual((web["lead"], web["mql"], web["sql"], web["opportunity"], web["won"]), (5, 4, 3, 2, 1))
        self.assertEqual((web["mql_rate"], web["sql_rate"], web["opportunity_rate"], web["win_rate"]),
                         (80.0, 75.0, 66.67, 50.0))
        self.assertEqual(web["won_amount"], 1000.0)
        self.assertEqual((rows[self.expo]["lead"], rows[self.expo]["mql"], rows[self.expo]["sql_rate"]), (1, 0, 0.0))
        # the pivot's averaged conversions say the same
        [(sql_rate, win_rate)] = Funnel._read_group([("company_id", "=", self.company.id), ("source_id", "=", self.web.id)],
                                                    aggregates=["sql_rate:avg", "win_rate:avg"])
        self.assertEqual((sql_rate, win_rate), (75.0, 50.0))
        by_line = Funnel._read_group([("company_id", "=", self.company.id)], ["product_line_ids"], ["lead_count:sum"])
        self.assertIn((self.line, 2), by_line)

    def test_funnel_xlsx_rows_and_conversion_sheet(self):
        self._funnel_scenario()
        rows = self.env["ltc.report.funnel"].search([("company_id", "=", self.company.id)])
        content, __ = self.env["ir.actions.report"]._render("ltc_reports.report_ltc_report_funnel_xlsx", rows.ids)
        book = openpyxl.load_workbook(io.BytesIO(content))
        detail, conversion = book.worksheets
        self.assertEqual(detail.max_row, 1 + 6)
        header = [cell.value for cell in conversion[1]]
        self.assertEqual(header[:3], ["Source", "Medium", "Leads"])
        web = next(row for row in conversion.iter_rows(min_row=2, values_only=True) if row[0] == "LTC Web")
        # leads, MQLs, SQLs, opportunities, won, won revenue, then the four conversions, as numbers
        self.assertEqual(web[2:], (5, 4, 3, 2, 1, 1000, 80, 75, 66.67, 50))

    def test_performance_win_rate_deal_size_cycle_and_loss_reasons(self):
        self._funnel_scenario()
        Perf = self.env["ltc.report.performance"]
        [(closed, won, win_rate, deal, cycle)] = Perf._read_group(
            [("company_id", "=", self.company.id)],
            aggregates=["closed_count:sum", "won_count:sum", "win_rate:avg", "deal_size:avg", "sales_cycle_days:avg"])
        self.assertEqual((closed, won, win_rate, deal, cycle), (2, 1, 50.0, 1000.0, 10.0))
        self.assertEqual(Perf._read_group([("company_id", "=", self.company.id), ("outcome", "=", "lost")],
                                          ["lost_reason_id"], ["__count"]), [(self.lost_reason, 1)])

    def test_won_credit_split_by_the_company_role_shares(self):
        won, __ = self._funnel_scenario()
        rows = self.env["ltc.report.credit"]._read_group([("lead_id", "=", won.id)], ["role", "user_id"],
                                                         ["won_credit:sum"])
        self.assertEqual({(role, user): amount for role, user, amount in rows},
                         {("ar", self.rep): 600.0, ("sr", self.sr): 300.0, ("fr", self.fr): 100.0})

    def test_pool_statistics_time_in_pool_and_reasons(self):
        pool = self.env["ltc.lead.pool"].create({"name": "LTC East Pool", "company_id": self.company.id})
        lead = self._lead("Pooled", self.web)
        Log = self.env["ltc.lead.pool.log"].sudo()
        start = datetime(2026, 3, 2, 9, 0)
        for hours, action, reason in ((0, "enter", None), (5, "claim", None), (30, "reclaim", "No follow-up"),
                                      (33, "claim", None)):
            Log.create({"pool_id": pool.id, "res_model": "crm.lead", "res_id": lead.id, "action": action,
                        "user_id": self.rep.id, "reason": reason, "date": start + timedelta(hours=hours)})
        Report = self.env["ltc.report.pool"].with_user(self.manager)
        [(count, hours)] = Report._read_group([("pool_id", "=", pool.id), ("action", "=", "claim")],
                                              aggregates=["movement_count:sum", "hours_in_pool:avg"])
        self.assertEqual((count, hours), (2, 4.0))  # 5 h, then 3 h after the reclaim
        self.assertEqual(Report._read_group([("pool_id", "=", pool.id), ("action", "=", "reclaim")], ["reason"],
                                            ["__count"]), [("No follow-up", 1)])
        with self.assertRaises(AccessError):
            self.env["ltc.report.pool"].with_user(self.rep).search([])

    def test_forecast_snapshot_at_the_period_start_and_accuracy_at_its_end(self):
        target = self.env["ltc.sales.target"].create({
            "user_id": self.rep.id, "company_id": self.company.id, "date_from": date(2027, 1, 1),
            "date_to": date(2027, 3, 31), "amount": 30000.0, "split_period": "month"})
        deal = self._lead("Jan deal", self.web, "opportunity", expected_revenue=8000.0, date_deadline=date(2027, 1, 20))
        deal.forecast_category = "commit"
        self._lead("Jan maybe", self.web, "opportunity", expected_revenue=5000.0, date_deadline=date(2027, 1, 25),
                   forecast_category="best_case")
        Snapshot = self.env["ltc.forecast.snapshot"]
        domain = [("target_id", "=", target.id)]
        with freeze_time("2026-12-31 12:00:00"):
            Snapshot._cron_snapshot_periods()
        self.assertFalse(Snapshot.search(domain))
        with freeze_time("2027-01-01 01:00:00"):
            Snapshot._cron_snapshot_periods()
            Snapshot._cron_snapshot_periods()  # a second run changes nothing
        self.assertRecordValues(Snapshot.search(domain), [{
            "date_from": date(2027, 1, 1), "date_to": date(2027, 1, 31), "target_amount": 10000.0,
            "commit_amount": 8000.0, "best_case_amount": 13000.0, "state": "open", "accuracy": 0.0}])
        deal.expected_revenue = 9000.0
        with freeze_time("2027-01-20 10:00:00"):
            deal.action_set_won()
        with freeze_time("2027-02-01 01:00:00"):
            Snapshot._cron_snapshot_periods()
        jan, feb = Snapshot.search(domain, order="date_from")
        # won 9,000 against a commit of 8,000: 100 − 1,000 / 8,000 = 87.5 %; 90 % of the target
        self.assertRecordValues(jan, [{"state": "closed", "won_amount": 9000.0, "accuracy": 87.5, "achievement": 90.0}])
        self.assertRecordValues(feb, [{"state": "open", "date_from": date(2027, 2, 1), "commit_amount": 0.0}])
        mine = [("id", "in", (jan | feb).ids)]
        self.assertEqual(Snapshot.with_user(self.rep).search(mine), jan | feb)
        self.assertEqual(Snapshot.with_user(self.manager).search(mine), jan | feb)
        self.assertFalse(Snapshot.with_user(self.other_rep).search(mine))
        with self.assertRaises(AccessError):
            jan.with_user(self.manager).write({"won_amount": 8000.0})
        with self.assertRaises(AccessError):
            Snapshot.with_user(self.manager).create({"target_id": target.id, "company_id": self.company.id,
                                                      "date_from": date(2027, 3, 1), "date_to": date(2027, 3, 31),
                                                      "date_snapshot": fields.Datetime.now()})

    def test_rep_sees_own_and_team_figures_other_company_nothing(self):
        self._funnel_scenario()
        outsider = new_test_user(self.env, login="ltc_rp_outsider", groups="base.group_user,sales_team.group_sale_salesman")
        Funnel = self.env["ltc.report.funnel"]
        domain = [("company_id", "=", self.company.id)]
        self.assertEqual(len(Funnel.with_user(self.rep).search(domain)), 6)
        self.assertEqual(len(Funnel.with_user(self.sr).search(domain)), 6)       # same team
        self.assertEqual(len(Funnel.with_user(self.manager).search(domain)), 6)  # leads the team
        self.assertFalse(Funnel.with_user(self.other_rep).search(domain))
        self.assertFalse(Funnel.with_user(outsider).search_read([], ["lead_count"]))
        self.assertFalse(self.env["ltc.report.performance"].with_user(self.other_rep).read_group(domain, ["won_amount"], []
                                                                                              )[0]["won_amount"])

    def test_sales_dashboard_headline_figures(self):
        self._funnel_scenario()
        board = self.env["ltc.dashboard"].with_user(self.manager).with_company(self.company).create({"kind": "sales"})
        self.assertEqual(board.open_pipeline, 0.0)  # the one open deal was lost, the other won
        self.assertEqual(board.lead_count, 6)
        self.assertEqual(board.sql_rate, 75.0)
        action = board.with_context(ltc_report="funnel").action_open_report()
        self.assertEqual(action["res_model"], "ltc.report.funnel")
