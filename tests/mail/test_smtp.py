"""The SMTP transport against a real aiosmtpd server: the MIME notice, plain / STARTTLS /
implicit TLS, AUTH with the password from the keyring, and how failures are classified."""

import datetime as dt
from email import message_from_string, policy

import keyring
import pytest

from opendesk.core.credentials import smtp_key
from opendesk.core.db import Database
from opendesk.core.errors import ConfigurationError
from opendesk.mail.errors import DeliveryError
from opendesk.mail.message import NoticeContent, build_message
from opendesk.mail.outbox import OutboxWorker
from opendesk.mail.smtp import (
    PASSWORD_ENV,
    Security,
    SmtpSettings,
    SmtpTransport,
    load_settings,
    store_smtp_password,
)
from tests.mail.conftest import (
    FROM,
    NOTICE_HTML,
    NOTICE_TEXT,
    Authenticator,
    Certificate,
    MailServer,
    add_notices,
    configure_smtp,
    notice,
)

CREATED = dt.datetime(2026, 11, 23, 9, 30, 0, 123456)


def content(**kw: object) -> NoticeContent:
    values: dict[str, object] = {
        "id": 7,
        "to_address": "pat@example.com",
        "from_address": FROM,
        "subject": "You have a secure message waiting for you",
        "body_text": NOTICE_TEXT,
        "body_html": NOTICE_HTML,
        "created_at": CREATED,
    }
    values.update(kw)
    return NoticeContent(**values)  # type: ignore[arg-type]


def test_delivered_notice_has_text_and_html_parts_and_the_right_from(
    db: Database, mail_server: MailServer
) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    [nid] = add_notices(db, to="jane.doe@example.com")

    result = OutboxWorker(db, timeout=5).run_once()

    assert (result.claimed, result.sent) == (1, 1)
    [got] = mail_server.received
    assert got.sender == "notify@willamette.example"
    assert got.recipients == ["jane.doe@example.com"]
    msg = got.message
    assert msg["From"] == FROM
    assert msg["To"] == "jane.doe@example.com"
    assert msg["Subject"] == "You have a secure message waiting for you"
    assert msg["Message-ID"].startswith(f"<opendesk.notice.{nid}.")
    assert msg["Message-ID"].endswith("@willamette.example>")
    assert msg["Date"] and msg["Auto-Submitted"] == "auto-generated"
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().strip() == NOTICE_TEXT
    assert html.get_content().strip() == NOTICE_HTML
    row = notice(db, nid)
    assert row.status == "sent" and row.sent_at is not None and row.attempts == 1


def test_the_from_display_name_is_encoded_and_the_envelope_is_the_bare_address() -> None:
    envelope = build_message(content(from_address='"Zoë\'s Smile, Dental" <n@smile.example>'))
    assert envelope.sender == "n@smile.example"
    raw = envelope.message.as_string()
    assert "From: =?utf-8?" in raw  # RFC 2047, not raw UTF-8 in a header
    parsed = message_from_string(raw, policy=policy.default)
    assert parsed["From"].addresses[0].display_name == "Zoë's Smile, Dental"
    assert parsed["From"].addresses[0].addr_spec == "n@smile.example"


def test_message_id_is_stable_across_attempts() -> None:
    first = build_message(content()).message["Message-ID"]
    again = build_message(content(), now=CREATED + dt.timedelta(hours=2)).message["Message-ID"]
    other = build_message(content(id=8)).message["Message-ID"]
    assert first == again != other


@pytest.mark.parametrize(
    "field,value,reason",
    [
        ("to_address", "not an address", "invalid recipient address"),
        ("to_address", "a@b.example\r\nBcc: evil@x.example", "invalid recipient address"),
        ("to_address", "Jane <jane@example.com>", "invalid recipient address"),
        ("from_address", "", "invalid From address"),
        ("subject", "Hello\r\nBcc: evil@x.example", "cannot be built"),
        ("body_text", "  ", "has no text"),
    ],
)
def test_a_notice_that_cannot_be_an_email_is_a_permanent_error(
    field: str, value: str, reason: str
) -> None:
    with pytest.raises(DeliveryError) as caught:
        build_message(content(**{field: value}))
    assert caught.value.permanent and reason in caught.value.reason
    assert "evil" not in caught.value.reason and "jane" not in caught.value.reason


def test_one_session_carries_a_whole_batch(db: Database, mail_server: MailServer) -> None:
    mail_server.start()
    configure_smtp(db, mail_server.port)
    add_notices(db, 12)
    result = OutboxWorker(db, timeout=5).run_once()
    assert result.sent == 12 and mail_server.handler.count() == 12
    assert mail_server.handler.ehlo_count == 1


def test_plain_smtp_to_a_remote_host_is_refused(db: Database) -> None:
    configure_smtp(db, 25, host="mail.example.com", security="none")
    with db.readonly_session() as s, pytest.raises(ConfigurationError, match="localhost"):
        load_settings(s)
    for host in ("localhost", "127.0.0.1", "127.0.0.2", "::1", "[::1]"):
        SmtpSettings(host, 25, Security.NONE).validate()
    SmtpSettings("mail.example.com", 587, Security.STARTTLS).validate()


