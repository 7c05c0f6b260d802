"""`opendesk-admin outbox run / list / retry / set-password` against a real SMTP server."""

import io

import keyring
import pytest

from opendesk.admin.cli import main
from opendesk.core.credentials import smtp_key
from opendesk.core.db import Database
from tests.mail.conftest import MailServer, add_notices, configure_smtp, notice


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_outbox_commands(
    db: Database,
    mail_server: MailServer,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    mail_server.handler.refuse["gone@example.com"] = "550 5.1.1 unknown"
    mail_server.start()
    configure_smtp(db, mail_server.port)
    ok = add_notices(db, 3)
    [bad] = add_notices(db, to="gone@example.com")

    assert main(["--db", url_of(db), "outbox", "run", "--once"]) == 0
    assert "4 claimed, 3 sent, 0 to retry, 1 failed" in capsys.readouterr().out
    assert mail_server.handler.count() == 3

    assert main(["--db", url_of(db), "outbox", "list", "--failed"]) == 0
    out = capsys.readouterr().out
    assert "0 queued, 0 sending, 3 sent, 1 failed" in out
    assert f"{bad}  message" in out and "failed: recipient refused" in out
    assert "gone@example.com" not in out and f"{ok[0]}  message" not in out
    assert main(["--db", url_of(db), "outbox", "list", "--addresses"]) == 0
    assert "to gone@example.com" in capsys.readouterr().out

    mail_server.handler.refuse.clear()
    assert main(["--db", url_of(db), "outbox", "retry", str(bad)]) == 0
    assert "queued again" in capsys.readouterr().out
    assert main(["--db", url_of(db), "outbox", "run", "--once"]) == 0
    assert notice(db, bad).status == "sent" and mail_server.handler.count() == 4
    assert main(["--db", url_of(db), "outbox", "retry", str(bad)]) == 2
    assert "already been sent" in capsys.readouterr().err
    assert "recipient refused by the mail server (550 5.1.1)" in caplog.text


def test_run_once_reports_a_setup_problem(
    db: Database, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    add_notices(db)
    assert main(["--db", url_of(db), "outbox", "run", "--once"]) == 2
    assert "No SMTP server is set" in capsys.readouterr().out
    assert "outbox paused: No SMTP server is set" in caplog.text


def test_set_password_stores_it_in_the_keyring(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url_of(db), "outbox", "set-password", "--password-stdin"]) == 2
    configure_smtp(db, 587, host="smtp.Example.com", security="starttls", user="office")
    monkeypatch.setattr("sys.stdin", io.StringIO("pa55 word\n"))
    assert main(["--db", url_of(db), "outbox", "set-password", "--password-stdin"]) == 0
    assert "pa55" not in capsys.readouterr().out
    assert keyring.get_password("OpenDesk", smtp_key("office", "smtp.example.com")) == "pa55 word"


def test_retry_all_failed(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    failed = add_notices(db, 2, status="failed", attempts=8, last_error="550 after an outage")
    assert main(["--db", url_of(db), "outbox", "retry"]) == 2
    assert "--all-failed" in capsys.readouterr().err
    assert main(["--db", url_of(db), "outbox", "retry", "--all-failed"]) == 0
    assert "2 failed notifications are queued again" in capsys.readouterr().out
    assert [(notice(db, n).status, notice(db, n).attempts) for n in failed] == [("queued", 0)] * 2
