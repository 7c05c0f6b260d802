"""The real portal on a free loopback port, served by uvicorn in a thread (for `requests`,
Playwright and the benchmark)."""

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` until the block ends; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        proxy_headers=False,
        ws="none",
        server_header=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="portal-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the portal server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def log_in(http: requests.Session, url: str, username: str, password: str) -> requests.Response:
    """Log `http` in through the real log-in form, CSRF token and all; the answer (after
    redirects)."""
    page = http.get(f"{url}/login", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the log-in page"
    return http.post(
        f"{url}/login",
        data={"username": username, "password": password, "csrf_token": token[1]},
        timeout=30,
    )
