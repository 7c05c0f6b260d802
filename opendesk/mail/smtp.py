"""The SMTP transport, set up from the practice preferences (Setup → General Email Settings).

Security (`smtp_security`):
- ``starttls`` (default, port 587): plain connect, then STARTTLS is required; a server that does
  not offer it is an error, never a silent downgrade.
- ``tls`` (port 465): TLS from the first byte.
- ``none``: no encryption, allowed only to a mail server on this computer (localhost,
  127.0.0.0/8, ::1) such as a local relay or the demo's mail catcher. A remote host with
  ``none`` is refused as a configuration error: notices carry patients' addresses.

Certificates are checked against the system's trust store (``ssl.create_default_context``;
OpenSSL's ``SSL_CERT_FILE`` points it at a practice's own CA). With a user name set the
transport logs in (AUTH); the password comes from the environment variable
``OPENDESK_SMTP_PASSWORD`` when set (services without a keyring), else from the OS keyring
under ``credentials.smtp_key(user, host)``.

One `SmtpTransport` keeps its connection across a batch of notices and reconnects after the
server dropped it. Every failure becomes a `DeliveryError`, permanent or temporary.
"""

import functools
import logging
import os
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.credentials import get_secret, set_secret, smtp_key
from opendesk.core.errors import ConfigurationError
from opendesk.core.preference_rules import is_loopback as is_loopback  # one definition
from opendesk.mail.errors import DeliveryError
from opendesk.mail.message import Envelope

log = logging.getLogger("opendesk.mail")

PASSWORD_ENV = "OPENDESK_SMTP_PASSWORD"  # noqa: S105 (a variable name, not a password)
DEFAULT_TIMEOUT = 30.0
_ENHANCED = re.compile(rb"^\s*([245]\.\d{1,3}\.\d{1,3})")


class Security(StrEnum):
    """How the connection to the SMTP server is protected."""

    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"


@dataclass(frozen=True)
class SmtpSettings:
    """Everything needed to open an SMTP session. `password` never shows in repr()."""

    host: str
    port: int
    security: Security
    user: str = ""
    password: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    def validate(self) -> None:
        """Raise ConfigurationError (a message to show the practice) when unusable."""
        if not self.host.strip():
            raise ConfigurationError(
                "No SMTP server is set. Enter it in Setup → General Email Settings."
            )
        if not 0 < self.port < 65536:
            raise ConfigurationError("The SMTP port must be between 1 and 65535.")
        if self.security is Security.NONE and not is_loopback(self.host):
            raise ConfigurationError(
                "SMTP security 'none' sends e-mail unencrypted and is allowed only to a mail "
                "server on this computer (localhost). Choose starttls or tls."
            )
        if self.user and not self.password:
            raise ConfigurationError(
                "No SMTP password is stored on this computer. Store it with "
                "'opendesk-admin outbox set-password' or set OPENDESK_SMTP_PASSWORD."
            )


def smtp_password(user: str, host: str) -> str | None:
    """The SMTP password: OPENDESK_SMTP_PASSWORD if set, else the OS keyring, else None."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    return get_secret(smtp_key(user, host))


def store_smtp_password(user: str, host: str, password: str) -> None:
    """Keep the SMTP password in this computer's OS keyring."""
    set_secret(smtp_key(user, host), password)


def parse_security(raw: str) -> Security:
    try:
        return Security(raw.strip().lower())
    except ValueError:
        raise ConfigurationError("SMTP security must be starttls, tls or none.") from None


def load_settings(
    session: Session,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
) -> SmtpSettings:
    """The practice's SMTP settings with the password, validated (ConfigurationError)."""
    host = preferences.get(session, preferences.SMTP_HOST).strip()
    user = preferences.get(session, preferences.SMTP_USER).strip()
    settings = SmtpSettings(
        host=host,
        port=preferences.get(session, preferences.SMTP_PORT),
        security=parse_security(preferences.get(session, preferences.SMTP_SECURITY)),
        user=user,
        password=smtp_password(user, host) if user else None,
        timeout=timeout,
        ssl_context=ssl_context,
    )
    settings.validate()
    return settings


def _code_text(code: int, reply: bytes | str | None) -> str:
    """'550' or '550 5.1.1': the reply code and enhanced status, never the reply text."""
    raw = reply.encode("utf-8", "replace") if isinstance(reply, str) else (reply or b"")
    match = _ENHANCED.match(raw)
    return f"{code} {match.group(1).decode()}" if match else str(code)


