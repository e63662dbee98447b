"""Who may create, read, write and delete what: every LTC model against every role, as one table.

Each cell is a "crud" string: ``c`` create, ``r`` read, ``w`` write, ``u`` unlink (delete), ``-`` refused.
Read means every read path agrees: ``search``, ``search_read``, ``read_group``, ``name_search``,
``read`` and ``export_data`` all return the record, or all refuse it (AccessError or nothing). A
refusal of create raises AccessError; of write or unlink AccessError or UserError. Every attempt runs
in a savepoint that is rolled back, allowed or not, so one cell never changes the data of the next.
"""
import io
import logging
from datetime import timedelta

import openpyxl

from odoo import Command, fields
from odoo.addons.ltc_contract.tests.common import SIGNED_COPY
from odoo.addons.ltc_receivable.tests.common import LtcReceivableCommon
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

_logger = logging.getLogger(__name__)
TODAY = fields.Date.today()

ROLES = ("rep", "other_rep", "sr", "manager", "vp", "accountant", "other_company", "portal")

# model (fixture key) → expected crud per role, in the order of ROLES. The records are the rep's own
# (an opportunity whose solution user is the SR, a contract signed and executing, its first plan line
# invoiced, the rep's commission statement ...), in the first company.
MATRIX = {
    # fixture           rep     other_rep sr      manager vp      account other_co portal
    "lead":            ("????", "????", "????", "????", "????", "????", "????", "????"),
    "opportunity":     ("????", "????", "????", "????", "????", "????", "????", "????"),
    "pool":            ("????", "????", "????", "????", "????", "????", "????", "????"),
    "pool_log":        ("????", "????", "????", "????", "????", "????", "????", "????"),
    "sales_target":    ("????", "????", "????", "????", "????", "????", "????", "????"),
    "registration":    ("????", "????", "????", "????", "????", "????", "????", "????"),
    "quote":           ("????", "????", "????", "????", "????", "????", "????", "????"),
    "quote_version":   ("????", "????", "????", "????", "????", "????", "????", "????"),
    "contract":        ("????", "????", "????", "????", "????", "????", "????", "????"),
    "contract_version": ("????", "????", "????", "????", "????", "????", "????", "????"),
    "milestone":       ("????", "????", "????", "????", "????", "????", "????", "????"),
    "plan_line":       ("????", "????", "????", "????", "????", "????", "????", "????"),
    "invoice":         ("????", "????", "????", "????", "????", "????", "????", "????"),
    "statement":       ("????", "????", "????", "????", "????", "????", "????", "????"),
    "period_close":    ("????", "????", "????", "????", "????", "????", "????", "????"),
    "aging":           ("????", "????", "????", "????", "????", "????", "????", "????"),
    "funnel":          ("????", "????", "????", "????", "????", "????", "????", "????"),
    "collection":      ("????", "????", "????", "????", "????", "????", "????", "????"),
    "snapshot":        ("????", "????", "????", "????", "????", "????", "????", "????"),
    "campaign_cost":   ("????", "????", "????", "????", "????", "????", "????", "????"),
}

