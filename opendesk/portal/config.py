"""The portal server's settings, checked once at start-up.

The server refuses to start without a secret key of at least 32 characters outside demo mode
(the key signs the session cookies: whoever knows it can forge a log-in), and refuses to serve
plain HTTP on a network address unless a reverse proxy in front of it is named as trusted.
Sources, strongest first: command line, environment (`OPENDESK_PORTAL_*`), defaults.
"""

import ipaddress
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from opendesk.core.errors import ConfigurationError
from opendesk.core.settings import resolve_database_url

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
SECRET_MIN = 32
_PLACEHOLDERS = {"changeme", "change-me", "secret", "your-secret-key", "changethis"}
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(raw: str | list[str] | tuple[str, ...]) -> tuple[Network, ...]:
    """Addresses or networks (comma separated), e.g. "127.0.0.1, 10.0.0.0/8"."""
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ConfigurationError(
                f"Not an address or network in trusted proxies: {item}"
            ) from exc
    return tuple(networks)


def parse_hosts(raw: str) -> tuple[str, ...]:
    """Host names (comma separated), lower case, without a port."""
    return tuple(h.strip().lower() for h in raw.split(",") if h.strip())


@dataclass(frozen=True)
class PortalConfig:
    database_url: str
    secret_key: str
    demo: bool = False
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    certfile: Path | None = None
    keyfile: Path | None = None
    trusted_proxies: tuple[Network, ...] = ()
    # Host header values answered besides loopback names, the listen address and the host of
    # the practice's Patient portal URL preference (read from the database).
    allowed_hosts: tuple[str, ...] = ()
    idle_timeout: float = 15 * 60  # seconds without a request before the session ends
    absolute_timeout: float = 8 * 3600  # seconds after log-in when the session ends anyway
    run_outbox: bool = True
    outbox_poll_seconds: float = 5.0
    page_size: int = 20
    login_delay_base: float = 1.0  # seconds; doubles with each failure after the second
    login_delay_max: float = 16.0
    request_deadline: float = 4.0  # seconds before a 503 page when the database does not answer
    request_slots: int = 16  # requests inside the portal at once (portal/admission.py)
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @property
    def https(self) -> bool:
        return self.certfile is not None

    def problems(self) -> list[str]:
        found = []
        key = self.secret_key.strip()
        if not self.demo:
            if not key:
                found.append(
                    "No secret key: set OPENDESK_PORTAL_SECRET or --secret-file (at least "
                    f'{SECRET_MIN} random characters; e.g. python -c "import secrets; '
                    'print(secrets.token_urlsafe(48))").'
                )
            elif len(key) < SECRET_MIN or key.lower() in _PLACEHOLDERS:
                found.append(f"The secret key must be at least {SECRET_MIN} random characters.")
        if (self.certfile is None) != (self.keyfile is None):
            found.append("HTTPS needs both a certificate file and a key file.")
        for path in (self.certfile, self.keyfile):
            if path is not None and not path.is_file():
                found.append(f"The file {path} does not exist.")
        if not 0 < self.port < 65536:
            found.append(f"The port {self.port} is not a port number.")
        public = self.host not in _LOOPBACK
        if public and not self.https and not self.trusted_proxies:
            found.append(
                f"Serving plain HTTP on {self.host}: give --certfile/--keyfile, or serve on "
                "127.0.0.1 behind a reverse proxy named in --trusted-proxy."
            )
        if self.idle_timeout <= 0 or self.absolute_timeout < self.idle_timeout:
            found.append("The session timeouts are not valid.")
        if self.request_slots < 1:
            found.append("The portal needs at least one request slot.")
        return found

    def validate(self) -> "PortalConfig":
        found = self.problems()
        if found:
            raise ConfigurationError("The portal cannot start: " + " ".join(found))
        return self


def load_config(
    *,
    db: str | None = None,
    host: str | None = None,
    port: int | None = None,
    demo: bool = False,
    certfile: str | None = None,
    keyfile: str | None = None,
    secret_file: str | None = None,
    trusted_proxies: str | None = None,
    allowed_hosts: str | None = None,
    run_outbox: bool = True,
) -> PortalConfig:
    """The validated configuration from command-line values and the environment."""
    env = os.environ
    secret = env.get("OPENDESK_PORTAL_SECRET", "")
    if secret_file:
        try:
            secret = Path(secret_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"Cannot read the secret key file: {exc}") from exc
    if not secret and demo:
        secret = secrets.token_urlsafe(48)  # sessions end when the demo server stops
    cert = certfile or env.get("OPENDESK_PORTAL_CERTFILE") or None
    key = keyfile or env.get("OPENDESK_PORTAL_KEYFILE") or None
    try:
        port_value = (
            port if port is not None else int(env.get("OPENDESK_PORTAL_PORT", DEFAULT_PORT))
        )
    except ValueError as exc:
        raise ConfigurationError("OPENDESK_PORTAL_PORT is not a number.") from exc
    return PortalConfig(
        database_url=resolve_database_url(db).url,
        secret_key=secret,
        demo=demo,
        host=host or env.get("OPENDESK_PORTAL_HOST", DEFAULT_HOST),
        port=port_value,
        certfile=Path(cert) if cert else None,
        keyfile=Path(key) if key else None,
        trusted_proxies=parse_proxies(
            trusted_proxies
            if trusted_proxies is not None
            else env.get("OPENDESK_PORTAL_PROXIES", "")
        ),
        allowed_hosts=parse_hosts(
            allowed_hosts if allowed_hosts is not None else env.get("OPENDESK_PORTAL_HOSTS", "")
        ),
        run_outbox=run_outbox,
        outbox_poll_seconds=_seconds(env.get("OPENDESK_PORTAL_OUTBOX_POLL", "5")),
    ).validate()


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigurationError("OPENDESK_PORTAL_OUTBOX_POLL is not a number.") from exc
    if not 0.05 <= value <= 3600:
        raise ConfigurationError("OPENDESK_PORTAL_OUTBOX_POLL must be 0.05 to 3600 seconds.")
    return value
