#!/usr/bin/env python3
"""``./ltc bench`` — benchmarks that print ratios measured in one run (not timed tests).

reclaim  leads in a pool (default 200,000), some due (20,000): one cron run (our set-based batches,
         committed per batch) vs one raw SQL UPDATE of the same rows (and with the log rows) vs a
         per-record ORM ``write`` loop (on a sample, extrapolated).
import   XLSX rows (100,000) of which 10 % duplicate existing leads → rows/s through the wizard (read,
         validate, dedup, create, result workbook), wall clock and per CPU second (Odoo + PostgreSQL);
         the naive ORM ``create`` loop on a sample, extrapolated.
milestones executing contracts (20,000) with milestones (100,000), 10 % past due: the late milestone
         cron (mark late, one activity per contract and responsible, risk update; batches committed)
         vs raw SQL doing the same three things vs a per-record ORM loop (sample, extrapolated).
plan_invoicing executing contracts with a due plan line (400): the plan invoicing cron (committed
         batches of 200) vs Odoo's own sale.advance.payment.inv making the same down payments on twin
         orders, one wizard per order (per-invoice cost, medians over batches / chunks, memory).
escalation open plan lines (100,000): the escalation job's selection of the lines crossing a
         threshold vs raw SQL selecting the same lines.
aging    receivable journal items (300,000) with partial reconciliations (90,000): the aging
         report's buckets as of a date vs one raw SQL query giving the same buckets vs Odoo's ORM
         _read_group over the same lines; the totals are checked equal to the GL.
funnel   leads (300,000): the funnel report's step counts per source vs a raw SQL GROUP BY.

Usage: ./ltc bench [reclaim|import|milestones|plan_invoicing|escalation|aging|funnel|all]
                   [--leads N] [--due N] [--rows N] [--rounds N] [--contracts N] [--milestones N]
                   [--plans N] [--plan-sample N] [--plan-reuse] [--lines N] [--items N] [--partials N]
                   [--funnel-leads N] [--db NAME] [--keep-db]
The default sizes (in brackets above) make `all` run in about 30-40 minutes on the 2-core reference
machine; the flags give bigger sizes. Every benchmark runs on one database (default ltc_bench) with
all the LTC addons (ALL_ADDONS) and their demo data, as users run them — created when missing,
dropped at the end unless --keep-db. Each variant runs --rounds times (default 3); the closing table
shows the median of the runs and their spread, the naive ORM loop (measured, or extrapolated from a
sample), the ratios, the peak memory of the process and the machine with its load average.
"""
import argparse
import base64
import io
import os
import random
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)


def rss_mb():
    """Peak resident memory of the process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now_mb():
    """Resident memory of the process now (MB)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ensure_db(db, addon="ltc_lead", demo=False):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        exists = cr.fetchone()
    conn.close()
    if not exists:
        print(f"creating {db} with {addon} ({'with' if demo else 'no'} demo data) …", flush=True)
        subprocess.run([sys.executable, "-m", "odoo", "-c", "odoo.conf", "-d", db, "-i", addon,
                        *([] if demo else ["--without-demo=all"]), "--workers=0", "--max-cron-threads=0",
                        "--stop-after-init", "--log-level=warn"], check=True)


def backend_cpu(cr):
    """CPU seconds used so far by the PostgreSQL backend serving `cr` (same machine): with the
    process's own CPU time, the work done whatever the other processes' load."""
    cr.execute("SELECT pg_backend_pid()")
    pid = cr.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drop_db(db):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    conn.close()


_REGISTRIES = {}


def odoo_env(db):
    """The registry of `db`; Odoo's configuration is parsed once per process (a second parse fails)."""
    import odoo  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    if db not in _REGISTRIES:
        if not _REGISTRIES:
            config.parse_config(["-c", "odoo.conf", "-d", db, "--log-level=warn", "--workers=0"])
            odoo.modules.module.initialize_sys_path()
        _REGISTRIES[db] = odoo.modules.registry.Registry(db)
    return _REGISTRIES[db]


def vacuum(db, table, full=False):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(dbname=db)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f"VACUUM {'FULL ' if full else ''}ANALYZE {table}")
    conn.close()


