"""Where the database URL comes from, secrets from the keyring, SQLite's connection set-up."""

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from opendesk.core import credentials
from opendesk.core.db import Database, normalise_url
from opendesk.core.settings import (
    WorkstationSettings,
    read_machine_config,
    resolve_database_url,
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("OPENDESK_DB_URL", raising=False)
    monkeypatch.setenv("OPENDESK_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("OPENDESK_MACHINE_CONFIG", str(tmp_path / "machine.json"))
    return tmp_path


def test_url_resolution_order(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = resolve_database_url()
    assert default.source == "default" and default.url.endswith("/opendesk/opendesk.db")

    (clean_env / "machine.json").write_text(json.dumps({"DBURL": "mariadb://od@server/od"}))
    assert resolve_database_url().source == "machine"
    assert read_machine_config() == {"DBURL": "mariadb://od@server/od"}

    settings = WorkstationSettings()
    settings.set("database_url", "postgresql://od@pg/od")
    settings.save()
    assert resolve_database_url().url == "postgresql://od@pg/od"

    monkeypatch.setenv("OPENDESK_DB_URL", "sqlite:///env.db")
    assert resolve_database_url().source == "environment"
    assert resolve_database_url("sqlite:///cli.db").url == "sqlite:///cli.db"


def test_settings_file_round_trip_and_unknown_names(clean_env: Path) -> None:
    settings = WorkstationSettings()
    assert settings.get("alert_poll_seconds") == 5
    settings.set("last_username", "kalbright")
    settings.save()
    assert WorkstationSettings().get("last_username") == "kalbright"
    assert json.loads((clean_env / "settings.json").read_text())["version"] == 1
    with pytest.raises(KeyError):
        settings.set("no_such_setting", 1)


def test_unreadable_settings_file_falls_back_to_defaults(
    clean_env: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (clean_env / "settings.json").write_text("{not json")
    assert WorkstationSettings().get("database_url") == ""
    assert "ignoring unreadable settings file" in caplog.text


def test_server_password_comes_from_the_keyring() -> None:
    credentials.set_secret(credentials.database_key("od", "dbhost", 3307, "practice"), "s3cret")
    url = normalise_url("mariadb://od@dbhost:3307/practice")
    assert url.password == "s3cret"
    assert url.drivername == "mariadb+pymysql" and url.query["charset"] == "utf8mb4"
    assert normalise_url("postgresql://x@h/d").drivername == "postgresql+psycopg"
    assert normalise_url("mariadb://nobody@dbhost/practice").password is None


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'sub' / 'p.db'}")
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    database.dispose()


def test_settings_are_typed_and_a_wrong_type_in_the_file_gives_the_default(
    clean_env: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from opendesk.core import settings as ws

    (clean_env / "settings.json").write_text(
        json.dumps({"alert_poll_seconds": "often", "last_username": 7, "window_state": "AAA="})
    )
    loaded = WorkstationSettings()
    assert loaded.get(ws.ALERT_POLL_SECONDS) == 5.0  # the declared default, not "often"
    assert loaded.get(ws.LAST_USERNAME) == "" and loaded.get(ws.WINDOW_STATE) == "AAA="
    loaded.set(ws.ALERT_POLL_SECONDS, 2)
    assert loaded.get(ws.ALERT_POLL_SECONDS) == 2.0
    with pytest.raises(TypeError):
        loaded.set(ws.LAST_USERNAME, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        loaded.set(ws.ALERT_POLL_SECONDS, True)  # type: ignore[arg-type]
    assert "ignoring setting alert_poll_seconds of type str" in caplog.text
