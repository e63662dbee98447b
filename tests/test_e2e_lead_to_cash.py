"""Lead to cash end to end, as the mobile app and integrations meet it: a real multi-worker server
started by `./ltc demo` on a fresh copy of the test database, driven over JSON-RPC, each step as the
real user with their own login and groups.

The chain grows as the addons land: today it runs from the pool to the reports (lead → opportunity
→ registration → quote versions → discount approval → portal acceptance → contract reviewed by two
reviewers → signed → executing → three-line payment plan → the first invoice raised by the scheduled
action → partial and full payment → the second raised by hand → aging as of today equal to the
journal items → planned vs collected → lead-to-cash trace → commission on the collection → the
month closed by the accountant with zero difference).
"""
import base64
import json
import urllib.request
from datetime import date, timedelta

import pytest

from conftest import DemoServer, RpcUser, copy_db, drop_db

# the contract is signed, and its first plan line due, the day before the test runs
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
# a 1x1 PNG: what the portal's signature pad posts
SIGNATURE = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()


@pytest.fixture(scope="module")
def server(test_db):
    db = f"{test_db}_e2e"
    copy_db(test_db, db)
    srv = DemoServer(db).start()
    yield srv
    srv.stop()
    drop_db(db)


def _portal_json(server, path, params):
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
    req = urllib.request.Request(f"{server.url}{path}", json.dumps(payload).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read())