# ---------------------------------------------------------------------------------------- reclaim
def bench_reclaim(db, n_leads, n_due, rounds=2):
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = odoo_env(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        company = env.company
        env["ltc.lead.pool"].search([("name", "=", "Bench Pool")]).with_context(active_test=False).unlink()
        cr.execute("DELETE FROM crm_lead WHERE name LIKE 'bench %%'")
        reps = env["res.users"].search([("login", "like", "bench_rep_%")])
        if len(reps) < 20:
            reps |= env["res.users"].create([{"name": f"Bench Rep {i}", "login": f"bench_rep_{i}"}
                                             for i in range(len(reps), 20)])
        pool = env["ltc.lead.pool"].create({
            "name": "Bench Pool", "user_ids": [(6, 0, reps.ids)], "max_open_per_rep": 0,
            "reclaim_no_follow_up_days": 10, "reclaim_not_converted_days": 0, "cooldown_days": 0,
        })
        env["ir.config_parameter"].set_param("ltc_lead.reclaim_batch_size", 10000)
        cr.commit()
        print(f"inserting {n_leads:,} leads ({n_due:,} due) …", flush=True)
        t0 = time.time()
        rep_ids = reps.ids
        cr.execute("""
            INSERT INTO crm_lead (name, type, active, lifecycle_state, company_id, pool_id, user_id,
                                  claimed_date, last_follow_up_date, reclaim_count, create_date, write_date,
                                  create_uid, write_uid)
            SELECT 'bench ' || g, 'lead', true, 'raw', %(company)s, %(pool)s,
                   (%(reps)s::int[])[1 + g %% %(nreps)s],
                   CASE WHEN g <= %(due)s THEN now() - interval '20 days' ELSE now() - interval '2 days' END,
                   CASE WHEN g <= %(due)s THEN now() - interval '15 days' ELSE now() - interval '1 day' END,
                   0, now(), now(), 1, 1
              FROM generate_series(1, %(n)s) g
        """, {"company": company.id, "pool": pool.id, "reps": rep_ids, "nreps": len(rep_ids), "due": n_due,
              "n": n_leads})
        cr.commit()
        print(f"  inserted in {time.time() - t0:.1f}s", flush=True)
        pool_id = pool.id
    vacuum(db, "crm_lead", full=True)

    def reset():
        with registry.cursor() as cr:
            cr.execute("""UPDATE crm_lead SET user_id = (%(reps)s::int[])[1 + id %% %(nreps)s],
                                 claimed_date = now() - interval '20 days',
                                 last_follow_up_date = now() - interval '15 days'
                           WHERE pool_id = %(pool)s AND user_id IS NULL""",
                       {"reps": rep_ids, "nreps": len(rep_ids), "pool": pool_id})
            cr.execute("DELETE FROM ltc_lead_pool_log WHERE pool_id = %s", [pool_id])
            cr.execute("DELETE FROM mail_message WHERE model = 'ltc.lead.pool' AND res_id = %s", [pool_id])
            cr.commit()
        # every variant starts from the same compact table (no dead rows, rebuilt indexes)
        vacuum(db, "crm_lead", full=True)
        vacuum(db, "ltc_lead_pool_log", full=True)

    def raw_update():
        """One UPDATE of exactly the due rows."""
        with registry.cursor() as cr:
            t0 = time.time()
            cr.execute("""
                UPDATE crm_lead SET user_id = NULL, date_open = NULL, claimed_date = NULL,
                       reclaim_count = reclaim_count + 1, write_date = now()
                 WHERE pool_id = %s AND user_id IS NOT NULL AND type = 'lead' AND active
                   AND lifecycle_state NOT IN ('converted', 'invalid')
                   AND COALESCE(last_follow_up_date, claimed_date, date_open) <= now() - interval '10 days'
            """, [pool_id])
            rows = cr.rowcount
            cr.commit()
            return time.time() - t0, rows

    def raw_update_log():
        """The same UPDATE plus one log row per reclaimed lead: the work the cron must do, in raw SQL."""
        with registry.cursor() as cr:
            t0 = time.time()
            cr.execute("""
                WITH done AS (
                    UPDATE crm_lead l SET user_id = NULL, date_open = NULL, claimed_date = NULL,
                           reclaim_count = l.reclaim_count + 1, write_date = now()
                      FROM crm_lead o
                     WHERE o.id = l.id AND l.pool_id = %(pool)s AND l.user_id IS NOT NULL AND l.type = 'lead'
                       AND l.active AND l.lifecycle_state NOT IN ('converted', 'invalid')
                       AND COALESCE(l.last_follow_up_date, l.claimed_date, l.date_open) <= now() - interval '10 days'
                 RETURNING l.id, o.user_id
                )
                INSERT INTO ltc_lead_pool_log (pool_id, res_model, res_id, user_id, action, reason, date)
                SELECT %(pool)s, 'crm.lead', id, user_id, 'reclaim', 'no follow-up', now() FROM done
            """, {"pool": pool_id})
            rows = cr.rowcount
            cr.commit()
            return time.time() - t0, rows

    def cron():
        """Our scheduled action as the cron worker runs it: one batch per call, committed, until done."""
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            t0 = time.time()
            rows = calls = 0
            while True:
                done = env["ltc.lead.pool"]._cron_reclaim_leads()
                cr.commit()
                calls += 1
                rows += done
                if not done:
                    break
            elapsed = time.time() - t0
            logs = env["ltc.lead.pool.log"].search_count([("pool_id", "=", pool_id), ("action", "=", "reclaim")])
            return elapsed, rows, calls, logs

    # each variant runs `rounds` times, interleaved, each time from the same compact table; the best
    # time of each counts
    rss0 = rss_mb()
    times = {"sql": [], "sql_log": [], "ours": []}
    for __ in range(rounds):
        t, sql_rows = raw_update()
        times["sql"].append(t)
        reset()
        t, __ = raw_update_log()
        times["sql_log"].append(t)
        reset()
        t, ours_rows, calls, logs = cron()
        times["ours"].append(t)
        reset()
    t_sql, t_sql_log, t_ours = (min(times[k]) for k in ("sql", "sql_log", "ours"))

    def fmt(key):
        return " / ".join(f"{t:.2f}" for t in times[key])
    print(f"raw SQL UPDATE       : {sql_rows:,} rows, best {t_sql:.2f}s (runs: {fmt('sql')})", flush=True)
    print(f"raw SQL UPDATE + log : {sql_rows:,} rows, best {t_sql_log:.2f}s (runs: {fmt('sql_log')})", flush=True)
    print(f"cron (ours)          : {ours_rows:,} rows, best {t_ours:.2f}s (runs: {fmt('ours')}), {calls} committed "
          f"batches, {logs:,} reclaim log rows, peak RSS {rss_mb():.0f} MB (was {rss0:.0f} MB)", flush=True)

    # 3. naive ORM loop on a sample, extrapolated
    sample = min(2000, n_due)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("""SELECT id FROM crm_lead WHERE pool_id = %s AND user_id IS NOT NULL
                        AND COALESCE(last_follow_up_date, claimed_date) <= now() - interval '10 days'
                      ORDER BY id LIMIT %s""", [pool_id, sample])
        leads = env["crm.lead"].browse([row[0] for row in cr.fetchall()])
        t0 = time.time()
        for lead in leads:
            user = lead.user_id
            lead.write({"user_id": False, "claimed_date": False, "reclaim_count": lead.reclaim_count + 1})
            env["ltc.lead.pool.log"].create({"pool_id": pool_id, "res_model": "crm.lead", "res_id": lead.id,
                                             "user_id": user.id, "action": "reclaim", "reason": "naive"})
        env.flush_all()
        t_sample = time.time() - t0
        cr.rollback()
    t_orm = t_sample * n_due / sample
    print(f"ORM write loop       : {sample:,} rows in {t_sample:.2f}s → {n_due:,} rows ≈ {t_orm:.1f}s (extrapolated)")
    print(f"RATIO reclaim: ours / raw SQL UPDATE = {t_ours / t_sql:.2f}x ; "
          f"ours / raw SQL UPDATE+log = {t_ours / t_sql_log:.2f}x ; ORM loop / raw SQL UPDATE = {t_orm / t_sql:.1f}x ; "
          f"ORM loop / ours = {t_orm / t_ours:.1f}x", flush=True)
    return {"op": "pool reclaim (cron)", "rows": n_due, "ours": times["ours"], "sql": times["sql_log"],
            "orm": t_orm, "peak": rss_mb(), "note": "raw SQL: UPDATE + log rows"}


# ----------------------------------------------------------------------------------------- import
def bench_import(db, n_rows, orm_sample=0):
    import xlsxwriter  # noqa: PLC0415

    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = odoo_env(db)
    n_dup = n_rows // 10
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("DELETE FROM crm_lead WHERE name LIKE 'import %%' OR name LIKE 'known %%'")
        cr.execute("""
            INSERT INTO crm_lead (name, type, active, lifecycle_state, company_id, email_from, email_key,
                                  create_date, write_date, create_uid, write_uid)
            SELECT 'known ' || g, 'lead', true, 'raw', %s, 'known' || g || '@old.cn', 'known' || g || '@old.cn',
                   now(), now(), 1, 1 FROM generate_series(1, %s) g
        """, [env.company.id, n_dup])
        cr.commit()
    # the leads of the previous round were rolled back: vacuumed, as autovacuum does on a server (it is
    # off on some test machines), else every round pays for the dead rows and index entries of the last
    vacuum(db, "crm_lead")
    print(f"building a workbook of {n_rows:,} rows ({n_dup:,} duplicates of existing leads) …", flush=True)
    # written as Excel and WPS save a workbook: text in the shared-string table (openpyxl's write-only
    # mode writes inline strings instead, which no spreadsheet program does and which read ~2x slower)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Lead Name", "Company", "Contact", "Email", "Phone", "Country Code", "Source", "Medium",
                           "Campaign", "Product Lines", "Expected Revenue", "Notes"])
    rnd = random.Random(42)
    dup_rows = set(rnd.sample(range(n_rows), n_dup))
    k = 0
    for i in range(n_rows):
        if i in dup_rows:
            k += 1
            email = f"known{k}@old.cn"
        else:
            email = f"buyer{i}@company{i}.cn"
        sheet.write_row(i + 1, 0, [f"import {i}", f"公司{i}有限公司", f"联系人{i}", email, f"139{i:08d}", "CN", "Web",
                                   "Organic", "Bench", None, 10000 + i, None])
    book.close()
    content = base64.b64encode(buf.getvalue())
    rss0 = rss_mb()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        wizard = env["ltc.lead.import"].create({"file": content, "filename": "bench.xlsx", "on_duplicate": "skip"})
        cpu0, db_cpu0 = time.process_time(), backend_cpu(cr)
        t0 = time.time()
        wizard.action_import()
        elapsed = time.time() - t0
        cpu, db_cpu = time.process_time() - cpu0, backend_cpu(cr) - db_cpu0
        counts = (wizard.created_count, wizard.merged_count, wizard.skipped_count, wizard.rejected_count)
        cr.rollback()
    print(f"import: created {counts[0]:,}, merged {counts[1]:,}, skipped {counts[2]:,}, rejected {counts[3]:,} "
          f"in {elapsed:.1f}s (CPU: Odoo {cpu:.1f}s + PostgreSQL {db_cpu:.1f}s); peak RSS {rss_mb():.0f} MB "
          f"(was {rss0:.0f} MB)")
    print(f"RATE import: {n_rows / elapsed:,.0f} rows/s; {n_rows / (cpu + db_cpu):,.0f} rows per CPU second",
          flush=True)
    t_orm = None
    if orm_sample:
        # the naive ORM loop: one create per row, as the wizard's row-by-row fallback does
        with registry.cursor() as cr:
            Lead = api.Environment(cr, SUPERUSER_ID, {})["crm.lead"].with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True)
            country = Lead.env.ref("base.cn")
            t0 = time.time()
            for i in range(orm_sample):
                Lead.create({"name": f"import naive {i}", "type": "lead", "partner_name": f"公司{i}有限公司",
                             "contact_name": f"联系人{i}", "email_from": f"naive{i}@company{i}.cn",
                             "phone": f"138{i:08d}", "country_id": country.id, "expected_revenue": 10000 + i})
                Lead.env.flush_all()
            t_orm = (time.time() - t0) * n_rows / orm_sample
            cr.rollback()
        print(f"ORM create loop      : {orm_sample:,} rows → {n_rows:,} ≈ {t_orm:.0f}s (extrapolated)", flush=True)
    return {"op": "XLSX lead import", "rows": n_rows, "ours": [elapsed], "sql": None, "orm": t_orm,
            "cpu": cpu + db_cpu, "peak": rss_mb(), "note": f"{n_rows / elapsed:,.0f} rows/s (target 2,000)"}

