"""A separate Odoo process for tests/test_plan_contention.py: it builds the registry of a database
and sets up or runs the payment plan invoicing job there, so that the test can run two at once or
kill one.

    python tests/plan_runner.py DB setup N    N executing contracts, each with a plan line due yesterday
    python tests/plan_runner.py DB direct B   the job's method called again and again with batches of B,
                                              each call in its own transaction retried on serialisation
                                              failures as an RPC call is, until a call invoices nothing;
                                              prints its total. With LTC_GO_FILE set, it starts once that
                                              file exists (after creating LTC_GO_FILE.ready.<pid>)
"""
import os
import sys
import time
from datetime import timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(db, mode, *args):
    os.chdir(ROOT)
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service.model import retrying  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", "odoo.conf", "-d", db, "--workers=0", "--max-cron-threads=0",
                                    "--log-level=warn"])
    registry = Registry(db)

    if mode == "setup":
        from odoo.addons.ltc_lead.guard import guarded  # noqa: PLC0415

        count = int(args[0])
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True,
                                                     "mail_notrack": True})
            partner = env["res.partner"].create({"name": "Plan Crash Test Customer", "is_company": True})
            product = env["product.product"].create({"name": "Plan Crash Test Product", "list_price": 1000.0,
                                                     "taxes_id": [(5, 0, 0)]})
            yesterday = fields.Date.today() - timedelta(days=1)
            for __ in range(count):
                order = env["sale.order"].create({"partner_id": partner.id, "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 1000.0})]})
                order.action_confirm()
                contract = env["ltc.contract"].browse(order.action_create_contract()["res_id"])
                guarded(contract).write({"state": "executing", "date_signed": yesterday})
                env["ltc.payment.plan.line"].create({"contract_id": contract.id, "name": "All at once",
                                                     "percentage": 100, "trigger": "date",
                                                     "date_planned": yesterday})
            env.flush_all()
            print(partner.id)
    elif mode == "direct":
        batch = int(args[0])
        if go := os.environ.get("LTC_GO_FILE"):
            open(f"{go}.ready.{os.getpid()}", "w").close()
            while not os.path.exists(go):
                time.sleep(0.01)
        total = 0
        while True:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                done = retrying(lambda env=env: env["ltc.payment.plan.line"]._cron_raise_due_invoices(batch), env)
            total += done
            if not done:
                break
        print(total)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(*sys.argv[1:])
