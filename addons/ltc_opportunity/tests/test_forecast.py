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
