"""Contention and crashes with real processes (issue 15, item 4).

- 1,000 claims of pool leads, sent at once by ten client processes (five reps, two clients each: a
  phone and a desktop) over JSON-RPC to a real multi-worker server: no lead is claimed twice, every
  loser is told who won (or that someone is claiming it right now, or that their cap is reached),
  one pool log row per claim, no rep above the pool's cap.
- The reclaim job (the scheduled action, batched with ir.cron._notify_progress) killed with SIGKILL
  in the middle of a batch after its first batch was committed, then run again: no lead lost or
  reclaimed twice, one log row per reclaimed lead. Two runs at once: the same.

The plan-invoicing job of the same item (two runs at once; killed mid-way and re-run): tests/test_plan_contention.py.
"""
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter

import psycopg2
import pytest

from conftest import PY, ROOT, DemoServer, RpcUser, copy_db, drop_db, jsonrpc

REPS = 5
CLIENTS_PER_REP = 2
LEADS = 200
CAP = 25
RUNNER = os.path.join(ROOT, "tests", "reclaim_runner.py")


def _query(db, sql, args=()):
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(sql, args)
        rows = cr.fetchall()
    conn.close()
    return rows


# ---------------------------------------------------------------------------- 1,000 contended claims
@pytest.fixture(scope="module")
def server(test_db):
    db = f"{test_db}_cont"
    copy_db(test_db, db)
    # four HTTP workers: four claims in flight at once, from ten clients
    srv = DemoServer(db, workers=4).start()
    yield srv
    srv.stop()
    drop_db(db)


def _claimer(args):
    """One client process: a rep claiming `lead_ids` one by one, as fast as the server answers."""
    url, db, login, lead_ids = args
    uid = jsonrpc(url, "common", "login", db, login, login)
    outcomes = []
    for lead_id in lead_ids:
        try:
            jsonrpc(url, "object", "execute_kw", db, uid, login, "crm.lead", "action_claim", [[lead_id]], {})
            outcomes.append((login, lead_id, None))
        except RuntimeError as exc:
            outcomes.append((login, lead_id, str(exc)))
    return outcomes


def test_thousand_contended_claims_one_owner_each_losers_told_who_won(server):
    admin = RpcUser(server, "admin")
    salesman = admin("ir.model.data", "search_read", [("module", "=", "sales_team"),
                                                       ("name", "=", "group_sale_salesman")], ["res_id"])[0]["res_id"]
    reps = {}
    for i in range(REPS):
        login = f"cont_rep{i}"
        reps[login] = admin("res.users", "create", {
            "name": f"Contention Rep {i}", "login": login, "password": login,
            "groups_id": [(6, 0, [salesman])]})
    names = {uid: f"Contention Rep {i}" for i, uid in enumerate(reps.values())}
    pool_id = admin("ltc.lead.pool", "create", {
        "name": "Contention Pool", "user_ids": [(6, 0, list(reps.values()))], "max_open_per_rep": CAP,
        "cooldown_days": 0, "mask_contact": False})
    lead_ids = admin("crm.lead", "create", [
        {"name": f"Contended {i:03d}", "type": "lead", "pool_id": pool_id, "user_id": False} for i in range(LEADS)])
    assert admin("crm.lead", "search_count", [("pool_id", "=", pool_id), ("user_id", "=", False)]) == LEADS

    # each rep's phone walks the first half of the pool, their desktop the second half, all reps in
    # the same order: five clients fight over each lead, two clients of one rep race for their cap
    half = LEADS // 2
    jobs = [(server.url, server.db, login, lead_ids[:half] if client == 0 else lead_ids[half:])
            for login in reps for client in range(CLIENTS_PER_REP)]
    start = time.time()
    with multiprocessing.get_context("fork").Pool(len(jobs)) as workers:
        outcomes = [o for result in workers.map(_claimer, jobs) for o in result]
    elapsed = time.time() - start
    assert len(outcomes) == REPS * CLIENTS_PER_REP * half == 1000

    owners = dict(_query(server.db, "SELECT id, user_id FROM crm_lead WHERE pool_id = %s", [pool_id]))
    logs = _query(server.db, """SELECT res_id, user_id, action FROM ltc_lead_pool_log
                                 WHERE pool_id = %s AND res_model = 'crm.lead'""", [pool_id])
    won = [(reps[login], lead_id) for login, lead_id, error in outcomes if error is None]
    kinds = Counter()
    # no lead won twice, and each winner is the lead's owner
    assert len({lead_id for __, lead_id in won}) == len(won), "a lead was claimed by two clients"
    for uid, lead_id in won:
        assert owners[lead_id] == uid
    assert {lead_id for lead_id, owner in owners.items() if owner} == {lead_id for __, lead_id in won}
    # every loser is told why: who won, someone claiming it right now, or their cap
    for login, lead_id, error in outcomes:
        if error is None:
            kinds["won"] += 1
        elif m := re.search(r"has already been claimed by (.+)\.$", error):
            assert m.group(1) == names[owners[lead_id]], (login, lead_id, error)
            kinds["told who won"] += 1
        elif "Someone else is claiming this lead right now" in error:
            kinds["told someone is claiming"] += 1
        elif f"lets a rep hold {CAP} open records at most" in error:
            kinds["told the cap"] += 1
        else:
            pytest.fail(f"{login} claiming lead {lead_id} got an unexpected answer: {error}")
    # one pool log row per claim, no other movement
    assert len(logs) == len(won) and {action for __, __, action in logs} == {"claim"}
    assert {(uid, lead_id) for lead_id, uid, __ in logs} == set(won)
    # the cap holds for each rep, and the pool ran dry of reps before it ran dry of leads
    held = Counter(owner for owner in owners.values() if owner)
    assert max(held.values()) <= CAP, held
    assert kinds["told the cap"] > 0
    print(f"\n1000 contended claims by {len(jobs)} clients over JSON-RPC in {elapsed:.1f}s "
          f"({1000 / elapsed:.0f} claims/s): {dict(kinds)}; held per rep: {sorted(held.values())}")
    log = server.log()
    assert not [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]


