"""The portal over real HTTP (uvicorn on a loopback port, `requests` as the client), its
start-up configuration checks and its command line."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from opentelemetry import trace

from opendesk.core.db import Database
from opendesk.core.errors import ConfigurationError
from opendesk.portal import __main__ as cli
from opendesk.portal.app import create_app
from opendesk.portal.config import PortalConfig, load_config, parse_proxies
from tests.portal.conftest import PASSWORD, SECRET, Browser, Practice, config, send
from tests.portal.live import log_in, serve


def test_over_real_http(db: Database, practice: Practice) -> None:
    message_id = send(db, practice.doc_a, practice.head, practice.prov_a, "Recall", "Due now.")
    with serve(create_app(config(), db)) as url, requests.Session() as http:
        health = http.get(f"{url}/health", timeout=10)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        r = log_in(http, url, "annlee", PASSWORD)
        assert r.status_code == 200 and r.url == f"{url}/inbox" and "Recall" in r.text
        assert "server" not in {k.lower() for k in r.headers}  # no server banner
        page = http.get(f"{url}/messages/{message_id}", timeout=10)
        assert "Due now." in page.text
        assert page.headers["Cache-Control"] == "no-store"


def test_requests_reach_no_telemetry_provider(
    make_browser: Callable[..., Browser], practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process-wide OpenTelemetry tracer provider (set up by another library or the
    environment) is given nothing of a portal request: FastAPI's own telemetry is off."""
    asked: list[Any] = []

    class Recording(trace.TracerProvider):
        def get_tracer(self, *args: Any, **kwargs: Any) -> trace.Tracer:
            asked.append(args)
            return trace.NoOpTracer()

    monkeypatch.setattr(trace, "_TRACER_PROVIDER", Recording())
    browser = make_browser()
    assert browser.login("annlee").status_code == 303
    assert browser.get("/inbox").status_code == 200
    assert asked == []


def test_configuration_is_checked_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENDESK_PORTAL_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="No secret key"):
        load_config(db="sqlite://")
    monkeypatch.setenv("OPENDESK_PORTAL_SECRET", "changeme")
    with pytest.raises(ConfigurationError, match="at least 32"):
        load_config(db="sqlite://")
    monkeypatch.setenv("OPENDESK_PORTAL_SECRET", SECRET)
    ok = load_config(db="sqlite://")
    assert (ok.host, ok.port, ok.https) == ("127.0.0.1", 8765, False)
    with pytest.raises(ConfigurationError, match=r"plain HTTP on 0\.0\.0\.0"):
        load_config(db="sqlite://", host="0.0.0.0")
    assert load_config(db="sqlite://", host="0.0.0.0", trusted_proxies="10.0.0.1").host
    with pytest.raises(ConfigurationError, match="both a certificate"):
        load_config(db="sqlite://", certfile=str(tmp_path / "cert.pem"))
    with pytest.raises(ConfigurationError, match="trusted proxies"):
        parse_proxies("not-an-address")
    monkeypatch.delenv("OPENDESK_PORTAL_SECRET")
    demo = load_config(db="sqlite://", demo=True)
    assert len(demo.secret_key) >= 32
    secret_file = tmp_path / "secret"
    secret_file.write_text(SECRET + "\n")
    assert load_config(db="sqlite://", secret_file=str(secret_file)).secret_key == SECRET
    bad = PortalConfig(database_url="sqlite://", secret_key=SECRET, idle_timeout=0)
    assert bad.problems() == ["The session timeouts are not valid."]


def test_command_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for option in ("--db", "--host", "--port", "--demo", "--certfile", "--keyfile", "--no-outbox"):
        assert option in out
    monkeypatch.delenv("OPENDESK_PORTAL_SECRET", raising=False)
    assert cli.main(["--db", "sqlite://"]) == 2
    assert "No secret key" in capsys.readouterr().err
