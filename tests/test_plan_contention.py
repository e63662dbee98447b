"""The payment plan invoicing job under contention, with real processes on a copy of the test
database: two runs at once, and a run killed mid-way then run again, never give a plan line two
invoices (the job locks its lines with SKIP LOCKED and commits per batch; the database refuses a
second live invoice of a line)."""
import os
import signal
import subprocess
import time

import psycopg2
import pytest

from conftest import PY, ROOT, copy_db, drop_db

RUNNER = os.path.join(ROOT, "tests", "plan_runner.py")
CONTRACTS = 40
BATCH = 5


def _query(db, sql, args=()):
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cr:
            cr.execute(sql, args)
            return cr.fetchall()
    finally:
        conn.close()


@pytest.fixture
def plan_db(test_db):
    db = f"{test_db}_plan"
    copy_db(test_db, db)
    out = subprocess.run([PY, RUNNER, db, "setup", str(CONTRACTS)], cwd=ROOT, capture_output=True, text=True,
                         timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    yield db, int(out.stdout.split()[-1])
    drop_db(db)


def _runner(db, env=None):
    return subprocess.Popen([PY, RUNNER, db, "direct", str(BATCH)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _invoices_per_line(db, partner_id):
    return _query(db, """
        SELECT l.id, count(m.id) FILTER (WHERE m.move_type = 'out_invoice' AND m.state != 'cancel')
          FROM ltc_payment_plan_line l
          JOIN ltc_contract c ON c.id = l.contract_id
          LEFT JOIN account_move m ON m.ltc_plan_line_id = l.id
         WHERE c.partner_id = %s GROUP BY l.id""", [partner_id])


def test_two_invoicing_runs_at_once_invoice_each_line_once(plan_db, tmp_path):
    db, partner_id = plan_db
    go = os.path.join(tmp_path, "go")
    runs = [_runner(db, env=dict(os.environ, LTC_GO_FILE=go)) for __ in range(2)]
    deadline = time.time() + 300
    while len([f for f in os.listdir(tmp_path) if f.startswith("go.ready.")]) < 2:
        assert all(run.poll() is None for run in runs), [run.communicate() for run in runs]
        assert time.time() < deadline, "the invoicing runs did not start"
        time.sleep(0.05)
    open(go, "w").close()
    totals = []
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, err[-3000:]
        totals.append(int(out.split()[-1]))
    assert sum(totals) == CONTRACTS, totals
    assert all(totals), f"one run did all the work, they did not run at once: {totals}"
    counts = _invoices_per_line(db, partner_id)
    assert len(counts) == CONTRACTS and {count for __, count in counts} == {1}


def test_invoicing_run_killed_mid_way_and_rerun_invoices_each_line_once(plan_db):
    db, partner_id = plan_db
    job = _runner(db)
    deadline = time.time() + 300
    while sum(count for __, count in _invoices_per_line(db, partner_id)) < BATCH:
        assert job.poll() is None, job.communicate()
        assert time.time() < deadline, "the invoicing job committed no batch"
        time.sleep(0.02)
    os.kill(job.pid, signal.SIGKILL)
    job.wait()
    # the killed job's backend finds its client gone and rolls its open batch back
    for __ in range(600):
        if not _query(db, "SELECT 1 FROM pg_stat_activity WHERE application_name = %s", [f"odoo-{job.pid}"]):
            break
        time.sleep(0.05)
    counts = _invoices_per_line(db, partner_id)
    done = sum(count for __, count in counts)
    assert max(count for __, count in counts) == 1 and done < CONTRACTS, "killed after the end, or a line twice"
    rerun = _runner(db)
    out, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err[-3000:]
    assert int(out.split()[-1]) == CONTRACTS - done
    assert {count for __, count in _invoices_per_line(db, partner_id)} == {1}