# XLSX reports of ltc_reports: report → expected per role: "y" the rows are rendered, "-" refused
# (AccessError) or no data rows.
XLSX_MATRIX = {
    # report (fixture)                                   rep  other sr   mgr  vp   acct other_co portal
    ("ltc_reports.report_ltc_report_aging_xlsx", "aging"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_report_collection_xlsx", "collection"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_report_funnel_xlsx", "funnel"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_forecast_snapshot_xlsx", "snapshot"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_contract_xlsx", "contract"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_payment_plan_line_xlsx", "plan_line"): ("?", "?", "?", "?", "?", "?", "?", "?"),
    ("ltc_reports.report_ltc_commission_statement_xlsx", "statement"): ("?", "?", "?", "?", "?", "?", "?", "?"),
}


class _Rollback(Exception):
    """Raised at the end of an allowed attempt to roll its savepoint back."""


@tagged("post_install", "-at_install")
class TestSecurityMatrix(LtcReceivableCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        company = cls.company
        # roles: the fixtures' AR (rep), SR, other rep, manager, VP and accountant; the rep and the SR
        # in the manager's team, the other rep in another team; a user of another company with the
        # same groups as a rep and billing; a portal user of the customer
        cls.team = env["crm.team"].create({"name": "LTC SM East", "user_id": cls.manager.id,
                                           "member_ids": [Command.set((cls.rep | cls.sr).ids)]})
        cls.other_team = env["crm.team"].create({"name": "LTC SM West",
                                                 "member_ids": [Command.set(cls.other_rep.ids)]})
        cls.rep.sale_team_id = cls.team
        cls.sr.sale_team_id = cls.team
        cls.other_rep.sale_team_id = cls.other_team
        cls.other_co_user = new_test_user(
            env, login="ltc_sm_other_co", name="Other Co Billing Rep", company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
            groups="base.group_user,sales_team.group_sale_salesman,account.group_account_invoice")
        cls.portal_partner = env["res.partner"].create({"name": "East Power Buyer", "parent_id": cls.customer.id,
                                                        "email": "buyer@eastpower.example.com"})
        cls.portal = new_test_user(env, login="ltc_sm_portal", name="East Power Buyer", groups="base.group_portal",
                                   partner_id=cls.portal_partner.id)
        cls.users = {"rep": cls.rep, "other_rep": cls.other_rep, "sr": cls.sr, "manager": cls.manager,
                     "vp": cls.vp, "accountant": cls.accountant, "other_company": cls.other_co_user,
                     "portal": cls.portal}

        # the rep's records, one of each model
        cls.campaign = env["utm.campaign"].create({"name": "LTC SM Expo"})
        cls.lead = env["crm.lead"].with_user(cls.rep).create({
            "name": "LTC SM Lead", "type": "lead", "user_id": cls.rep.id, "team_id": cls.team.id,
            "campaign_id": cls.campaign.id})
        cls.opportunity = env["crm.lead"].with_user(cls.rep).create({
            "name": "LTC SM Opportunity", "type": "opportunity", "user_id": cls.rep.id, "team_id": cls.team.id,
            "partner_id": cls.customer.id, "expected_revenue": 22000.0,
            "solution_user_id": cls.sr.id, "fulfilment_user_id": cls.fr.id})
        cls.pool = env["ltc.lead.pool"].create({"name": "LTC SM Pool", "team_ids": [Command.set(cls.team.ids)],
                                                "manager_ids": [Command.set(cls.manager.ids)]})
        cls.pool_log = env["ltc.lead.pool.log"].create({
            "pool_id": cls.pool.id, "res_model": "crm.lead", "res_id": cls.lead.id, "action": "claim",
            "user_id": cls.rep.id})
        cls.target = env["ltc.sales.target"].create({
            "user_id": cls.rep.id, "team_id": cls.team.id, "date_from": TODAY - timedelta(days=30),
            "date_to": TODAY + timedelta(days=60), "amount": 100000.0})
        cls.registration = env["ltc.opportunity.registration"].with_user(cls.rep).create(
            {"lead_id": cls.opportunity.id})
        # a second opportunity of the rep, not registered yet: what a new registration is made for
        cls.opportunity_2 = env["crm.lead"].with_user(cls.rep).create({
            "name": "LTC SM Opportunity 2", "type": "opportunity", "user_id": cls.rep.id, "team_id": cls.team.id,
            "partner_id": cls.customer.id})
        # an executing contract from the rep's quote, its first plan line invoiced today
        cls.contract = cls._sm_contract()
        cls.quote = cls.contract.order_id
        cls.quote_version = cls.quote.version_ids[:1] or env["ltc.quote.version"].sudo().create(
            cls.quote._prepare_quote_version_vals())
        cls.contract_version = cls.contract.version_ids[:1]
        cls.milestone = env["ltc.contract.milestone"].with_user(cls.fr).create({
            "contract_id": cls.contract.id, "name": "Delivery", "date_planned": TODAY + timedelta(days=10)})
        env["ltc.payment.plan.line"]._cron_raise_due_invoices()
        cls.plan_line = cls.contract.plan_line_ids.sorted("sequence")[0]
        cls.invoice = cls.plan_line.invoice_id
        cls.statement = env["ltc.commission.statement"].with_user(cls.manager).create({
            "user_id": cls.rep.id, "date_from": TODAY - timedelta(days=5), "date_to": TODAY + timedelta(days=5)})
        cls.period_close = env["ltc.period.close"].with_user(cls.finance).create({
            "date_from": TODAY - timedelta(days=30), "date_to": TODAY})
        cls.snapshot = env["ltc.forecast.snapshot"].sudo().create({
            "target_id": cls.target.id, "user_id": cls.rep.id, "team_id": cls.team.id,
            "company_id": company.id, "date_from": cls.target.date_from, "date_to": cls.target.date_to,
            "date_snapshot": fields.Datetime.now(), "target_amount": 100000.0})
        cls.campaign_cost = env["ltc.campaign.cost"].create({
            "name": "Booth", "campaign_id": cls.campaign.id, "amount": 5000.0})
        env.flush_all()
        cls.aging = env["ltc.report.aging"].search([("move_id", "=", cls.invoice.id)])
        cls.funnel = env["ltc.report.funnel"].search([("lead_id", "=", cls.lead.id)])
        cls.collection = env["ltc.report.collection"].search([("plan_line_id", "=", cls.plan_line.id)])

    @classmethod
    def _sm_contract(cls):
        """The rep's quote (SR and FR set) become a contract with a two-line plan, reviewed, signed and
        executing (LtcContractFixtures._sign without its assertions, which need an instance)."""
        contract = cls._contract_from_quote(cls._create_quote())
        contract.write({"plan_line_ids": [
            Command.create({"name": "Advance 30%", "percentage": 30, "trigger": "date", "date_planned": TODAY}),
            Command.create({"name": "Rest 70%", "percentage": 70, "trigger": "manual"})]})
        contract.with_user(cls.rep).action_submit()
        for reviewer in (cls.manager, cls.finance, cls.vp):
            if contract.review_ids.filtered(lambda r, u=reviewer: r.status in ("waiting", "pending")
                                            and u in r.reviewer_ids):
                contract.with_user(reviewer).validate_tier()
        contract.with_user(cls.rep).write({"date_signed": TODAY, "signed_copy": SIGNED_COPY,
                                           "signed_copy_name": "signed.pdf"})
        contract.with_user(cls.rep).action_sign()
        contract.with_user(cls.fr).action_execute()
        return contract

    # ------------------------------------------------------------------ the cases, one per MATRIX row

    def _cases(self):
        """key → (record, create vals, write vals); the write vals put back the record's own value (a
        harmless write: what is checked is whether the user may write at all)."""
        c = self
        currency = c.company.currency_id.id
        period = {"date_from": TODAY - timedelta(days=3), "date_to": TODAY + timedelta(days=3)}
        return {
            "lead": (c.lead, {"name": "SM new lead", "type": "lead"}, {"name": c.lead.name}),
            "opportunity": (c.opportunity, {"name": "SM new opportunity", "type": "opportunity",
                                            "partner_id": c.customer.id}, {"name": c.opportunity.name}),
            "pool": (c.pool, {"name": "SM new pool"}, {"name": c.pool.name}),
            "pool_log": (c.pool_log, {"pool_id": c.pool.id, "res_model": "crm.lead", "res_id": c.lead.id,
                                      "action": "release"}, {"reason": c.pool_log.reason}),
            "sales_target": (c.target, {"user_id": c.rep.id, "amount": 1000.0, **period},
                             {"split_period": c.target.split_period}),
            "registration": (c.registration, {"lead_id": c.opportunity_2.id}, {"note": c.registration.note}),
            "quote": (c.quote, {"partner_id": c.customer.id}, {"client_order_ref": c.quote.client_order_ref}),
            "quote_version": (c.quote_version, {"order_id": c.quote.id, "currency_id": currency, "version": 99},
                              {"reason": c.quote_version.reason}),
            "contract": (c.contract, {"partner_id": c.customer.id, "type_id": c.order_type.id,
                                      "currency_id": currency}, {"title": c.contract.title}),
            "contract_version": (c.contract_version, {"contract_id": c.contract.id, "currency_id": currency,
                                                      "version": 99}, {"reason": c.contract_version.reason}),
            "milestone": (c.milestone, {"contract_id": c.contract.id, "name": "Acceptance",
                                        "date_planned": TODAY + timedelta(days=20)}, {"name": c.milestone.name}),
            "plan_line": (c.plan_line, {"contract_id": c.contract.id, "name": "Extra", "percentage": 0.0,
                                        "trigger": "manual"}, {"name": c.plan_line.name}),
            "invoice": (c.invoice, {"move_type": "out_invoice", "partner_id": c.customer.id},
                        {"ref": c.invoice.ref}),
            "statement": (c.statement, {"user_id": c.rep.id, **period}, {"date_to": c.statement.date_to}),
            "period_close": (c.period_close, dict(period), {"date_to": c.period_close.date_to}),
            "aging": (c.aging, {"move_line_id": c.aging.move_line_id.id}, {"as_of": c.aging.as_of}),
            "funnel": (c.funnel, {"lead_id": c.lead.id}, {"date": c.funnel.date}),
            "collection": (c.collection, {"plan_line_id": c.plan_line.id}, {"company_id": c.company.id}),
            "snapshot": (c.snapshot, {"target_id": c.target.id, "company_id": c.company.id,
                                      "date_snapshot": fields.Datetime.now(), **period},
                         {"date_to": c.snapshot.date_to}),
            "campaign_cost": (c.campaign_cost, {"name": "Flyers", "campaign_id": c.campaign.id, "amount": 800.0},
                              {"name": c.campaign_cost.name}),
        }

    # ------------------------------------------------------------------ probes

    def _attempt(self, operation):
        """True when `operation` succeeds (then rolled back), False when refused."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            return True
        except (AccessError, UserError, ValidationError):
            return False

    def _can_read(self, record, user):
        """'r' when every read path returns the record, '-' when all refuse it, else which paths disagree."""
        Model = self.env[record._name].with_user(user)
        domain = [("id", "=", record.id)]
        paths = {
            "search": lambda: Model.search(domain).ids == record.ids,
            "search_read": lambda: [r["id"] for r in Model.search_read(domain, ["id"])] == record.ids,
            "read_group": lambda: sum(g["__count"] for g in Model.read_group(domain, ["__count"], [])) == 1,
            "name_search": lambda: [r[0] for r in Model.name_search("", domain, limit=None)] == record.ids,
            "read": lambda: bool(record.with_user(user).read(["display_name"])),
            "export": lambda: bool(record.with_user(user).export_data(["id"])["datas"]),
        }
        seen = {}
        for name, path in paths.items():
            try:
                seen[name] = path()
            except AccessError:
                seen[name] = False
            finally:
                self.env.invalidate_all()
        if all(seen.values()):
            return "r"
        if not any(seen.values()):
            return "-"
        return "?(%s)" % ",".join(sorted(name for name, ok in seen.items() if ok))

    def _probe(self, record, create_vals, write_vals, user):
        Model = self.env[record._name].with_user(user)
        crud = "c" if create_vals is not None and self._attempt(lambda: Model.create(create_vals)) else "-"
        crud += self._can_read(record, user)
        crud += "w" if self._attempt(lambda: record.with_user(user).write(write_vals)) else "-"
        crud += "u" if self._attempt(lambda: record.with_user(user).unlink()) else "-"
        self.assertTrue(record.exists())
        return crud

    # ------------------------------------------------------------------ the tests

    def test_matrix_rows_have_a_fixture_and_a_cell_per_role(self):
        self.assertEqual(set(MATRIX), set(self._cases()))
        for key, cells in MATRIX.items():
            self.assertEqual(len(cells), len(ROLES), key)

    def test_security_matrix(self):
        cases = self._cases()
        actual = {}
        for key, expected_cells in MATRIX.items():
            record, create_vals, write_vals = cases[key]
            self.assertTrue(record, f"no {key} fixture")
            actual[key] = []
            for role, expected in zip(ROLES, expected_cells, strict=True):
                got = self._probe(record, create_vals, write_vals, self.users[role])
                actual[key].append(got)
                with self.subTest(model=key, role=role):
                    self.assertEqual(got, expected)
        self._log_matrix(actual)

    def _xlsx_rows(self, report, record, user):
        """Data rows the user gets in the report of `record`; 0 when refused."""
        try:
            content, __ = self.env["ir.actions.report"].with_user(user)._render(report, record.ids)
        except AccessError:
            return 0
        finally:
            self.env.invalidate_all()
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        return sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in row))

    def test_xlsx_reports_render_only_what_the_user_may_read(self):
        cases = self._cases()
        actual = {}
        for (report, key), expected_cells in XLSX_MATRIX.items():
            record = cases[key][0]
            actual[report.split(".")[-1]] = []
            for role, expected in zip(ROLES, expected_cells, strict=True):
                got = "y" if self._xlsx_rows(report, record, self.users[role]) else "-"
                actual[report.split(".")[-1]].append(got)
                with self.subTest(report=report, role=role):
                    self.assertEqual(got, expected)
        self._log_matrix(actual)

    def _log_matrix(self, actual):
        lines = ["%-36s %s" % ("", " ".join("%-13s" % r for r in ROLES))]
        for key, cells in actual.items():
            lines.append("%-36s %s" % (key, " ".join("%-13s" % repr(c) for c in cells)))
        _logger.info("security matrix as found:\n%s", "\n".join(lines))