def test_setup_problems_pause_the_worker_without_touching_notices(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    [nid] = add_notices(db)
    result = OutboxWorker(db).run_once()  # no SMTP server set at all
    assert result.claimed == 0 and "No SMTP server is set" in result.problem
    configure_smtp(db, 587, host="smtp.example.com", security="starttls", user="office")
    result = OutboxWorker(db).run_once()  # a user without a stored password
    assert "No SMTP password" in result.problem
    configure_smtp(db, 587, host="smtp.example.com", security="ssl")
    assert "starttls, tls or none" in OutboxWorker(db).run_once().problem
    row = notice(db, nid)
    assert (row.status, row.attempts, row.last_error) == ("queued", 0, "")
    assert "outbox paused: No SMTP password is stored" in caplog.text
    assert "outbox paused: No SMTP server is set" in caplog.text


def test_auth_login_with_the_password_from_the_keyring(
    db: Database,
    mail_server: MailServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    auth = Authenticator("office@willamette.example", "s3cret pass")
    mail_server.handler.require_auth = True
    mail_server.start(authenticator=auth, auth_require_tls=False)
    configure_smtp(db, mail_server.port, user="office@willamette.example")
    store_smtp_password("office@willamette.example", "127.0.0.1", "s3cret pass")
    assert keyring.get_password("OpenDesk", smtp_key("office@willamette.example", "127.0.0.1"))
    with db.readonly_session() as s:
        settings = load_settings(s)
    assert "s3cret" not in repr(settings)

    [nid] = add_notices(db)
    assert OutboxWorker(db, timeout=5).run_once().sent == 1
    assert auth.attempts == 1 and mail_server.handler.count() == 1
    assert notice(db, nid).status == "sent"
    assert "s3cret" not in caplog.text  # (aiosmtpd notes a deprecation of its own)


def test_a_wrong_password_is_a_temporary_failure_that_says_so(
    db: Database,
    mail_server: MailServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mail_server.handler.require_auth = True
    mail_server.start(authenticator=Authenticator("office", "right"), auth_require_tls=False)
    configure_smtp(db, mail_server.port, user="office")
    store_smtp_password("office", "127.0.0.1", "wrong")
    monkeypatch.setenv(PASSWORD_ENV, "also wrong")
    [a, b] = add_notices(db, 2)
    result = OutboxWorker(db, timeout=5).run_once()
    assert (result.retrying, result.sent) == (2, 0)
    for nid in (a, b):
        row = notice(db, nid)
        assert row.status == "queued" and row.attempts == 1
        assert row.last_error.startswith("SMTP login refused (535)")
    monkeypatch.setenv(PASSWORD_ENV, "right")  # the environment wins over the keyring
    with db.readonly_session() as s:
        assert load_settings(s).password == "right"
    assert "SMTP login refused (535)" in caplog.text and "right" not in caplog.text


def test_starttls_with_a_self_signed_certificate(
    db: Database, mail_server: MailServer, certificate: Certificate
) -> None:
    mail_server.start(tls_context=certificate.server_context(), require_starttls=True)
    configure_smtp(db, mail_server.port, host="localhost", security="starttls")
    add_notices(db, 3)
    result = OutboxWorker(db, timeout=5, ssl_context=certificate.client_context()).run_once()
    assert result.sent == 3 and mail_server.handler.count() == 3
    assert mail_server.handler.ehlo_count == 2  # before and after STARTTLS, once per batch


def test_implicit_tls(db: Database, mail_server: MailServer, certificate: Certificate) -> None:
    mail_server.start(ssl_context=certificate.server_context())
    configure_smtp(db, mail_server.port, host="127.0.0.1", security="tls")
    add_notices(db)
    result = OutboxWorker(db, timeout=5, ssl_context=certificate.client_context()).run_once()
    assert result.sent == 1


def test_an_untrusted_certificate_is_not_accepted(
    db: Database,
    mail_server: MailServer,
    certificate: Certificate,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mail_server.start(tls_context=certificate.server_context())
    configure_smtp(db, mail_server.port, host="localhost", security="starttls")
    [nid] = add_notices(db)
    result = OutboxWorker(db, timeout=5).run_once()  # the system trust store only
    assert result.retrying == 1 and mail_server.handler.count() == 0
    assert notice(db, nid).last_error == "the SMTP server's certificate could not be verified"
    assert "certificate could not be verified" in caplog.text


def test_starttls_is_required_never_silently_skipped(
    db: Database, mail_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    mail_server.start()  # offers no STARTTLS
    configure_smtp(db, mail_server.port, host="localhost", security="starttls")
    [nid] = add_notices(db)
    OutboxWorker(db, timeout=5).run_once()
    assert mail_server.handler.count() == 0
    assert "does not offer STARTTLS" in notice(db, nid).last_error
    assert "does not offer STARTTLS" in caplog.text


def test_transport_classifies_refusals(mail_server: MailServer) -> None:
    handler = mail_server.handler
    handler.refuse["gone@example.com"] = "550 5.1.1 <gone@example.com>: user unknown"
    handler.refuse["full@example.com"] = "452 4.2.2 <full@example.com>: mailbox full"
    mail_server.start()
    settings = SmtpSettings("127.0.0.1", mail_server.port, Security.NONE, timeout=5)
    with SmtpTransport(settings) as transport:
        with pytest.raises(DeliveryError) as gone:
            transport.send(build_message(content(to_address="gone@example.com")))
        with pytest.raises(DeliveryError) as full:
            transport.send(build_message(content(to_address="full@example.com")))
        transport.send(build_message(content()))  # the session survives refusals
        assert transport.connections_opened == 1
    assert gone.value.permanent and gone.value.reason.endswith("(550 5.1.1)")
    assert not full.value.permanent and full.value.reason.endswith("(452 4.2.2)")
    assert "example.com" not in gone.value.reason + full.value.reason
    assert handler.count() == 1


def test_connection_refused_is_temporary(
    mail_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = SmtpSettings("127.0.0.1", mail_server.port, Security.NONE, timeout=2)
    with SmtpTransport(settings) as transport, pytest.raises(DeliveryError) as caught:
        transport.send(build_message(content()))
    assert not caught.value.permanent and caught.value.connection
    assert caught.value.reason == "connection to the SMTP server refused"
    assert "connection to the SMTP server refused" in caplog.text
