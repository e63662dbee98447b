"""Black-box and cross-addon tests: they drive ./ltc, odoo-bin and a running server from outside.

`./ltc test` passes the freshly installed test database as LTC_TEST_DB.
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable
ADDONS = ["ltc_lead", "ltc_opportunity", "ltc_cpq", "ltc_contract", "ltc_receivable", "ltc_reports"]


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-At", "-d", db, "-c", sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def drop_db(db):
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'],
                   check=True, capture_output=True)


def copy_db(src, dst):
    drop_db(dst)
    subprocess.run(["createdb", "-T", src, dst], check=True)


def odoo(db, *args, timeout=1200):
    """Run odoo-bin with the project's config; returns (returncode, combined log)."""
    cmd = [PY, "-m", "odoo", "-c", "odoo.conf", "-d", db, "--workers=0", "--max-cron-threads=0", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


def log_problems(log):
    """WARNING / ERROR / CRITICAL lines of an Odoo log."""
    return [line for line in log.splitlines()
            if any(f" {lvl} " in line for lvl in ("WARNING", "ERROR", "CRITICAL"))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jsonrpc(url, service, method, *args):
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
               "params": {"service": service, "method": method, "args": list(args)}}
    req = urllib.request.Request(f"{url}/jsonrpc", json.dumps(payload).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        body = json.loads(resp.read())
    if "error" in body:
        raise RuntimeError(body["error"]["data"]["message"])
    return body["result"]


def wait_http(url, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=5) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            time.sleep(2)
    return False


@pytest.fixture(scope="session")
def test_db():
    db = os.environ.get("LTC_TEST_DB")
    if not db:
        pytest.fail("LTC_TEST_DB is not set: run these tests through ./ltc test")
    return db