# ------------------------------------------------------------------------------------- milestones
def bench_milestones(db, n_contracts, n_milestones, rounds=1):
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = odoo_env(db)
    from odoo.addons.ltc_lead.guard import guarded  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        company = env.company
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'ltc.contract'")
        cr.execute("DELETE FROM ltc_contract_milestone")
        cr.execute("DELETE FROM ltc_contract WHERE title = 'bench'")
        users = env["res.users"].search([("login", "like", "bench_fr_%")])
        if len(users) < 50:
            users |= env["res.users"].create([{"name": f"Bench FR {i}", "login": f"bench_fr_{i}"}
                                              for i in range(len(users), 50)])
        partner = env["res.partner"].create({"name": "Bench Customer"})
        type_id = env.ref("ltc_contract.contract_type_order").id
        cr.commit()
        print(f"inserting {n_contracts:,} contracts and {n_milestones:,} milestones …", flush=True)
        t0 = time.time()
        cr.execute("""
            INSERT INTO ltc_contract (name, title, company_id, type_id, kind, state, version, partner_id,
                                      currency_id, user_id, fulfilment_user_id, risk_level, late_milestone_count,
                                      active, amount_untaxed, amount_tax, amount_total, create_date, write_date,
                                      create_uid, write_uid)
            SELECT 'BENCH' || g, 'bench', %(company)s, %(type)s, 'order', 'executing', 1, %(partner)s,
                   %(currency)s, 2, (%(users)s::int[])[1 + g %% %(nusers)s], 'low', 0, true, 0, 0, 0,
                   now(), now(), 1, 1
              FROM generate_series(1, %(n)s) g
        """, {"company": company.id, "type": type_id, "partner": partner.id, "currency": company.currency_id.id,
              "users": users.ids, "nusers": len(users), "n": n_contracts})
        cr.execute("SELECT min(id) FROM ltc_contract WHERE title = 'bench'")
        first = cr.fetchone()[0]
        # one milestone in ten is past due: every tenth, spread over the contracts
        cr.execute("""
            INSERT INTO ltc_contract_milestone (contract_id, company_id, name, date_planned, user_id, is_late,
                                                create_date, write_date, create_uid, write_uid)
            SELECT %(first)s + (g %% %(nc)s), %(company)s, 'step ' || g,
                   CASE WHEN g %% 10 = 0 THEN current_date - 5 ELSE current_date + 30 END,
                   (%(users)s::int[])[1 + g %% %(nusers)s], false, now(), now(), 1, 1
              FROM generate_series(1, %(n)s) g
        """, {"first": first, "nc": n_contracts, "company": company.id, "users": users.ids,
              "nusers": len(users), "n": n_milestones})
        cr.commit()
        print(f"  inserted in {time.time() - t0:.1f}s", flush=True)
        model_id = env["ir.model"]._get_id("ltc.contract")
        todo_id = env.ref("mail.mail_activity_data_todo").id
    vacuum(db, "ltc_contract_milestone", full=True)
    vacuum(db, "ltc_contract", full=True)

    def reset():
        with registry.cursor() as cr:
            cr.execute("UPDATE ltc_contract_milestone SET is_late = false WHERE is_late")
            cr.execute("UPDATE ltc_contract SET risk_level = 'low', late_milestone_count = 0 WHERE title = 'bench'")
            cr.execute("DELETE FROM mail_activity WHERE res_model = 'ltc.contract'")
            cr.commit()
        vacuum(db, "ltc_contract_milestone", full=True)
        vacuum(db, "ltc_contract", full=True)
        vacuum(db, "mail_activity", full=True)

    def raw_sql():
        """The same work in three statements: mark, one activity per contract and responsible, risk."""
        with registry.cursor() as cr:
            t0 = time.time()
            cr.execute("""
                WITH late AS (
                    UPDATE ltc_contract_milestone SET is_late = true
                     WHERE date_done IS NULL AND is_late IS NOT TRUE AND date_planned < current_date
                 RETURNING contract_id, user_id, name
                )
                INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, user_id, summary,
                                           date_deadline, automated, create_date, write_date, create_uid, write_uid)
                SELECT %(model)s, 'ltc.contract', contract_id, %(todo)s, user_id,
                       'Late milestone: ' || string_agg(name, ', '), current_date, true, now(), now(), 1, 1
                  FROM late GROUP BY contract_id, user_id
            """, {"model": model_id, "todo": todo_id})
            activities = cr.rowcount
            cr.execute("""
                UPDATE ltc_contract c SET late_milestone_count = l.n,
                       risk_level = CASE WHEN l.n >= 2 THEN 'high' WHEN l.n = 1 THEN 'medium' ELSE 'low' END
                  FROM (SELECT contract_id, count(*) n FROM ltc_contract_milestone WHERE is_late
                         GROUP BY contract_id) l
                 WHERE l.contract_id = c.id
            """)
            cr.commit()
            return time.time() - t0, activities

    def cron():
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            t0 = time.time()
            rows = calls = 0
            while True:
                done = env["ltc.contract.milestone"]._cron_mark_late_milestones()
                cr.commit()
                calls += 1
                rows += done
                if not done:
                    break
            elapsed = time.time() - t0
            cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'ltc.contract'")
            return elapsed, rows, calls, cr.fetchone()[0]

    rss0 = rss_mb()
    times = {"sql": [], "ours": []}
    for __ in range(rounds):
        t, sql_activities = raw_sql()
        times["sql"].append(t)
        reset()
        t, rows, calls, activities = cron()
        times["ours"].append(t)
        rss_cron = rss_mb()
        reset()
    t_sql, t_ours = min(times["sql"]), min(times["ours"])
    print(f"raw SQL              : best {t_sql:.2f}s, {sql_activities:,} activities", flush=True)
    print(f"cron (ours)          : {rows:,} milestones, best {t_ours:.2f}s, {calls} committed batches, "
          f"{activities:,} activities, peak RSS {rss_cron:.0f} MB (was {rss0:.0f} MB)", flush=True)

    sample = 1000
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("SELECT id FROM ltc_contract_milestone WHERE date_done IS NULL AND NOT is_late "
                   "AND date_planned < current_date ORDER BY id LIMIT %s", [sample])
        milestones = env["ltc.contract.milestone"].browse([row[0] for row in cr.fetchall()])
        contract_model = env["ltc.contract"]
        t0 = time.time()
        for milestone in milestones:
            guarded(milestone).write({"is_late": True})
            milestone.contract_id.activity_schedule("mail.mail_activity_data_todo", user_id=milestone.user_id.id,
                                                    summary=f"Late milestone: {milestone.name}")
            contract_model._update_risk(milestone.contract_id.ids)
        env.flush_all()
        t_sample = time.time() - t0
        cr.rollback()
    t_orm = t_sample * rows / sample
    print(f"ORM loop             : {sample:,} milestones in {t_sample:.2f}s → {rows:,} ≈ {t_orm:.1f}s (extrapolated)")
    print(f"RATIO milestones: ours / raw SQL = {t_ours / t_sql:.2f}x ; ORM loop / ours = {t_orm / t_ours:.1f}x",
          flush=True)
    return {"op": "late milestones (cron)", "rows": rows, "ours": times["ours"], "sql": times["sql"], "orm": t_orm,
            "peak": rss_mb(), "note": "mark late + activities + risk"}