# ---------------------------------------------------------------------------- reclaim job: crash, two at once
RECLAIM_LEADS = 240
BATCH = 20


@pytest.fixture(scope="module")
def reclaim_copy(test_db):
    db = f"{test_db}_reclaim"
    copy_db(test_db, db)
    yield db
    drop_db(db)


@pytest.fixture
def reclaim_db(reclaim_copy):
    """A pool of its own for each test, all its leads due."""
    out = subprocess.run([PY, RUNNER, reclaim_copy, "setup", str(RECLAIM_LEADS), str(BATCH)], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=600)
    return reclaim_copy, int(out.stdout.split()[-1])


def _runner(db, mode, env=None):
    return subprocess.Popen([PY, RUNNER, db, mode], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _assert_each_lead_reclaimed_once(db, pool_id):
    leads = _query(db, "SELECT id, user_id, reclaim_count FROM crm_lead WHERE pool_id = %s", [pool_id])
    assert len(leads) == RECLAIM_LEADS
    assert [row for row in leads if row[1] is not None or row[2] != 1] == [], "a lead lost or reclaimed twice"
    logs = _query(db, """SELECT res_id, count(*) FROM ltc_lead_pool_log
                          WHERE pool_id = %s AND action = 'reclaim' GROUP BY res_id""", [pool_id])
    assert len(logs) == RECLAIM_LEADS and all(count == 1 for __, count in logs)


def _log_count(db, pool_id):
    return _query(db, "SELECT count(*) FROM ltc_lead_pool_log WHERE pool_id = %s AND action = 'reclaim'",
                  [pool_id])[0][0]


def test_reclaim_job_killed_mid_batch_and_rerun_reclaims_each_lead_once(reclaim_db):
    db, pool_id = reclaim_db
    start = time.time()
    job = _runner(db, "cron")
    # wait for the first committed batch, then stop the job in its next batch — after its statement
    # returned leads to the pool and logged them, at the digest it posts before committing (a lock on
    # the message table held by the test) — and kill it there
    deadline = time.time() + 300
    while _log_count(db, pool_id) < BATCH:
        assert job.poll() is None, job.communicate()
        assert time.time() < deadline, "the reclaim job committed no batch"
        time.sleep(0.02)
    blocker = psycopg2.connect(dbname=db)
    try:
        with blocker.cursor() as cr:
            cr.execute("LOCK TABLE mail_message IN SHARE MODE")
            committed = _count_in(cr, pool_id)
            assert committed < RECLAIM_LEADS, "the job ended before it could be killed"
            # the job's backend waits for the lock in its next batch, its leads updated and logged
            for __ in range(600):
                cr.execute("""SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                               WHERE a.application_name = %s AND NOT l.granted
                                 AND l.relation = 'mail_message'::regclass""", [f"odoo-{job.pid}"])
                if cr.fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the reclaim job never reached its next batch")
            os.kill(job.pid, signal.SIGKILL)
            job.wait()
    finally:
        blocker.rollback()
        blocker.close()
    # the killed job's backend ends its statement, finds its client gone and rolls the batch back
    for __ in range(600):
        if not _query(db, "SELECT 1 FROM pg_stat_activity WHERE application_name = %s", [f"odoo-{job.pid}"]):
            break
        time.sleep(0.05)
    assert committed % BATCH == 0 and _log_count(db, pool_id) == committed, "a half batch survived the kill"
    owned = _query(db, "SELECT count(*) FROM crm_lead WHERE pool_id = %s AND user_id IS NOT NULL", [pool_id])[0][0]
    assert owned == RECLAIM_LEADS - committed

    # the next run (the cron worker's next pass) finishes the work
    rerun = _runner(db, "cron")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    _assert_each_lead_reclaimed_once(db, pool_id)
    print(f"\nreclaim killed after {committed} of {RECLAIM_LEADS} leads, re-run finished; {time.time() - start:.1f}s")


def _count_in(cr, pool_id):
    cr.execute("SELECT count(*) FROM ltc_lead_pool_log WHERE pool_id = %s AND action = 'reclaim'", [pool_id])
    return cr.fetchone()[0]


def test_two_reclaim_runs_at_once_reclaim_each_lead_once(reclaim_db, tmp_path):
    db, pool_id = reclaim_db
    start = time.time()
    go = os.path.join(tmp_path, "go")
    runs = [_runner(db, "direct", env=dict(os.environ, LTC_GO_FILE=go)) for __ in range(2)]
    # both processes have built their registry: start them together
    deadline = time.time() + 300
    while len([f for f in os.listdir(tmp_path) if f.startswith("go.ready.")]) < 2:
        assert all(run.poll() is None for run in runs), [run.communicate() for run in runs]
        assert time.time() < deadline, "the reclaim runs did not start"
        time.sleep(0.05)
    open(go, "w").close()
    totals = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        totals.append(int(out.split()[-1]))
    assert sum(totals) == RECLAIM_LEADS, totals
    assert all(totals), f"one run did all the work, they did not run at once: {totals}"
    _assert_each_lead_reclaimed_once(db, pool_id)
    print(f"\ntwo reclaim runs at once: {totals} leads each; {time.time() - start:.1f}s")


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-s"]))
