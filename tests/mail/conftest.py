"""Fixtures for the mail tests: a real aiosmtpd server in-process (plain, STARTTLS or implicit
TLS, with optional AUTH), a self-signed certificate made with `cryptography`, SMTP preferences,
and outbox rows inserted directly."""

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from keyrings.alt.file import PlaintextKeyring

from opendesk.core import preferences
from opendesk.core.db import Database
from opendesk.core.enums import OutboxStatus
from opendesk.core.models import OutboxNotice
from opendesk.mail.smtp import PASSWORD_ENV

FROM = "Willamette Dental <notify@willamette.example>"
NOTICE_TEXT = "Please go to this link and login using your credentials. https://portal.example/"
NOTICE_HTML = '<p>Please go to <a href="https://portal.example/">this link</a>.</p>'


@pytest.fixture(autouse=True)
def own_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets an empty keyring file and no OPENDESK_SMTP_PASSWORD."""
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    previous = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    keyring.set_keyring(ring)
    yield
    keyring.set_keyring(previous)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Handler:
    """Collects what the server accepts; can refuse recipients or demand a login."""

    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> SMTP reply
    require_auth: bool = False
    received: list[Received] = field(default_factory=list)
    ehlo_count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        with self.lock:
            self.ehlo_count += 1
        return responses

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.require_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


class Authenticator:
    """aiosmtpd authenticator accepting one user name and password."""

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.attempts = 0

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        self.attempts += 1
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)


class MailServer:
    """An aiosmtpd server on 127.0.0.1:port that a test can start, stop and start again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.handler = Handler()
        self.controller: Controller | None = None

    def start(self, **options: Any) -> "MailServer":
        self.stop()
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            server_hostname="mail.test",
            **options,
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """A mail server on a free port, not started yet (a test may want it down at first)."""
    server = MailServer(free_port())
    yield server
    server.stop()


@dataclass(frozen=True)
class Certificate:
    cert_file: Path
    key_file: Path
    pem: bytes

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert_file, self.key_file)
        return ctx

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cadata=self.pem.decode())


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for localhost / 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    pem = cert.public_bytes(serialization.Encoding.PEM)
    (folder / "cert.pem").write_bytes(pem)
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Certificate(folder / "cert.pem", folder / "key.pem", pem)


def configure_smtp(
    db: Database,
    port: int,
    *,
    host: str = "127.0.0.1",
    security: str = "none",
    user: str = "",
    max_attempts: int | None = None,
) -> None:
    values: dict[preferences.Pref[Any], Any] = {
        preferences.SMTP_HOST: host,
        preferences.SMTP_PORT: port,
        preferences.SMTP_SECURITY: security,
        preferences.SMTP_USER: user,
    }
    if max_attempts is not None:
        values[preferences.OUTBOX_MAX_ATTEMPTS] = max_attempts
    with db.session() as s:
        preferences.set_many(s, values)
        s.commit()


def add_notices(
    db: Database,
    count: int = 1,
    *,
    to: str = "patient{n}@example.com",
    message_id: int | None = None,
    **values: Any,
) -> list[int]:
    """Insert queued notices as the send service will, returning their ids."""
    with db.session() as s:
        rows = [
            OutboxNotice(
                message_id=message_id,
                to_address=to.format(n=n),
                from_address=FROM,
                subject="You have a secure message waiting for you",
                body_text=NOTICE_TEXT,
                body_html=NOTICE_HTML,
                status=values.get("status", OutboxStatus.QUEUED.value),
                **{k: v for k, v in values.items() if k != "status"},
            )
            for n in range(count)
        ]
        s.add_all(rows)
        s.commit()
        return [r.id for r in rows]


def notice(db: Database, notice_id: int) -> OutboxNotice:
    with db.readonly_session() as s:
        row = s.get(OutboxNotice, notice_id)
        assert row is not None
        return row