# ---------------------------------------------------------------------------------- plan invoicing
def _plan_setup(registry, n_lines, n_twins, chunk):
    """`n_lines` executing contracts (an order each) with a 30 % plan line due yesterday, and `n_twins`
    twin orders; committed per chunk of `chunk` contracts. Returns (customer id, twin order ids)."""
    from datetime import timedelta  # noqa: PLC0415

    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415
    from odoo.addons.ltc_lead.guard import guarded  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True,
                                                 "mail_notrack": True})
        # only this benchmark's lines are due
        cr.execute("UPDATE ltc_payment_plan_line SET trigger = 'manual' WHERE trigger != 'manual'")
        partner = env["res.partner"].create({"name": "Bench Plan Customer", "is_company": True})
        product = env["product.product"].create({"name": "Bench Plan Product", "list_price": 1000.0,
                                                 "taxes_id": [(5, 0, 0)]})
        yesterday = fields.Date.today() - timedelta(days=1)
        cr.commit()
        partner_id, product_id = partner.id, product.id
        print(f"creating {n_lines:,} executing contracts with a due plan line and {n_twins:,} twin orders …",
              flush=True)
        t0 = time.time()
        twin_ids = []
        vals = {"partner_id": partner_id, "order_line": [
            (0, 0, {"product_id": product_id, "product_uom_qty": 1, "price_unit": 1000.0})]}
        for start in range(0, n_lines, chunk):
            size = min(chunk, n_lines - start)
            n_twin = max(0, min(size, n_twins - start))
            orders = env["sale.order"].create([vals] * (size + n_twin))
            orders.action_confirm()
            twin_ids += orders[size:].ids
            contracts = env["ltc.contract"]
            for order in orders[:size]:
                contracts |= env["ltc.contract"].browse(order.action_create_contract()["res_id"])
            guarded(contracts).write({"state": "executing", "date_signed": yesterday})
            env["ltc.payment.plan.line"].create([
                line for contract in contracts for line in (
                    {"contract_id": contract.id, "name": "Advance", "percentage": 30, "trigger": "date",
                     "date_planned": yesterday},
                    {"contract_id": contract.id, "name": "Rest", "percentage": 70, "trigger": "manual"})])
            cr.commit()
            env.invalidate_all()
            if (start + size) % 2000 == 0 or start + size == n_lines:
                print(f"  {start + size:,} contracts in {time.time() - t0:.0f}s", flush=True)
    return partner_id, twin_ids


