"""The machine-scope secret store on Linux, for real: a root-owned 0600 file, refused when others
can read it or root does not own it; looked up after the account's keyring by everything that
opens the database (portal, outbox worker); written by `opendesk-admin secrets ... --machine`.
The Windows branch (DPAPI machine scope under ProgramData) is one function only Windows runs."""

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from opendesk.core import credentials, machine_secrets
from opendesk.core.db import normalise_url
from opendesk.core.machine_secrets import MachineSecretsError

NOT_ROOT = os.geteuid() != 0
needs_root = pytest.mark.skipif(
    NOT_ROOT, reason="the machine store is root's: run the tests as root (CI does)"
)
ADMIN = Path(sys.executable).with_name("opendesk-admin")
NOBODY = 65534


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc-opendesk" / "secrets.json"
    monkeypatch.setenv(machine_secrets.ENV_PATH, str(path))
    return path


@pytest.fixture
def no_keyring() -> "object":
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(before)


@needs_root
def test_a_machine_secret_is_a_root_owned_private_file(store: Path) -> None:
    credentials.set_machine_secret("db:od@dbhost:3306/practice", "s3cret-one")
    credentials.set_machine_secret("portal:secret-key", "k" * 40)

    info = store.stat()
    assert (info.st_uid, info.st_gid) == (0, 0)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert json.loads(store.read_text(encoding="utf-8")) == {
        "db:od@dbhost:3306/practice": "s3cret-one",
        "portal:secret-key": "k" * 40,
    }
    assert machine_secrets.get("db:od@dbhost:3306/practice") == "s3cret-one"
    assert not list(store.parent.glob("*.tmp"))


@needs_root
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_file_others_can_read_or_change_is_refused(
    store: Path, mode: int, no_keyring: object, caplog: pytest.LogCaptureFixture
) -> None:
    credentials.set_machine_secret("db:od@dbhost:3306/practice", "s3cret-two")
    store.chmod(mode)
    with pytest.raises(MachineSecretsError, match="can be read or changed by other users") as exc:
        machine_secrets.read_all()
    assert f"{mode:04o}" in str(exc.value)
    assert "s3cret-two" not in str(exc.value)
    # Whoever asks for it gets nothing, and the log says why (without the secret).
    with caplog.at_level(logging.WARNING, logger="opendesk.secrets"):
        assert credentials.get_secret("db:od@dbhost:3306/practice") is None
    assert "chmod 600" in caplog.text
    assert "s3cret-two" not in caplog.text
    # Storing again does not write into an unsafe file either.
    with pytest.raises(MachineSecretsError):
        credentials.set_machine_secret("other", "x")


@needs_root
def test_a_file_root_does_not_own_is_refused(store: Path) -> None:
    credentials.set_machine_secret("db:od@dbhost:3306/practice", "s3cret")
    os.chown(store, NOBODY, NOBODY)
    with pytest.raises(MachineSecretsError, match="not owned by root"):
        machine_secrets.read_all()


def test_no_file_means_no_machine_secrets(store: Path) -> None:
    assert machine_secrets.read_all() == {}
    assert credentials.get_secret("db:nobody@nowhere:/x") is None


@needs_root
def test_the_keyring_comes_first_then_the_machine_store(store: Path) -> None:
    key = credentials.database_key("svc", "dbhost", 3306, "practice")
    credentials.set_machine_secret(key, "from-the-machine")
    assert credentials.get_secret(key) == "from-the-machine"
    credentials.set_secret(key, "from-the-keyring")
    try:
        assert credentials.get_secret(key) == "from-the-keyring"
    finally:
        credentials.delete_secret(key)


@needs_root
def test_a_service_without_a_keyring_opens_the_database_with_the_machine_password(
    store: Path, no_keyring: object
) -> None:
    # What the portal and the outbox worker do: normalise_url fills in a missing password.
    key = credentials.database_key("portal", "dbhost", 3306, "practice")
    credentials.set_machine_secret(key, "pa ss/w@rd")
    url = normalise_url("mariadb://portal@dbhost:3306/practice")
    assert url.password == "pa ss/w@rd"
    assert normalise_url("postgresql://other@dbhost/practice").password is None


def run_admin(
    *args: str, env: dict[str, str], stdin: str = "", user: int | None = None
) -> "subprocess.CompletedProcess[str]":
    command = [str(ADMIN), *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False
    )


def admin_env(store: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, machine_secrets.ENV_PATH: str(store), **extra}


@needs_root
def test_admin_set_db_password_machine(store: Path) -> None:
    done = run_admin(
        "--db",
        "mariadb://portal@dbserver:3306/practice",
        "secrets",
        "set-db-password",
        "--machine",
        "--password-stdin",
        env=admin_env(store),
        stdin="correct horse\n",
    )
    assert done.returncode == 0, done.stderr
    assert "for every account of this machine" in done.stdout
    assert "correct horse" not in done.stdout + done.stderr
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert store.stat().st_uid == 0
    assert machine_secrets.get("db:portal@dbserver:3306/practice") == "correct horse"

    done = run_admin("secrets", "set-portal-secret", "--machine", env=admin_env(store))
    assert done.returncode == 0, done.stderr
    assert len(machine_secrets.get(credentials.portal_secret_key()) or "") >= 32


@needs_root
def test_admin_machine_secret_needs_root(store: Path) -> None:
    store.parent.mkdir(parents=True)
    store.parent.chmod(0o777)  # so only the ownership rule can refuse
    done = run_admin(
        "--db",
        "mariadb://portal@dbserver/practice",
        "secrets",
        "set-db-password",
        "--machine",
        "--password-stdin",
        env=admin_env(store),
        stdin="pw\n",
        user=NOBODY,
    )
    assert done.returncode == 2
    assert "Only root can store a machine secret" in done.stderr
    assert "Traceback" not in done.stderr
    assert not store.exists()


def test_admin_without_any_keyring_says_what_to_do(store: Path) -> None:
    done = run_admin(
        "--db",
        "postgresql://portal@dbserver/practice",
        "secrets",
        "set-db-password",
        "--password-stdin",
        env=admin_env(store, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"),
        stdin="pw\n",
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "NoKeyringError" in done.stderr and "--machine" in done.stderr
    assert "pw" not in done.stdout
