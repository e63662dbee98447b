"""README command 1 (`./ltc demo`), black-box: set-up, demo database, server with workers, login
admin/admin; a second run reuses the database and only starts the server."""
import os
import signal
import subprocess
import time

import pytest

from conftest import ADDONS, ROOT, drop_db, free_port, jsonrpc, psql, wait_http


def _start(db, port):
    env = dict(os.environ, LTC_DEMO_DB=db, LTC_HTTP_PORT=str(port), LTC_GEVENT_PORT=str(free_port()))
    log = open(os.path.join("/tmp", f"{db}.log"), "a")
    proc = subprocess.Popen(["./ltc", "demo"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    return proc, log.name


def _stop(proc):
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="module")
def demo_db():
    db = f"ltc_demo_bb_{os.getpid()}"
    drop_db(db)
    yield db
    drop_db(db)


def test_demo_command_sets_up_then_restarts_without_reinstalling(demo_db):
    port = free_port()
    proc, logfile = _start(demo_db, port)
    try:
        url = f"http://127.0.0.1:{port}"
        assert wait_http(url, 900), open(logfile).read()[-4000:]
        uid = jsonrpc(url, "common", "login", demo_db, "admin", "admin")
        assert uid == 2
        installed = jsonrpc(url, "object", "execute_kw", demo_db, uid, "admin", "ir.module.module",
                            "search_count", [[("name", "in", ADDONS), ("state", "=", "installed")]])
        assert installed == len(ADDONS)
        # served by a multi-worker server (odoo.conf: workers = 2)
        assert "HTTP service (werkzeug) running" in open(logfile).read() or "Worker" in open(logfile).read()
    finally:
        _stop(proc)

    first_log = open(logfile).read()
    assert "creating database" in first_log
    modules_before = psql(demo_db, "select count(*) from ir_module_module where state='installed'")

    started = time.time()
    proc, logfile = _start(demo_db, port)
    try:
        assert wait_http(f"http://127.0.0.1:{port}", 300)
        second = open(logfile).read()[len(first_log):]
        assert "creating database" not in second
        assert time.time() - started < 240
    finally:
        _stop(proc)
    assert psql(demo_db, "select count(*) from ir_module_module where state='installed'") == modules_before
