"""The portal's Windows service start-up path, run on Linux through the same function the
pywin32 host calls (opendesk.portal.service.start_portal_service): database URL from the
machine configuration, the database password and the portal's secret key from the machine
secret store (no keyring, as for LocalService), a log file, then uvicorn serving the portal."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from opendesk.core import credentials, machine_secrets, migrate
from opendesk.core.db import Database
from opendesk.mail.catcher import free_port
from tests.conftest import SERVER_URLS

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="the machine secret store is root's: run the tests as root (CI does)"
)
SERVICE_MAIN = (
    "import sys; from opendesk.portal.service import start_portal_service; "
    "sys.exit(start_portal_service())"
)


@pytest.fixture
def mariadb_account() -> Iterator[tuple[str, str]]:
    """A practice database on MariaDB and an account with a password to open it:
    (URL without the password, password)."""
    name = f"od_service_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(16)
    admin = create_engine(SERVER_URLS["mariadb"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
        conn.execute(text(f"CREATE USER '{name}'@'127.0.0.1' IDENTIFIED BY '{password}'"))
        conn.execute(text(f"GRANT ALL ON {name}.* TO '{name}'@'127.0.0.1'"))
    url = f"mariadb://{name}@127.0.0.1:3306/{name}"
    db = Database(f"mariadb://{name}:{password}@127.0.0.1:3306/{name}")
    try:
        migrate.upgrade(db.engine)
    finally:
        db.dispose()
    yield url, password
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"DROP USER IF EXISTS '{name}'@'127.0.0.1'"))
    admin.dispose()


def service_env(tmp_path: Path, machine: dict[str, str], store: Path, port: int) -> dict[str, str]:
    config = tmp_path / "machine.json"
    config.write_text(json.dumps(machine), encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OPENDESK_DB_URL", "OPENDESK_PORTAL_SECRET")
    }
    env.update(
        OPENDESK_MACHINE_CONFIG=str(config),
        OPENDESK_MACHINE_SECRETS=str(store),
        OPENDESK_SETTINGS=str(tmp_path / "service-profile" / "settings.json"),
        XDG_DATA_HOME=str(tmp_path / "service-profile" / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no keyring, as LocalService
        OPENDESK_PORTAL_PORT=str(port),
    )
    return env


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for_health(
    proc: "subprocess.Popen[str]", port: int, seconds: float = 90
) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            return get(f"http://127.0.0.1:{port}/health")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the service did not answer (exit code {proc.poll()})")


def test_the_service_starts_the_portal_from_machine_configuration_and_secrets(
    tmp_path: Path, mariadb_account: tuple[str, str]
) -> None:
    url, password = mariadb_account
    store = tmp_path / "etc" / "secrets.json"
    machine_secrets.put(credentials.database_key(*_key_parts(url)), password, store)
    machine_secrets.put(credentials.portal_secret_key(), secrets.token_urlsafe(48), store)
    port = free_port()
    env = service_env(tmp_path, {"DBURL": url, "PORTALURL": "https://p.example/"}, store, port)

    proc = subprocess.Popen([sys.executable, "-c", SERVICE_MAIN], env=env, text=True)
    try:
        status, body = wait_for_health(proc, port)
        assert status == 200, body
        assert json.loads(body)["database"] is True  # it logged in with the stored password
        status, page = get(f"http://127.0.0.1:{port}/login")
        assert status == 200 and "<form" in page
    finally:
        proc.send_signal(signal.SIGINT)  # what stopping the service amounts to
        proc.wait(timeout=30)
    log = (tmp_path / "service-profile/data/opendesk/logs/portal.log").read_text(encoding="utf-8")
    assert f"database {url}" in log  # the configured URL, shown without a password
    assert password not in log


def test_an_unsafe_secret_file_stops_the_service_with_the_reason_in_its_log(
    tmp_path: Path, mariadb_account: tuple[str, str]
) -> None:
    url, password = mariadb_account
    store = tmp_path / "etc" / "secrets.json"
    machine_secrets.put(credentials.database_key(*_key_parts(url)), password, store)
    portal_key = secrets.token_urlsafe(48)
    machine_secrets.put(credentials.portal_secret_key(), portal_key, store)
    store.chmod(0o644)
    env = service_env(tmp_path, {"DBURL": url}, store, free_port())

    done = subprocess.run(
        [sys.executable, "-c", SERVICE_MAIN],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    log = (tmp_path / "service-profile/data/opendesk/logs/portal.log").read_text(encoding="utf-8")
    assert "No secret key" in log  # not started, and why
    assert "can be read or changed by other users" in done.stderr
    for secret in (password, portal_key):
        assert secret not in log + done.stderr


def _key_parts(url: str) -> tuple[str, str, int, str]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.username or "", parsed.host or "", parsed.port or 0, parsed.database or ""