def test_lead_to_signed_order_over_json_rpc(server):
    admin = RpcUser(server, "admin")
    rep = RpcUser(server, "ltc_rep1")
    manager = RpcUser(server, "ltc_manager")

    # -- set-up by the administrator: a bundle, a component, a lead in the public pool, and big
    #    registrations reviewed by the sales manager
    pool_id = admin("ltc.lead.pool", "search", [("name", "=", "East China Public Pool")])[0]
    cpu = admin("product.product", "create", {"name": "E2E CPU", "list_price": 2000.0, "standard_price": 800.0})
    disk = admin("product.product", "create", {"name": "E2E Disk", "list_price": 1000.0, "standard_price": 400.0})
    bundle = admin("product.product", "create", {
        "name": "E2E Server", "list_price": 10000.0, "standard_price": 5000.0, "is_bundle": True,
        "bundle_line_ids": [(0, 0, {"product_id": cpu, "required": True, "quantity": 2, "min_qty": 1,
                                    "max_qty": 2, "price_mode": "included"})],
    })
    lead_id = admin("crm.lead", "create", {
        "name": "E2E cold-chain ERP", "type": "lead", "pool_id": pool_id, "user_id": False,
        "partner_name": "E2E Cold Chain Co., Ltd.", "contact_name": "Zhao Lei",
        "email_from": "zhao.lei@e2e-coldchain.example.com",
    })
    tier = admin("tier.definition", "search", [("model", "=", "ltc.opportunity.registration")])
    admin("tier.definition", "write", tier, {"review_type": "individual",
                                              "reviewer_id": manager.uid})
    erp_line = admin("ltc.product.line", "search", [("name", "=", "ERP Software")])[0]

    # -- the rep claims the pool lead, qualifies and converts it
    pooled = rep("crm.lead", "search", [("pool_id", "=", pool_id), ("user_id", "=", False)])
    assert lead_id in pooled
    rep("crm.lead", "action_claim", [lead_id])
    lead = rep("crm.lead", "read", [lead_id], ["user_id", "claimed_date", "email_from"])[0]
    assert lead["user_id"][0] == rep.uid and lead["claimed_date"]
    assert lead["email_from"] == "zhao.lei@e2e-coldchain.example.com"  # unmasked for its owner
    rep("crm.lead", "action_mark_mql", [lead_id])
    rep("crm.lead", "action_mark_sql", [lead_id])
    ctx = {"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]}
    wizard = rep("crm.lead2opportunity.partner", "create", {"name": "convert", "action": "create"}, context=ctx)
    rep("crm.lead2opportunity.partner", "action_apply", [wizard], context=ctx)
    opp = rep("crm.lead", "read", [lead_id], ["type", "lifecycle_state", "partner_id"])[0]
    assert (opp["type"], opp["lifecycle_state"]) == ("opportunity", "converted")
    partner_id = opp["partner_id"][0]

    # -- registration (报备), approved by the sales manager
    rep("crm.lead", "write", [lead_id], {"product_line_ids": [(6, 0, [erp_line])], "expected_revenue": 600000})
    rep("crm.lead", "action_register", [lead_id])
    reg_id = rep("crm.lead", "read", [lead_id], ["registration_id"])[0]["registration_id"][0]
    assert rep("ltc.opportunity.registration", "read", [reg_id], ["state"])[0]["state"] == "to_approve"
    manager("ltc.opportunity.registration", "validate_tier", [reg_id])
    assert rep("crm.lead", "read", [lead_id], ["registration_state"])[0]["registration_state"] == "approved"

    # -- a bundle quote, sent as v1, revised to v2 with a 25 % discount on the disks
    order_id = rep("sale.order", "create", {"partner_id": partner_id, "opportunity_id": lead_id,
                                          "require_signature": True, "require_payment": False})
    conf = rep("ltc.bundle.configurator", "create", {"order_id": order_id, "product_id": bundle, "quantity": 1})
    rep("ltc.bundle.configurator", "action_apply", [conf])
    rep("sale.order", "action_quotation_sent", [order_id])
    rep("sale.order", "action_revise", [order_id], "The customer wants four disks at a better price")
    rep("sale.order", "write", [order_id], {"order_line": [(0, 0, {
        "product_id": disk, "product_uom_qty": 4, "discount": 25.0})]})
    order = rep("sale.order", "read", [order_id], ["discount_approval_level", "amount_untaxed"])[0]
    assert order["discount_approval_level"] == "manager"
    # 1 server (its 2 CPUs included in its price) + 4 disks at 1,000 less 25 %
    assert order["amount_untaxed"] == pytest.approx(10000.0 + 4 * 750.0)

    # -- neither sent nor confirmed before the manager's review
    for method in ("action_quotation_sent", "action_confirm"):
        with pytest.raises(RuntimeError, match="discount approval|validated"):
            rep("sale.order", method, [order_id])
    rep("sale.order", "request_validation", [order_id])
    manager("sale.order", "validate_tier", [order_id])
    assert rep("sale.order", "read", [order_id], ["validation_status"])[0]["validation_status"] == "validated"
    rep("sale.order", "action_quotation_sent", [order_id])
    assert rep("sale.order", "read", [order_id], ["current_version"])[0]["current_version"] == 2

    # -- the customer signs in the portal: the order is confirmed
    url = rep("sale.order", "get_portal_url", [order_id])
    token = url.split("access_token=")[1].split("&")[0]
    answer = _portal_json(server, f"/my/orders/{order_id}/accept",
                          {"access_token": token, "name": "Zhao Lei", "signature": SIGNATURE})
    assert "error" not in answer and "error" not in answer["result"], answer
    order = rep("sale.order", "read", [order_id], ["state", "signed_by", "company_id", "amount_total"])[0]
    assert (order["state"], order["signed_by"]) == ("sale", "Zhao Lei")

    # -- the accepted order becomes a contract, reviewed by the sales manager and by finance (its
    #    amount is at the company's review amount), then signed with the scanned copy
    company_id = order["company_id"][0]
    admin("res.company", "write", [company_id], {"ltc_contract_review_amount": 10000.0})
    groups = [admin("ir.model.data", "check_object_reference", module, name)[1]
              for module, name in (("base", "group_user"), ("account", "group_account_manager"))]
    admin("res.users", "create", {"name": "E2E Accountant", "login": "e2e_accountant", "password": "e2e_accountant",
                                  "email": "e2e.accountant@example.com",
                                  "company_id": company_id, "company_ids": [(6, 0, [company_id])],
                                  "groups_id": [(6, 0, groups)]})
    accountant = RpcUser(server, "e2e_accountant")
    contract_id = rep("sale.order", "action_create_contract", [order_id])["res_id"]
    contract = rep("ltc.contract", "read", [contract_id], ["state", "order_id", "amount_total", "partner_id"])[0]
    assert (contract["state"], contract["order_id"][0]) == ("draft", order_id)
    assert contract["amount_total"] == pytest.approx(order["amount_total"])
    rep("ltc.contract", "action_submit", [contract_id])
    reviews = admin("tier.review", "search_read", [("model", "=", "ltc.contract"), ("res_id", "=", contract_id)],
                    ["name", "status"])
    assert sorted(r["name"] for r in reviews) == ["Contract at or above the review amount: finance",
                                                 "Contract review: sales manager"], reviews
    # the rep's own "approval" approves nothing, and nobody signs before both reviews are done
    try:
        rep("ltc.contract", "validate_tier", [contract_id])
    except RuntimeError:
        pass
    assert admin("ltc.contract", "read", [contract_id], ["state"])[0]["state"] == "review"
    manager("ltc.contract", "validate_tier", [contract_id])
    with pytest.raises(RuntimeError):  # only an approved contract is signed
        rep("ltc.contract", "action_sign", [contract_id])
    accountant("ltc.contract", "validate_tier", [contract_id])
    assert rep("ltc.contract", "read", [contract_id], ["state"])[0]["state"] == "approved"
    rep("ltc.contract", "write", [contract_id], {"date_signed": YESTERDAY, "signed_copy_name": "signed.pdf",
                                                 "signed_copy": base64.b64encode(b"%PDF-1.4 signed").decode()})
    rep("ltc.contract", "action_sign", [contract_id])
    rep("ltc.contract", "action_execute", [contract_id])
    contract = rep("ltc.contract", "read", [contract_id], ["state", "sale_order_ids", "version"])[0]
    assert (contract["state"], contract["sale_order_ids"], contract["version"]) == ("executing", [order_id], 1)

    # -- a three-line payment plan (30 % on signing, 60 % by hand, 10 % on acceptance); the rep sets
    #    it, the scheduled action raises the first invoice (Odoo's down payment on the order)
    total = order["amount_total"]
    milestone_id = rep("ltc.contract.milestone", "create", {"contract_id": contract_id, "name": "验收 Acceptance",
                                                            "date_planned": "2026-12-31"})
    rep("ltc.contract", "write", [contract_id], {"plan_line_ids": [
        (0, 0, {"name": "预付款 30%", "kind": "advance", "percentage": 30, "trigger": "date",
                "date_planned": YESTERDAY}),
        (0, 0, {"name": "进度款 60%", "kind": "progress", "percentage": 60, "trigger": "manual"}),
        (0, 0, {"name": "验收款 10%", "kind": "acceptance", "percentage": 10, "trigger": "acceptance",
                "milestone_id": milestone_id}),
    ]})
    plan = rep("ltc.payment.plan.line", "search_read", [("contract_id", "=", contract_id)],
               ["name", "amount", "user_id"], order="sequence, id")
    first_amount = round(total * 0.30, 2)
    second_amount = round(total * 0.60, 2)
    assert [p["amount"] for p in plan] == [first_amount, second_amount,
                                           round(total - first_amount - second_amount, 2)]
    assert {p["user_id"][0] for p in plan} == {rep.uid}, "the AR is responsible"
    # the rep cannot bill the order by hand, nor write what the ledger says
    with pytest.raises(RuntimeError):
        rep("ltc.payment.plan.line", "write", [plan[0]["id"]], {"payment_state": "paid"})
    cron_id = admin("ir.model.data", "check_object_reference", "ltc_receivable", "ir_cron_plan_invoicing")[1]
    admin("ir.cron", "method_direct_trigger", [cron_id])
    line = rep("ltc.payment.plan.line", "read", [plan[0]["id"]], ["invoice_id", "payment_state", "amount_residual"])[0]
    assert line["payment_state"] == "not_paid" and line["amount_residual"] == pytest.approx(first_amount)
    invoice_id = line["invoice_id"][0]

    # -- the accountant registers a partial, then the full payment: the line follows the ledger
    def pay(amount):
        ctx = {"active_model": "account.move", "active_ids": [invoice_id]}
        wizard = accountant("account.payment.register", "create",
                            {"amount": amount, "payment_difference_handling": "open"}, context=ctx)
        accountant("account.payment.register", "action_create_payments", [wizard], context=ctx)

    pay(1000.0)
    line = rep("ltc.payment.plan.line", "read", [plan[0]["id"]], ["payment_state", "amount_paid", "amount_residual"])[0]
    assert (line["payment_state"], line["amount_paid"]) == ("partial", 1000.0)
    assert line["amount_residual"] == pytest.approx(first_amount - 1000.0)
    pay(round(first_amount - 1000.0, 2))
    line = rep("ltc.payment.plan.line", "read", [plan[0]["id"]], ["payment_state", "date_paid"])[0]
    assert line["payment_state"] == "paid" and line["date_paid"]
    figures = rep("ltc.contract", "read", [contract_id], ["amount_collected", "amount_outstanding"])[0]
    assert figures["amount_collected"] == pytest.approx(first_amount)
    assert figures["amount_outstanding"] == pytest.approx(0.0)
    # the second line by hand, as the AR
    rep("ltc.payment.plan.line", "action_raise_invoice", [plan[1]["id"]])
    figures = rep("ltc.contract", "read", [contract_id], ["amount_plan_invoiced", "amount_outstanding"])[0]
    assert figures["amount_plan_invoiced"] == pytest.approx(first_amount + second_amount)
    assert figures["amount_outstanding"] == pytest.approx(second_amount)

    # -- the reports read the same ledger. The accountant ages the customer's receivables as of today:
    #    what is open is the second invoice, and the aging equals the journal items' residuals
    today = admin("ltc.report.aging", "search_read", [], ["as_of"], limit=1)[0]["as_of"]
    aging = accountant("ltc.report.aging", "read_group", [("contract_id", "=", contract_id)], ["residual:sum"], [],
                       context={"ltc_as_of": today})
    ledger = accountant("account.move.line", "read_group",
                        [("move_id.ltc_contract_id", "=", contract_id), ("parent_state", "=", "posted"),
                         ("account_id.account_type", "=", "asset_receivable")], ["amount_residual:sum"], [])
    assert aging[0]["residual"] == pytest.approx(second_amount)
    assert aging[0]["residual"] == pytest.approx(ledger[0]["amount_residual"])
    # the rep sees their contract's collections, planned vs collected, and nobody else's rows
    collected = rep("ltc.report.collection", "read_group", [("contract_id", "=", contract_id)],
                    ["planned_amount:sum", "collected_amount:sum"], [])
    assert collected[0]["collected_amount"] == pytest.approx(first_amount)
    assert collected[0]["planned_amount"] == pytest.approx(first_amount + second_amount)
    assert {row["user_id"][0] for row in rep("ltc.report.aging", "search_read", [], ["user_id"],
                                              context={"ltc_as_of": today})} <= {rep.uid}
    # the lead-to-cash trace from the contract: lead, quote and its versions, contract, plan, invoices, payments
    trace_id = rep("ltc.trace", "action_trace", "ltc.contract", contract_id)["res_id"]
    kinds = [line["kind"] for line in rep("ltc.trace.line", "search_read", [("trace_id", "=", trace_id)], ["kind"])]
    assert kinds.count("plan_line") == 3 and kinds.count("invoice") == 2 and kinds.count("payment") == 2
    assert {"opportunity", "quotation", "quotation_version", "contract"} <= set(kinds)
    # commission on the collection, computed by the accountant, read by the rep: the AR's share of it
    statement_id = accountant("ltc.commission.statement", "create",
                              {"user_id": rep.uid, "date_from": today[:8] + "01", "date_to": today})
    accountant("ltc.commission.statement", "action_compute", [statement_id])
    lines = rep("ltc.commission.statement.line", "search_read", [("statement_id", "=", statement_id)],
                ["base", "share"])
    assert lines and sum(line["base"] for line in lines) == pytest.approx(
        sum(round(amount * lines[0]["share"] / 100.0, 2) for amount in (1000.0, round(first_amount - 1000.0, 2))))
    with pytest.raises(RuntimeError):  # nobody edits a snapshot or a report row
        rep("ltc.forecast.snapshot", "create", {"target_id": 1, "company_id": 1, "date_from": today, "date_to": today,
                                                "date_snapshot": today + " 00:00:00"})

    # -- the month closes (月结) as the accountant: per contract billed / collected / outstanding from the
    #    ledger, their total equal to the GL receivable of the contracts' customers (zero difference),
    #    nothing left on the checklist; then the snapshot is frozen and sales are locked to the period end
    #    (the period: from the first of the month of the first invoice, dated yesterday by the trigger)
    close_id = accountant("ltc.period.close", "create", {"date_from": YESTERDAY[:8] + "01", "date_to": today})
    accountant("ltc.period.close", "action_compute", [close_id])
    close = accountant("ltc.period.close", "read", [close_id],
                       ["difference", "gl_balance", "outstanding", "draft_invoice_ids", "triggered_line_ids"])[0]
    row = accountant("ltc.period.close.line", "search_read",
                     [("close_id", "=", close_id), ("contract_id", "=", contract_id)],
                     ["billed", "collected", "outstanding"])
    assert len(row) == 1
    assert row[0]["billed"] == pytest.approx(first_amount + second_amount)
    assert row[0]["collected"] == pytest.approx(first_amount)
    assert row[0]["outstanding"] == pytest.approx(second_amount)
    assert close["difference"] == pytest.approx(0.0) and close["gl_balance"] == pytest.approx(close["outstanding"])
    assert not close["draft_invoice_ids"] and not close["triggered_line_ids"]
    with pytest.raises(RuntimeError):  # the rep does not close the books
        rep("ltc.period.close", "action_close", [close_id])
    accountant("ltc.period.close", "action_close", [close_id])
    assert accountant("ltc.period.close", "read", [close_id], ["state"])[0]["state"] == "closed"
    assert admin("res.company", "read", [company_id], ["sale_lock_date"])[0]["sale_lock_date"] == today
    with pytest.raises(RuntimeError):  # a closed period's snapshot is kept
        accountant("ltc.period.close", "write", [close_id], {"difference": 1.0})

    # the server stayed healthy through the whole flow
    assert not [line for line in server.log().splitlines() if " ERROR " in line or " CRITICAL " in line]