def classify(exc: BaseException) -> DeliveryError:
    """Map an smtplib / socket / TLS error to a PHI-free DeliveryError.

    5xx replies about the recipient, sender or message are permanent; 4xx replies, network
    trouble, TLS and login problems are temporary (a later attempt, or a fixed setting, can
    succeed)."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(exc.recipients.values()), (550, b""))
        return DeliveryError(
            f"recipient refused by the mail server ({_code_text(code, reply)})",
            permanent=code >= 500,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return _classify_reply(exc)
    if isinstance(exc, smtplib.SMTPNotSupportedError | smtplib.SMTPServerDisconnected):
        return _classify_session(exc)
    if isinstance(exc, OSError):  # after smtplib's errors, which are OSErrors too
        return _classify_network(exc)
    return DeliveryError(f"unexpected delivery error ({type(exc).__name__})", permanent=False)


def _classify_reply(exc: smtplib.SMTPResponseException) -> DeliveryError:
    """The server answered with an error reply."""
    reply_code = _code_text(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return DeliveryError(
            f"From address refused by the mail server ({reply_code})",
            permanent=exc.smtp_code >= 500,
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            f"SMTP login refused ({exc.smtp_code}): check the SMTP user and password",
            permanent=False,
            connection=True,
        )
    if isinstance(exc, smtplib.SMTPDataError):
        return DeliveryError(
            f"message refused by the mail server ({reply_code})",
            permanent=exc.smtp_code >= 500,
        )
    if isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        return DeliveryError(
            f"the SMTP server refused the session ({exc.smtp_code})",
            permanent=False,
            connection=True,
        )
    return DeliveryError(f"the mail server answered {reply_code}", permanent=exc.smtp_code >= 500)


def _classify_session(
    exc: smtplib.SMTPNotSupportedError | smtplib.SMTPServerDisconnected,
) -> DeliveryError:
    """The SMTP session cannot go on: a missing extension, or the connection is gone."""
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(
            "the SMTP server does not support what the notice needs "
            "(international address or login)",
            permanent=False,
            connection=True,
        )
    # smtplib turns a read timeout into "Connection unexpectedly closed: timed out";
    # say it was the wait, not the server hanging up (a stalled server, a firewall).
    if isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc):
        return DeliveryError(
            "the SMTP server did not answer in time", permanent=False, connection=True
        )
    return DeliveryError("the SMTP server closed the connection", permanent=False, connection=True)


def _classify_network(exc: OSError) -> DeliveryError:
    """TLS, socket and name-resolution trouble: always temporary, the session is gone."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = "the SMTP server's certificate could not be verified"
    elif isinstance(exc, ssl.SSLError):
        reason = "TLS with the SMTP server failed (check the security setting and port)"
    elif isinstance(exc, ConnectionRefusedError):
        reason = "connection to the SMTP server refused"
    elif isinstance(exc, TimeoutError):
        reason = "the SMTP server did not answer in time"
    elif isinstance(exc, socket.gaierror):
        reason = "the SMTP server's name could not be resolved"
    else:
        reason = f"network error with the SMTP server ({type(exc).__name__})"
    return DeliveryError(reason, permanent=False, connection=True)


@functools.cache
def _ehlo_name() -> str:
    """This computer's name for EHLO, looked up once (getfqdn may wait on DNS)."""
    return socket.getfqdn() or "localhost"


class SmtpTransport:
    """One SMTP session reused for many notices; opened on first use, reopened after the
    server dropped it. Use as a context manager so the session is closed with QUIT."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._conn: smtplib.SMTP | None = None
        self.connections_opened = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        return self._conn is not None

    def open(self) -> None:
        """Connect, secure and log in. Raises a DeliveryError with `connection` set."""
        s = self.settings
        context = s.ssl_context or ssl.create_default_context()
        conn: smtplib.SMTP | None = None
        try:
            if s.security is Security.TLS:
                conn = smtplib.SMTP_SSL(
                    s.host, s.port, local_hostname=_ehlo_name(), timeout=s.timeout, context=context
                )
            else:
                conn = smtplib.SMTP(s.host, s.port, local_hostname=_ehlo_name(), timeout=s.timeout)
            conn.ehlo()
            if s.security is Security.STARTTLS:
                if not conn.has_extn("starttls"):
                    raise DeliveryError(
                        "the SMTP server does not offer STARTTLS (check the port, or choose tls)",
                        permanent=False,
                        connection=True,
                    )
                conn.starttls(context=context)
                conn.ehlo()
            if s.user:
                if not conn.has_extn("auth"):
                    raise DeliveryError(
                        "the SMTP server does not offer login (AUTH) on this connection",
                        permanent=False,
                        connection=True,
                    )
                conn.login(s.user, s.password or "")
        except Exception as exc:
            if conn is not None:
                _close_quietly(conn)
            error = classify(exc)
            error.connection = True
            log.warning("SMTP session to the configured server failed: %s", error.reason)
            raise error from None
        self._conn = conn
        self.connections_opened += 1
        log.debug("SMTP session opened (%s)", s.security.value)

    def send(self, envelope: Envelope) -> None:
        """Hand one e-mail to the server; DeliveryError when it is not accepted."""
        if self._conn is None:
            self.open()
        assert self._conn is not None
        try:
            self._conn.send_message(envelope.message, envelope.sender, [envelope.recipient])
        except Exception as exc:
            error = classify(exc)
            if error.connection:
                self._drop()
            raise error from None

    def _drop(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            _close_quietly(conn)

    def close(self) -> None:
        """End the session politely (QUIT); errors while closing are ignored."""
        self._drop()


def _close_quietly(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        try:
            conn.close()
        except OSError:
            log.debug("closing the SMTP socket failed")
