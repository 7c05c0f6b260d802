"""Real processes for the system tests: the portal server (`python -m opendesk.portal`, with
its outbox worker) on a free port, stopped (or killed) by the test."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from opendesk.mail.catcher import free_port

ROOT = Path(__file__).resolve().parents[2]


class PortalProcess:
    def __init__(self, db_url: str, log_path: Path, poll_seconds: float = 0.2) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.poll_seconds = poll_seconds
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> "PortalProcess":
        env = dict(
            os.environ,
            OPENDESK_PORTAL_OUTBOX_POLL=str(self.poll_seconds),
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        )
        env.pop("OPENDESK_DB_URL", None)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "opendesk.portal",
                    "--demo",
                    "--db",
                    self.db_url,
                    "--port",
                    str(self.port),
                    "--log-level",
                    "warning",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the portal exited: see {self.log_path}")
            try:
                if requests.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the portal did not answer: see {self.log_path}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
