from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LtcOpportunityCase


@tagged("post_install", "-at_install")
class TestForecast(LtcOpportunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.lead"].search([("user_id", "=", cls.rep_a.id)]).unlink()
        cls.opp_commit = cls._create_opportunity(
            "Commit deal", cls.rep_a, cls.customer, expected_revenue=100000, probability=60,
            date_deadline=date(2031, 2, 10),
        )
        cls.opp_pipe = cls._create_opportunity(
            "Pipe deal", cls.rep_a, cls.customer, expected_revenue=50000, probability=20,
            date_deadline=date(2031, 3, 5),
        )
        cls.target = cls.env["ltc.sales.target"].create({
            "user_id": cls.rep_a.id, "date_from": date(2031, 1, 1), "date_to": date(2031, 3, 31),
            "amount": 400000,
        })

    def test_forecast_category_defaults_to_pipeline_and_won_on_winning(self):
        self.assertEqual(self.opp_pipe.forecast_category, "pipeline")
        self.opp_commit.forecast_category = "commit"
        self.assertEqual(self.opp_commit.commit_amount, 100000)
        self.assertEqual(self.opp_commit.prorated_revenue, 60000)
        self.opp_commit.sudo().stage_id = self.stage_won
        self.assertEqual(self.opp_commit.forecast_category, "won")
        self.assertEqual(self.opp_commit.won_amount, 100000)

    def test_target_compares_commit_weighted_and_won(self):
        self.opp_commit.forecast_category = "commit"
        self.assertEqual(self.target.commit_amount, 100000)
        self.assertEqual(self.target.weighted_amount, 60000 + 10000)
        self.assertEqual(self.target.won_amount, 0)
        self.opp_pipe.write({"date_closed": "2031-03-01 10:00:00"})
        self.opp_pipe.sudo().action_set_won()
        self.opp_pipe.date_closed = "2031-03-01 10:00:00"
        self.target.invalidate_recordset()
        self.assertEqual(self.target.won_amount, 50000)
        self.assertAlmostEqual(self.target.achievement, 12.5)

    def test_forecast_report_puts_target_next_to_actuals(self):
        self.opp_commit.forecast_category = "commit"
        self.env.flush_all()
        [(target, commit, weighted, won)] = self.env["ltc.forecast.report"]._read_group(
            [("user_id", "=", self.rep_a.id), ("date", ">=", "2031-01-01"), ("date", "<=", "2031-03-31")],
            aggregates=["target_amount:sum", "commit_amount:sum", "weighted_amount:sum", "won_amount:sum"],
        )
        self.assertEqual((target, commit, weighted, won), (400000, 100000, 70000, 0))

    def test_target_needs_an_owner_and_a_valid_period(self):
        with self.assertRaises(ValidationError):
            self.env["ltc.sales.target"].create({
                "date_from": date(2031, 1, 1), "date_to": date(2031, 3, 31), "amount": 1,
            })
        with self.assertRaises(ValidationError):
            self.env["ltc.sales.target"].create({
                "team_id": self.team.id, "date_from": date(2031, 4, 1), "date_to": date(2031, 3, 31),
                "amount": 1,
            })


@tagged("post_install", "-at_install")
class TestTargetSplit(LtcOpportunityCase):
    """Hand-computed: a 1,000,000 target for 2032 split by quarter, one committed deal in Q1 (100,000),
    one deal won in Q2 (50,000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target = cls.env["ltc.sales.target"].create({
            "user_id": cls.rep_b.id, "date_from": date(2032, 1, 1), "date_to": date(2032, 12, 31),
            "amount": 1000000, "split_period": "quarter", "split_rule": "even",
        })

    def _periods(self, target):
        return [(p.date_from.isoformat(), p.date_to.isoformat(), p.amount) for p in target.period_ids]

    def test_annual_target_split_evenly_by_quarter(self):
        self.assertEqual(self._periods(self.target), [
            ("2032-01-01", "2032-03-31", 250000), ("2032-04-01", "2032-06-30", 250000),
            ("2032-07-01", "2032-09-30", 250000), ("2032-10-01", "2032-12-31", 250000),
        ])

    def test_split_by_month_puts_the_rounding_rest_on_the_last_month(self):
        self.target.split_period = "month"
        amounts = self.target.period_ids.mapped("amount")
        self.assertEqual(len(amounts), 12)
        self.assertEqual(amounts[:11], [83333.33] * 11)
        self.assertAlmostEqual(amounts[11], 83333.37)

    def test_split_in_proportion_to_days_for_a_target_starting_mid_quarter(self):
        target = self.env["ltc.sales.target"].create({
            "user_id": self.rep_b.id, "date_from": date(2033, 2, 15), "date_to": date(2033, 6, 30),
            "amount": 1000000, "split_rule": "days",
        })
        # 15 Feb - 31 Mar: 45 days, April - June: 91 days, 136 in all
        self.assertEqual(self._periods(target), [
            ("2033-02-15", "2033-03-31", 330882.35), ("2033-04-01", "2033-06-30", 669117.65),
        ])

    def test_shares_set_by_hand_must_make_the_target(self):
        self.target.split_rule = "manual"
        q1, q2, q3, q4 = self.target.period_ids
        self.target.write({"period_ids": [(1, q1.id, {"amount": 100000}), (1, q2.id, {"amount": 200000}),
                                          (1, q3.id, {"amount": 300000}), (1, q4.id, {"amount": 400000})]})
        self.assertEqual(self.target.period_ids.mapped("amount"), [100000, 200000, 300000, 400000])
        with self.assertRaises(ValidationError):
            self.target.write({"period_ids": [(1, q4.id, {"amount": 1})]})
        with self.assertRaises(ValidationError):  # the target alone no longer matches its shares
            self.target.amount = 2000000
        self.assertEqual(self.target.period_ids.mapped("amount"), [100000, 200000, 300000, 400000])

    def test_forecast_report_gives_target_commit_and_won_per_quarter(self):
        commit = self._create_opportunity("Q1 commit", self.rep_b, self.customer, expected_revenue=100000,
                                          probability=60, date_deadline=date(2032, 2, 10))
        commit.forecast_category = "commit"
        won = self._create_opportunity("Q2 won", self.rep_b, self.customer, expected_revenue=50000,
                                       probability=30, date_deadline=date(2032, 5, 20))
        won.sudo().action_set_won()
        won.date_closed = "2032-05-20 10:00:00"
        self.env.flush_all()
        rows = self.env["ltc.forecast.report"].with_user(self.rep_b)._read_group(
            [("user_id", "=", self.rep_b.id), ("date", ">=", "2032-01-01"), ("date", "<=", "2032-12-31")],
            groupby=["date:quarter", "kind"], aggregates=["amount:sum"], order="date:quarter, kind")
        figures = {(quarter.month, kind): amount for quarter, kind, amount in rows}
        self.assertEqual(figures, {
            (1, "commit"): 100000, (1, "target"): 250000,
            (4, "commit"): 50000, (4, "target"): 250000, (4, "won"): 50000,
            (7, "target"): 250000, (10, "target"): 250000,
        })
        # the pivot's columns: the same figures side by side
        [(target, commit_sum, won_sum)] = self.env["ltc.forecast.report"]._read_group(
            [("user_id", "=", self.rep_b.id), ("date", ">=", "2032-04-01"), ("date", "<=", "2032-06-30")],
            aggregates=["target_amount:sum", "commit_amount:sum", "won_amount:sum"])
        self.assertEqual((target, commit_sum, won_sum), (250000, 50000, 50000))
        # and each period of the target shows its own actuals
        self.assertEqual([(p.commit_amount, p.won_amount) for p in self.target.period_ids],
                         [(100000, 0), (50000, 50000), (0, 0), (0, 0)])