def bench_plan_invoicing(db, n_lines, native_sample=500, batch_size=200, reuse=False):
    """`n_lines` executing contracts, each with a confirmed order and a plan line due yesterday (a 30 %
    advance): our scheduled action invoicing them all (down payments through sale.advance.payment.inv,
    one committed batch of `batch_size` per call, the environment reset between calls as the cron
    worker does) vs Odoo's own sale.advance.payment.inv making the same down payment on twin orders,
    one wizard per order as a user would — on `native_sample` twins (all `n_lines` when 0), timed in
    chunks. Per-invoice cost of each (median over the batches / chunks), ratio, memory (RSS) before,
    after the first batch and after the last."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = odoo_env(db)
    n_twins = min(n_lines, native_sample) if native_sample else n_lines
    chunk = 250
    if reuse:  # the contracts and twins an earlier (interrupted) set-up committed
        with registry.cursor() as cr:
            cr.execute("SELECT id FROM res_partner WHERE name = 'Bench Plan Customer' ORDER BY id DESC LIMIT 1")
            partner_id = cr.fetchone()[0]
            cr.execute("""SELECT count(*) FROM ltc_payment_plan_line l JOIN ltc_contract c ON c.id = l.contract_id
                           WHERE c.partner_id = %s AND l.trigger = 'date'""", [partner_id])
            n_lines = cr.fetchone()[0]
            cr.execute("""SELECT o.id FROM sale_order o WHERE o.partner_id = %s AND o.state = 'sale'
                             AND NOT EXISTS (SELECT 1 FROM ltc_contract c WHERE c.order_id = o.id)
                           ORDER BY o.id LIMIT %s""", [partner_id, native_sample or n_lines])
            twin_ids = [row[0] for row in cr.fetchall()]
        print(f"reusing {n_lines:,} due plan lines and {len(twin_ids):,} twin orders", flush=True)
    else:
        partner_id, twin_ids = _plan_setup(registry, n_lines, n_twins, chunk)
    # ours: the scheduled action, batch after batch, each committed; the environment is reset between
    # calls as ir.cron's _callback does. Odoo's own down payment wizard on the twin orders, one wizard
    # per order, one chunk of twins after each batch (both see the same load and the same warm caches)
    rss0, peak0 = rss_now_mb(), rss_mb()
    per_invoice, rss_batches, native = [], [], []
    native_chunk = max(1, min(100, n_twins // 5))
    pending = list(twin_ids)
    with registry.cursor() as cr:
        t0 = time.time()
        t_native_total = 0.0
        done = calls = 0
        while True:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tb = time.time()
            n = env["ltc.payment.plan.line"]._cron_raise_due_invoices(batch_size=batch_size)
            cr.commit()
            env.reset()
            calls += 1
            if n:
                done += n
                per_invoice.append((time.time() - tb) / n)
                rss_batches.append(rss_now_mb())
            while pending and (not n or len(native) < len(per_invoice)):
                ids, pending = pending[:native_chunk], pending[native_chunk:]
                env = api.Environment(cr, SUPERUSER_ID, {})
                tb = time.time()
                for order in env["sale.order"].browse(ids):
                    wizard = env["sale.advance.payment.inv"].with_context(
                        active_model="sale.order", active_ids=order.ids).create(
                        {"advance_payment_method": "fixed", "fixed_amount": 300.0})
                    wizard._create_invoices(order).action_post()
                cr.commit()
                native.append((time.time() - tb) / len(ids))
                t_native_total += time.time() - tb
                env.reset()
            if not n:
                break
            if calls % 5 == 1:
                print(f"  batch {calls}: {done:,} invoiced, {per_invoice[-1] * 1000:.0f} ms each (median so far "
                      f"{_median(per_invoice) * 1000:.0f}); Odoo's wizard median so far "
                      f"{_median(native) * 1000 if native else 0:.0f} ms on {len(native)} chunks; RSS "
                      f"{rss_batches[-1]:.0f} MB; load {os.getloadavg()[0]:.1f}", flush=True)
        t_ours = time.time() - t0 - t_native_total
        cr.execute("""SELECT count(*) FROM account_move m JOIN ltc_payment_plan_line l ON l.id = m.ltc_plan_line_id
                       WHERE l.name = 'Advance' AND m.state = 'posted' AND m.partner_id = %s""", [partner_id])
        posted = cr.fetchone()[0]
    t_native = _median(native)
    t_per = _median(per_invoice)
    memory = (f"RSS {rss0:.0f} MB before, {rss_batches[0]:.0f} after the first batch, {rss_batches[-1]:.0f} after "
              f"the last (peak {rss_mb():.0f}, was {peak0:.0f})") if rss_batches else ""
    print(f"plan invoicing (ours)  : {done:,} invoices ({posted:,} posted) in {t_ours:.1f}s, {calls} calls / "
          f"committed batches of {batch_size}; {t_per * 1000:.0f} ms per invoice (median of {len(per_invoice)} "
          f"batches, first {per_invoice[0] * 1000:.0f}, last {per_invoice[-1] * 1000:.0f}); {memory}")
    print(f"sale.advance.payment.inv: {len(twin_ids):,} twin orders, {t_native * 1000:.0f} ms per invoice "
          f"(median of {len(native)} chunks of {native_chunk})")
    print(f"RATIO plan invoicing: ours / Odoo's wizard per invoice = {t_per / t_native:.2f}x (target ≤ 1)", flush=True)
    return {"op": "plan invoicing (cron), per invoice", "rows": done, "ours": per_invoice, "sql": None,
            "orm": native, "per_row": True, "peak": rss_mb(),
            "note": f"ORM loop = Odoo's sale.advance.payment.inv, one per twin order, measured on {len(twin_ids):,} "
                    f"twins; ours/wizard {t_per / t_native:.2f}x; {calls - 1} committed batches of {batch_size}; "
                    f"RSS {rss0:.0f} → {rss_batches[0] if rss_batches else 0:.0f} → "
                    f"{rss_batches[-1] if rss_batches else 0:.0f} MB (before / 1st batch / last)"}


# -------------------------------------------------------------------------------------- escalation
def bench_escalation(db, n_lines, rounds=3):
    """`n_lines` open plan lines with their due dates spread over ±60 days (so about 1 % cross a
    threshold per day): our escalation's selection of the lines to act on (one statement, thresholds
    of each company joined in, SKIP LOCKED) vs raw SQL selecting the same lines with the thresholds
    typed in. The notices themselves (activities, messages) are the ORM's and not timed here."""
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415

    registry = odoo_env(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("SELECT id, company_id FROM ltc_contract ORDER BY id LIMIT 1")
        contract_id, company_id = cr.fetchone()
        cr.execute("DELETE FROM ltc_payment_plan_line WHERE name = 'bench escalation'")
        print(f"inserting {n_lines:,} open plan lines …", flush=True)
        cr.execute("""
            INSERT INTO ltc_payment_plan_line (contract_id, company_id, name, kind, trigger, sequence, amount,
                                               amount_residual, payment_state, date_due, escalation_level,
                                               create_date, write_date, create_uid, write_uid)
            SELECT %s, %s, 'bench escalation', 'progress', 'manual', 10, 1000, 1000, 'not_paid',
                   current_date + (g %% 121 - 60), CASE WHEN g %% 121 < 60 THEN '2' ELSE '0' END,
                   now(), now(), 1, 1
              FROM generate_series(1, %s) g""", [contract_id, company_id, n_lines])
        cr.commit()
        company = env["res.company"].browse(company_id)
        remind, finance = company.ltc_remind_days_before, company.ltc_finance_escalation_days
        today = fields.Date.context_today(env["ltc.payment.plan.line"])
    vacuum(db, "ltc_payment_plan_line")
    times = {"ours": [], "sql": []}
    for __ in range(rounds):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            t0 = time.time()
            ours = env["ltc.payment.plan.line"]._ltc_escalation_targets(today, n_lines)
            times["ours"].append(time.time() - t0)
            cr.rollback()
        with registry.cursor() as cr:
            t0 = time.time()
            cr.execute("""
                SELECT id FROM ltc_payment_plan_line
                 WHERE payment_state IN ('not_paid', 'partial') AND date_due <= %(today)s + %(remind)s
                   AND escalation_level < CASE WHEN date_due <= %(today)s - %(finance)s THEN '3'
                                               WHEN date_due < %(today)s THEN '2' ELSE '1' END
                 FOR UPDATE SKIP LOCKED""", {"today": today, "remind": remind, "finance": finance})
            raw = cr.fetchall()
            times["sql"].append(time.time() - t0)
            cr.rollback()
    with registry.cursor() as cr:
        cr.execute("DELETE FROM ltc_payment_plan_line WHERE name = 'bench escalation'")
        cr.commit()
    assert len(ours) == len(raw), (len(ours), len(raw))
    t_ours, t_sql = _median(times["ours"]), _median(times["sql"])
    print(f"escalation selection: {len(ours):,} of {n_lines:,} lines to act on; ours {t_ours * 1000:.0f} ms, "
          f"raw SQL {t_sql * 1000:.0f} ms → {t_ours / t_sql:.2f}x (target ≤ 2x)", flush=True)
    return {"op": "escalation selection", "rows": n_lines, "ours": times["ours"], "sql": times["sql"], "orm": None,
            "peak": rss_mb(), "note": f"{len(ours):,} lines cross a threshold"}


# ------------------------------------------------------------------------------------------ aging
def _delete_aging_data(cr):
    cr.execute("""DELETE FROM account_partial_reconcile WHERE debit_move_id IN
                  (SELECT id FROM account_move_line
                    WHERE move_id IN (SELECT id FROM account_move WHERE ref = 'bench aging'))""")
    cr.execute("DELETE FROM account_move WHERE ref = 'bench aging'")


def bench_aging(db, n_items, n_partials, rounds=3):
    """`n_items` posted receivable journal items (debits of customer invoices and credits of payments)
    with `n_partials` partial reconciliations dated around the as-of date: the aging report's buckets as
    of a date (ltc.report.aging, read_group by bucket) vs one raw SQL query producing the same buckets vs
    Odoo's ORM _read_group over the same lines (current residual by partner: what the ORM offers)."""
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415

    registry = odoo_env(db)
    n_credits = min(n_partials, n_items // 2)
    n_debits = n_items - n_credits
    per_move = 10
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        receivable = env["account.account"].search([("account_type", "=", "asset_receivable"),
                                                    ("company_ids", "in", company.ids)], limit=1)
        journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
        partners = env["res.partner"].search([("is_company", "=", True)], limit=50).ids
        _delete_aging_data(cr)
        print(f"inserting {n_items:,} receivable items and {n_partials:,} partial reconciliations …", flush=True)
        cr.execute("""
            INSERT INTO account_move (name, ref, journal_id, company_id, currency_id, state, move_type, auto_post,
                                      date, create_date, write_date, create_uid, write_uid)
            SELECT 'BENCH/' || g, 'bench aging', %s, %s, %s, 'posted', 'entry', 'no',
                   current_date - (g %% 400), now(), now(), 1, 1
              FROM generate_series(1, %s) g""",
                   [journal.id, company.id, company.currency_id.id, (n_items + per_move - 1) // per_move])
        cr.execute("SELECT min(id) FROM account_move WHERE ref = 'bench aging'")
        first_move = cr.fetchone()[0]
        cr.execute("""
            INSERT INTO account_move_line (move_id, company_id, journal_id, account_id, partner_id, currency_id,
                                           company_currency_id, display_type, parent_state, date, date_maturity,
                                           balance, debit, credit, amount_currency, amount_residual,
                                           amount_residual_currency, create_date, write_date, create_uid, write_uid)
            SELECT %(first)s + (g - 1) / %(per)s, %(company)s, %(journal)s, %(account)s,
                   (%(partners)s::int[])[1 + g %% %(np)s], %(cur)s, %(cur)s, 'payment_term', 'posted',
                   current_date - (g %% 400), current_date - (g %% 400) + 30,
                   CASE WHEN g <= %(debits)s THEN 1000 ELSE -400 END,
                   CASE WHEN g <= %(debits)s THEN 1000 ELSE 0 END, CASE WHEN g <= %(debits)s THEN 0 ELSE 400 END,
                   CASE WHEN g <= %(debits)s THEN 1000 ELSE -400 END, 0, 0, now(), now(), 1, 1
              FROM generate_series(1, %(n)s) g""",
                   {"first": first_move, "per": per_move, "company": company.id, "journal": journal.id,
                    "account": receivable.id, "partners": partners, "np": len(partners), "cur": company.currency_id.id,
                    "debits": n_debits, "n": n_items})
        cr.execute("SELECT min(id) FROM account_move_line WHERE move_id >= %s", [first_move])
        first_line = cr.fetchone()[0]
        cr.execute("""
            INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, company_id, debit_currency_id,
                                                   credit_currency_id, amount, debit_amount_currency,
                                                   credit_amount_currency, max_date, create_date, write_date,
                                                   create_uid, write_uid)
            SELECT %(first)s + (g::bigint * 7919) %% %(debits)s, %(first)s + %(debits)s + (g - 1) %% %(credits)s, %(company)s,
                   %(cur)s, %(cur)s, 400, 400, 400, current_date - (g %% 200) + 30, now(), now(), 1, 1
              FROM generate_series(1, %(n)s) g""",
                   {"first": first_line, "debits": n_debits, "credits": n_credits, "company": company.id,
                    "cur": company.currency_id.id, "n": n_partials})
        cr.commit()
        as_of = fields.Date.context_today(env["res.partner"])
    for table in ("account_move", "account_move_line", "account_partial_reconcile"):
        vacuum(db, table)
    limits = None
    times = {"ours": [], "sql": [], "orm": []}
    results = {}
    for __ in range(rounds):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            Aging = env["ltc.report.aging"].with_context(ltc_as_of=as_of)
            t0 = time.time()
            ours = Aging._read_group([("company_id", "=", company.id)], ["bucket_id"], ["residual:sum"])
            times["ours"].append(time.time() - t0)
            results["ours"] = {bucket.sequence: round(amount, 2) for bucket, amount in ours}
            limits = env["ltc.receivable.aging"]._bucket_limits(company)
            t0 = time.time()
            cr.execute("""
                WITH pd AS (SELECT debit_move_id AS id, SUM(amount) AS s FROM account_partial_reconcile
                             WHERE max_date <= %(as_of)s GROUP BY 1),
                     pc AS (SELECT credit_move_id AS id, SUM(amount) AS s FROM account_partial_reconcile
                             WHERE max_date <= %(as_of)s GROUP BY 1),
                     r AS (SELECT aml.balance - COALESCE(pd.s, 0) + COALESCE(pc.s, 0) AS residual,
                                  %(as_of)s::date - COALESCE(aml.date_maturity, aml.date) AS days
                             FROM account_move_line aml
                             JOIN account_account a ON a.id = aml.account_id AND a.account_type = 'asset_receivable'
                             LEFT JOIN pd ON pd.id = aml.id LEFT JOIN pc ON pc.id = aml.id
                            WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s)
                SELECT CASE WHEN days <= 0 THEN 0 WHEN days <= %(l1)s THEN 1 WHEN days <= %(l2)s THEN 2
                            WHEN days <= %(l3)s THEN 3 ELSE 4 END, SUM(residual)
                  FROM r WHERE ROUND(residual, 2) != 0 GROUP BY 1""",
                       {"as_of": as_of, "company": company.id, "l1": limits[0], "l2": limits[1], "l3": limits[2]})
            raw = cr.fetchall()
            times["sql"].append(time.time() - t0)
            results["sql"] = {seq: round(float(amount), 2) for seq, amount in raw}
            t0 = time.time()
            env["account.move.line"]._read_group(
                [("company_id", "=", company.id), ("account_id.account_type", "=", "asset_receivable"),
                 ("parent_state", "=", "posted"), ("date", "<=", as_of)], ["partner_id"], ["amount_residual:sum"])
            times["orm"].append(time.time() - t0)
            results["gl"] = env["ltc.receivable.aging"]._get_gl_balance(company, as_of)
            cr.rollback()
    with registry.cursor() as cr:
        if os.environ.get("LTC_BENCH_KEEP_DATA"):  # to EXPLAIN the queries afterwards
            cr.execute("SELECT 1")
        else:
            _delete_aging_data(cr)
        cr.commit()
    assert results["ours"] == results["sql"], (results["ours"], results["sql"])
    assert round(sum(results["ours"].values()), 2) == round(results["gl"], 2), (results["ours"], results["gl"])
    t_ours, t_sql, t_orm = (_median(times[k]) for k in ("ours", "sql", "orm"))
    print(f"aging as of {as_of}: {n_items:,} items, {n_partials:,} partials; ours {t_ours:.2f}s, raw SQL {t_sql:.2f}s "
          f"→ {t_ours / t_sql:.2f}x (target ≤ 1.5x); ORM _read_group {t_orm:.2f}s; totals equal the GL", flush=True)
    return {"op": "aging as of a date", "rows": n_items, "ours": times["ours"], "sql": times["sql"], "orm": None,
            "peak": rss_mb(), "note": f"{n_partials:,} partials, totals = GL; ORM _read_group of today's residuals "
                                      f"by partner (not as of a date) {t_orm:.2f}s = {t_orm / t_ours:.2f}x ours"}


# ----------------------------------------------------------------------------------------- funnel
def bench_funnel(db, n_leads, rounds=3):
    """`n_leads` leads across 20 sources at every lifecycle step: the funnel report's counts per source
    (ltc.report.funnel read_group) vs one raw SQL GROUP BY over crm_lead."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    registry = odoo_env(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        sources = [env["utm.source"].create({"name": f"bench funnel {i}"}).id for i in range(20)]
        cr.execute("DELETE FROM crm_lead WHERE name = 'bench funnel'")
        print(f"inserting {n_leads:,} leads …", flush=True)
        cr.execute("""
            INSERT INTO crm_lead (name, type, lifecycle_state, active, company_id, source_id, mql_date, sql_date,
                                  converted_date, probability, create_date, write_date, create_uid, write_uid)
            SELECT 'bench funnel', CASE WHEN g %% 10 < 2 THEN 'opportunity' ELSE 'lead' END,
                   CASE WHEN g %% 10 < 2 THEN 'converted' WHEN g %% 10 < 4 THEN 'sql'
                        WHEN g %% 10 < 6 THEN 'mql' ELSE 'raw' END, TRUE, %s, (%s::int[])[1 + g %% 20],
                   CASE WHEN g %% 10 < 6 THEN now() END, CASE WHEN g %% 10 < 4 THEN now() END,
                   CASE WHEN g %% 10 < 2 THEN now() END, 10, now() - (g %% 365) * interval '1 day', now(), 1, 1
              FROM generate_series(1, %s) g""", [company.id, sources, n_leads])
        cr.commit()
    vacuum(db, "crm_lead")
    times = {"ours": [], "sql": []}
    for __ in range(rounds):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            t0 = time.time()
            ours = env["ltc.report.funnel"]._read_group(
                [("source_id", "in", sources)], ["source_id"],
                ["lead_count:sum", "mql_count:sum", "sql_count:sum", "opportunity_count:sum", "won_count:sum"])
            times["ours"].append(time.time() - t0)
            t0 = time.time()
            cr.execute("""
                SELECT l.source_id, COUNT(*),
                       COUNT(*) FILTER (WHERE l.mql_date IS NOT NULL OR l.sql_date IS NOT NULL
                                         OR l.converted_date IS NOT NULL OR l.type = 'opportunity'),
                       COUNT(*) FILTER (WHERE l.sql_date IS NOT NULL OR l.converted_date IS NOT NULL
                                         OR l.type = 'opportunity'),
                       COUNT(*) FILTER (WHERE l.converted_date IS NOT NULL OR l.type = 'opportunity'),
                       COUNT(*) FILTER (WHERE l.type = 'opportunity' AND l.active AND s.is_won)
                  FROM crm_lead l LEFT JOIN crm_stage s ON s.id = l.stage_id
                 WHERE l.source_id = ANY(%s) AND l.active GROUP BY 1""", [sources])
            raw = cr.fetchall()
            times["sql"].append(time.time() - t0)
            cr.rollback()
    with registry.cursor() as cr:
        cr.execute("DELETE FROM crm_lead WHERE name = 'bench funnel'")
        cr.execute("DELETE FROM utm_source WHERE id = ANY(%s)", [sources])
        cr.commit()
    assert sorted((s.id, *counts) for s, *counts in ours) == sorted(tuple(row) for row in raw), "funnel differs"
    t_ours, t_sql = _median(times["ours"]), _median(times["sql"])
    print(f"funnel: {n_leads:,} leads by source; ours {t_ours:.2f}s, raw SQL {t_sql:.2f}s → {t_ours / t_sql:.2f}x "
          f"(target ≤ 2x)", flush=True)
    return {"op": "funnel by source", "rows": n_leads, "ours": times["ours"], "sql": times["sql"], "orm": None,
            "peak": rss_mb(), "note": "5 step counts per source"}


BENCHES = ["reclaim", "import", "milestones", "plan_invoicing", "escalation", "aging", "funnel", "all"]
ALL_ADDONS = "ltc_lead,ltc_opportunity,ltc_cpq,ltc_contract,ltc_receivable,ltc_reports,ltc_key_account"


def _median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f}s"


def print_table(results, machine):
    """One table: operation, rows, ours / raw SQL (median of the runs, spread = (max - min) / median),
    naive ORM loop (a list: measured runs; a number: extrapolated from a sample), ratios, peak memory
    of the process. A row with `per_row` gives its times per row (per invoice) instead of per run."""
    def cell(times):
        if times is None or times == []:
            return "—"
        if not isinstance(times, list):
            return f"≈{_seconds(times)} (extrapolated)"
        med = _median(times)
        spread = (max(times) - min(times)) / med * 100 if med else 0.0
        return f"{_seconds(med)} ±{spread:.0f}% (n={len(times)})"

    def value(times):
        return _median(times) if isinstance(times, list) else times

    head = ["operation", "rows", "ours", "raw SQL", "naive ORM loop", "ours/SQL", "ORM/ours", "peak MB", "note"]
    lines = []
    for r in results:
        ours, sql, orm = value(r["ours"]), value(r.get("sql")), value(r.get("orm"))
        lines.append([r["op"], f"{r['rows']:,}" + (" (per row)" if r.get("per_row") else ""), cell(r["ours"]),
                      cell(r.get("sql")), cell(r.get("orm")), f"{ours / sql:.2f}x" if sql else "—",
                      f"{orm / ours:.1f}x" if orm else "—", f"{r['peak']:.0f}", r.get("note", "")])
    print(f"\n{machine}")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for line in lines:
        print("| " + " | ".join(line) + " |")


def machine_line():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPUs ({model}), {ram:.0f} GB RAM"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", default="all", choices=BENCHES)
    # default sizes: the whole `all` run in about 30-40 minutes on the 2-core reference machine;
    # the flags give the bigger sizes of the README's larger figures
    parser.add_argument("--leads", type=int, default=200_000, help="reclaim: leads in the pool")
    parser.add_argument("--due", type=int, default=20_000, help="reclaim: due leads")
    parser.add_argument("--rows", type=int, default=100_000, help="import: XLSX rows")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each variant (the table shows medians)")
    parser.add_argument("--contracts", type=int, default=20_000, help="milestones: executing contracts")
    parser.add_argument("--milestones", type=int, default=100_000, help="milestones: milestones")
    parser.add_argument("--plans", type=int, default=400, help="plan_invoicing: due plan lines")
    parser.add_argument("--plan-sample", type=int, default=400,
                        help="plan_invoicing: twin orders invoiced by Odoo's wizard (0: as many as --plans)")
    parser.add_argument("--plan-reuse", action="store_true",
                        help="plan_invoicing: invoice the contracts an earlier set-up left in --db (with --keep-db)")
    parser.add_argument("--lines", type=int, default=100_000, help="escalation: open plan lines")
    parser.add_argument("--items", type=int, default=300_000, help="aging: receivable journal items")
    parser.add_argument("--partials", type=int, default=90_000, help="aging: partial reconciliations")
    parser.add_argument("--funnel-leads", type=int, default=300_000, help="funnel: leads")
    parser.add_argument("--db", default="ltc_bench")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    # one database with all the addons and their demo data, as users run them: every stored field
    # and index of every addon is paid for
    ensure_db(args.db, ALL_ADDONS, demo=True)
    load_start, started = os.getloadavg(), time.time()
    results = []
    try:
        if args.what in ("reclaim", "all"):
            results.append(bench_reclaim(args.db, args.leads, args.due, args.rounds))
        if args.what in ("import", "all"):
            runs = [bench_import(args.db, args.rows, orm_sample=500 if i == 0 else 0) for i in range(args.rounds)]
            rates = [args.rows / run["ours"][0] for run in runs]
            cpu_rates = [args.rows / run["cpu"] for run in runs]
            results.append({**runs[0], "ours": [t for run in runs for t in run["ours"]],
                            "note": f"{_median(rates):,.0f} rows/s median (target 2,000; runs "
                                    f"{' / '.join(f'{r:,.0f}' for r in rates)}); {_median(cpu_rates):,.0f} rows per "
                                    f"CPU second (Odoo + PostgreSQL); 10 % duplicates; no raw SQL variant"})
        if args.what in ("milestones", "all"):
            results.append(bench_milestones(args.db, args.contracts, args.milestones, rounds=args.rounds))
        if args.what in ("plan_invoicing", "all"):
            results.append(bench_plan_invoicing(args.db, args.plans, args.plan_sample, reuse=args.plan_reuse))
        if args.what in ("escalation", "all"):
            results.append(bench_escalation(args.db, args.lines, rounds=args.rounds))
        if args.what in ("aging", "all"):
            results.append(bench_aging(args.db, args.items, args.partials, rounds=args.rounds))
        if args.what in ("funnel", "all"):
            results.append(bench_funnel(args.db, args.funnel_leads, rounds=args.rounds))
    finally:
        if not args.keep_db:
            drop_db(args.db)
    load_end = os.getloadavg()
    machine = (f"machine: {machine_line()}; load average {load_start[0]:.1f} at the start, {load_end[0]:.1f} at the end "
               f"(other processes share the machine); {(time.time() - started) / 60:.0f} min; database {args.db}: "
               f"{ALL_ADDONS} with demo data")
    print_table(results, machine)


if __name__ == "__main__":
    main()
