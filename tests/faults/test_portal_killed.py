"""The portal process is killed (SIGKILL) in the middle of a reply POST: the same form sent
again to a restarted server makes exactly one message, and the database is intact.

The portal runs as its own process (`python -m opendesk.portal`). To be sure the kill lands
inside the request, the test holds SQLite's write lock, so the reply waits in the database;
the process is killed while it waits."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import func, select, text

from opendesk.core import audit
from opendesk.core.db import Database
from opendesk.core.models import WebMailMessage
from tests.portal.conftest import PASSWORD, SECRET
from tests.portal.live import free_port
from tests.security.conftest import csrf_of, make_families

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def portal_process(db_url: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "OPENDESK_PORTAL_SECRET": SECRET, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opendesk.portal",
            "--db",
            db_url,
            "--port",
            str(port),
            "--no-outbox",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
        assert time.monotonic() < deadline, "the portal did not start"
        time.sleep(0.1)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=15)
        if proc.stderr:
            proc.stderr.close()


def test_kill_dash_nine_during_a_reply_then_retry(db: Database) -> None:
    assert db.backend == "sqlite"
    fam = make_families(db)
    url = str(db.engine.url)
    path = db.engine.url.database
    assert path
    item = next(i for i in fam.items if i.about == "ann")
    before = _count(db)
    port = free_port()
    http = requests.Session()
    base = f"http://127.0.0.1:{port}"
    with portal_process(url, port) as proc:
        token = csrf_of(http.get(f"{base}/login", timeout=10).text)
        r = http.post(
            f"{base}/login",
            data={"username": "annlee", "password": PASSWORD, "csrf_token": token},
            allow_redirects=False,
            timeout=10,
        )
        assert r.status_code == 303
        page = http.get(f"{base}/messages/{item.message_id}", timeout=10).text
        form = {
            "csrf_token": csrf_of(page),
            "request_id": page.split('name="request_id" value="')[1].split('"')[0],
            "body": "Please call me about the crown.",
        }
        lock = sqlite3.connect(path, timeout=30)
        lock.execute("BEGIN IMMEDIATE")  # the reply will wait for this write lock
        outcome: list[object] = []

        def post() -> None:
            try:
                outcome.append(
                    http.post(
                        f"{base}/messages/{item.message_id}/reply",
                        data=form,
                        allow_redirects=False,
                        timeout=30,
                    )
                )
            except requests.RequestException as exc:
                outcome.append(exc)

        sender = threading.Thread(target=post)
        sender.start()
        time.sleep(1.0)  # the request is inside the server, waiting for the database
        assert not outcome, "the request finished before the kill"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        sender.join(timeout=30)
        lock.rollback()
        lock.close()
    assert len(outcome) == 1 and isinstance(outcome[0], requests.RequestException)
    assert _count(db) == before  # nothing was half written
    with portal_process(url, port):  # restarted; the browser sends the same form again
        for _ in range(2):
            r = http.post(
                f"{base}/messages/{item.message_id}/reply",
                data=form,
                allow_redirects=False,
                timeout=30,
            )
            assert r.status_code == 303
    assert _count(db) == before + 1  # exactly one reply
    with db.readonly_session() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert audit.verify(s).intact


def _count(db: Database) -> int:
    with db.readonly_session() as s:
        return int(s.execute(select(func.count(WebMailMessage.id))).scalar_one())
