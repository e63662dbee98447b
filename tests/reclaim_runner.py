"""A separate Odoo process for tests/test_contention.py: it builds the registry of a database and
sets up or runs the pool reclaim job there, so that the test can kill it or run two at once.

    python tests/reclaim_runner.py DB setup LEADS BATCH   pool of LEADS owned leads idle 20 days; prints its id
    python tests/reclaim_runner.py DB cron                 the scheduled action, run as a cron worker runs it
                                                           (ir.cron._process_jobs) until it is no longer due
    python tests/reclaim_runner.py DB direct               the job's method called again and again, each call
                                                           in its own transaction retried on serialisation
                                                           failures as an RPC call is ("Run Manually"),
                                                           until a call returns nothing; prints its total.
                                                           With LTC_GO_FILE set, it starts once that file
                                                           exists (after creating LTC_GO_FILE.ready.<pid>)
"""
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(db, mode, *args):
    os.chdir(ROOT)
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service.model import retrying  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", "odoo.conf", "-d", db, "--workers=0", "--max-cron-threads=0",
                                    "--log-level=warn"])
    registry = Registry(db)

    if mode == "setup":
        leads, batch = int(args[0]), int(args[1])
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            reps = env["res.users"].search([("login", "in", ["ltc_rep1", "ltc_rep2", "ltc_rep3"])])
            pool = env["ltc.lead.pool"].create({
                "name": "Crash Test Pool", "user_ids": [(6, 0, reps.ids)],
                "manager_ids": [(6, 0, [env.ref("base.user_admin").id])],
                "max_open_per_rep": 0, "reclaim_no_follow_up_days": 10, "reclaim_not_converted_days": 0,
                "cooldown_days": 0, "mask_contact": False,
            })
            env["crm.lead"].create([{
                "name": f"Crash {i:04d}", "type": "lead", "pool_id": pool.id, "user_id": reps[i % len(reps)].id,
            } for i in range(leads)])
            env.flush_all()
            # claimed 20 days ago, never followed up: every lead is due under the 10-day rule
            cr.execute("""UPDATE crm_lead
                             SET claimed_date = (now() AT TIME ZONE 'UTC') - interval '20 days' - id * interval '1 second',
                                 date_open = (now() AT TIME ZONE 'UTC') - interval '20 days',
                                 last_follow_up_date = NULL, first_follow_up_date = NULL
                           WHERE pool_id = %s""", [pool.id])
            env["ir.config_parameter"].set_param("ltc_lead.reclaim_batch_size", batch)
            # only the reclaim job is due (the demo's other jobs would run in the same process)
            cron = env.ref("ltc_lead.ir_cron_reclaim_leads")
            cr.execute("UPDATE ir_cron SET active = (id = %s)", [cron.id])
            print(pool.id)
    elif mode == "cron":
        with registry.cursor() as cr:
            cron_id = api.Environment(cr, SUPERUSER_ID, {}).ref("ltc_lead.ir_cron_reclaim_leads").id
        while True:
            registry["ir.cron"]._process_jobs(db)
            with registry.cursor() as cr:
                cr.execute("SELECT nextcall <= (now() AT TIME ZONE 'UTC') FROM ir_cron WHERE id = %s", [cron_id])
                if not cr.fetchone()[0]:
                    break
    elif mode == "direct":
        if go := os.environ.get("LTC_GO_FILE"):
            # registry loaded: tell the test, and start when it says so (two runs start together)
            open(f"{go}.ready.{os.getpid()}", "w").close()
            while not os.path.exists(go):
                time.sleep(0.01)
        total = 0
        while True:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                done = retrying(lambda env=env: env["ltc.lead.pool"]._cron_reclaim_leads(), env)
            total += done
            if not done:
                break
        print(total)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(*sys.argv[1:])
