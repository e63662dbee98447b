"""README command 1 (`./ltc demo`), black-box: set-up, demo database, server with workers, login
admin/admin, live updates through the gevent worker's websocket, a clean log; a second run reuses
the database and only starts the server."""
import json
import os
import re
import socket
import time
import urllib.request
import uuid

import pytest
import websocket

from conftest import ADDONS, DemoServer, drop_db, jsonrpc, psql

STARTED = "HTTP service (werkzeug) running"


def _session_cookie(url, db):
    """Log in as the web client does; returns the session cookie header."""
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
               "params": {"db": db, "login": "admin", "password": "admin"}}
    req = urllib.request.Request(f"{url}/web/session/authenticate", json.dumps(payload).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        assert "error" not in json.loads(resp.read())
        cookie = resp.headers["Set-Cookie"]
    return cookie.split(";", 1)[0]


def _assert_live_updates(url, db, uid):
    """Open /websocket as the web client does, subscribe, and receive what a JSON-RPC call on an
    HTTP worker notifies: the bus notification travels through the gevent worker."""
    # the web client opens its websocket on the page's own origin (the public port)
    ws = websocket.create_connection(f"{url.replace('http', 'ws')}/websocket?version=18.0-1",
                                     cookie=_session_cookie(url, db), origin=url, timeout=60)
    try:
        assert ws.getstatus() == 101
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
        # creating a channel broadcasts it to its creator's partner channel, which every logged-in
        # web client listens to
        marker = f"ltc-live-{uuid.uuid4().hex}"
        jsonrpc(url, "object", "execute_kw", db, uid, "admin", "discuss.channel", "channel_create", [marker, False])
        deadline = time.time() + 60
        while time.time() < deadline:
            if marker in ws.recv():
                return
        pytest.fail("the new channel was never announced over the websocket")
    finally:
        ws.close()


def _log_problems_after_start(log):
    """Traceback / ERROR / CRITICAL lines logged once the server has started."""
    after = log[log.index(STARTED):] if STARTED in log else log
    return [line for line in after.splitlines() if "Traceback" in line or re.search(r" (ERROR|CRITICAL) ", line)]


@pytest.fixture(scope="module")
def demo_db():
    db = f"ltc_demo_bb_{os.getpid()}"
    drop_db(db)
    yield db
    drop_db(db)


def test_demo_command_sets_up_then_restarts_without_reinstalling(demo_db):
    server = DemoServer(demo_db).start(timeout=900)
    try:
        url = server.url
        uid = jsonrpc(url, "common", "login", demo_db, "admin", "admin")
        assert uid == 2
        installed = jsonrpc(url, "object", "execute_kw", demo_db, uid, "admin", "ir.module.module",
                            "search_count", [[("name", "in", ADDONS), ("state", "=", "installed")]])
        assert installed == len(ADDONS)
        # served by a multi-worker server (odoo.conf: workers = 2) with its gevent worker
        log = server.log()
        assert re.search(r"Worker WorkerHTTP \(\d+\) alive", log), log[-4000:]
        _assert_live_updates(url, demo_db, uid)
        time.sleep(10)  # a crash-looping worker re-spawns within a second: give it time to show
        log = server.log()
        assert "Evented Service (longpolling) running" in log and "Worker WorkerCron" in log
        assert not _log_problems_after_start(log), "\n".join(_log_problems_after_start(log)[:20])
    finally:
        server.stop()

    # Ctrl-C stops the whole server, its front proxy included
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", server.port)) != 0, "something still listens on the demo's port"
    assert "creating database" in server.log()
    modules_before = psql(demo_db, "select count(*) from ir_module_module where state='installed'")

    started = time.time()
    server = DemoServer(demo_db).start(timeout=300)
    try:
        assert "creating database" not in server.log()
        assert time.time() - started < 240
    finally:
        server.stop()
    assert psql(demo_db, "select count(*) from ir_module_module where state='installed'") == modules_before
