"""Black-box and cross-addon tests: they drive ./ltc, odoo-bin and a running server from outside.

`./ltc test` passes the freshly installed test database as LTC_TEST_DB.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable
ADDONS = ["ltc_lead", "ltc_opportunity", "ltc_cpq", "ltc_contract", "ltc_receivable", "ltc_reports", "ltc_key_account"]


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-At", "-d", db, "-c", sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


FILESTORE = os.path.expanduser("~/.local/share/Odoo/filestore")


def drop_db(db):
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'],
                   check=True, capture_output=True)
    shutil.rmtree(os.path.join(FILESTORE, db), ignore_errors=True)


def copy_db(src, dst):
    """A copy of an installed database with its filestore (attachments, asset bundles)."""
    drop_db(dst)
    subprocess.run(["createdb", "-T", src, dst], check=True)
    if os.path.isdir(os.path.join(FILESTORE, src)):
        shutil.copytree(os.path.join(FILESTORE, src), os.path.join(FILESTORE, dst))


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
    return body.get("result")  # Odoo leaves "result" out when a method returns None


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


def without_outside_services(db):
    """Switch off the scheduled jobs that call Odoo's IAP services (crm_iap_enrich sends new leads
    out to be enriched). Test machines have no IAP account and may have no internet: the job fails
    whenever the cron worker picks it up, and its ERROR lands in the log the tests read."""
    if not psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{db}'"):
        return  # ./ltc demo is about to create it, and does the same
    psql(db, "UPDATE ir_cron SET active = false WHERE id IN (SELECT res_id FROM ir_model_data "
             "WHERE model = 'ir.cron' AND module = 'crm_iap_enrich')")


class DemoServer:
    """A real multi-worker Odoo started by `./ltc demo` (its launcher, odoo.conf's workers and
    gevent port) on a database that already has the seven addons; stops on exit."""

    def __init__(self, db, workers=None):
        self.db, self.workers = db, workers
        self.port, self.gevent_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logfile = os.path.join("/tmp", f"{db}.log")
        self.proc = None

    def start(self, timeout=900):
        import subprocess as sp  # noqa: PLC0415

        without_outside_services(self.db)
        env = dict(os.environ, LTC_DEMO_DB=self.db, LTC_HTTP_PORT=str(self.port),
                   LTC_GEVENT_PORT=str(self.gevent_port))
        if self.workers:
            env["LTC_WORKERS"] = str(self.workers)
        log = open(self.logfile, "a")
        self.offset = log.tell()
        self.proc = sp.Popen(["./ltc", "demo"], cwd=ROOT, env=env, stdout=log, stderr=sp.STDOUT,
                             start_new_session=True)
        if not wait_http(self.url, timeout):
            self.stop()
            pytest.fail("the server did not answer:\n" + open(self.logfile).read()[-4000:])
        return self

    def stop(self):
        import signal  # noqa: PLC0415

        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def log(self):
        """What this server (and the set-up before it) logged."""
        with open(self.logfile) as fh:
            fh.seek(self.offset)
            return fh.read()


class RpcUser:
    """One user of the external API (/jsonrpc, as integrations and scripts call it)."""

    def __init__(self, server, login, password=None):
        self.server, self.login, self.password = server, login, password or login
        self.uid = jsonrpc(server.url, "common", "login", server.db, self.login, self.password)
        assert self.uid, f"cannot log in as {login}"

    def __call__(self, model, method, *args, **kwargs):
        return jsonrpc(self.server.url, "object", "execute_kw", self.server.db, self.uid, self.password,
                       model, method, list(args), kwargs)
