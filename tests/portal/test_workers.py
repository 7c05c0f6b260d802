"""`opendesk-portal --workers 2`: two server processes behind one port, one checked
configuration handed down, so a session made by one process is good on the other and each
process serves pages and /health."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from opendesk.core.db import Database
from tests.portal.conftest import PASSWORD, SECRET, Practice, send
from tests.portal.live import free_port, log_in

ROOT = Path(__file__).resolve().parents[2]


def test_two_worker_processes_share_sessions(db: Database, practice: Practice) -> None:
    send(db, practice.doc_a, practice.head, practice.prov_a, "Recall", "Due now.")
    port = free_port()
    env = {**os.environ, "OPENDESK_PORTAL_SECRET": SECRET, "PYTHONPATH": str(ROOT)}
    url = db.url.render_as_string(hide_password=False)
    args = ["--db", url, "--port", str(port), "--workers", "2", "--no-outbox"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "opendesk.portal", *args, "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, "the portal exited"
            assert time.monotonic() < deadline, "the portal did not start"
            time.sleep(0.2)
        with requests.Session() as http:
            r = log_in(http, base, "annlee", PASSWORD)
            assert r.status_code == 200 and "Recall" in r.text
            # New connections land on either process; the session holds on every one.
            for _ in range(12):
                fresh = requests.get(f"{base}/inbox", cookies=http.cookies, timeout=10)
                assert fresh.status_code == 200 and "Recall" in fresh.text
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) >= 2, children  # uvicorn's supervisor and its two workers
    finally:
        proc.terminate()
        proc.wait(30)
