"""`opendesk-portal`: run the patient portal server (and the notification outbox worker).

opendesk-portal --db mariadb://portal@dbhost/practice --certfile cert.pem --keyfile key.pem
opendesk-portal --demo            # http://127.0.0.1:8765 with a generated secret
"""

import argparse
import json
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opendesk import __version__
from opendesk.core.db import describe_url
from opendesk.core.errors import ConfigurationError
from opendesk.portal.config import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    PortalConfig,
    load_config,
    parse_proxies,
)

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("opendesk.portal")
WORKER_CONFIG_ENV = "OPENDESK_PORTAL_WORKER_CONFIG"  # the parent's checked config, for workers


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="opendesk-portal",
        description="Serve the OpenDesk patient portal (secure WebMail for patients) and run "
        "the notification outbox worker.",
        epilog="Environment: OPENDESK_DB_URL, OPENDESK_PORTAL_SECRET (required outside --demo: "
        "at least 32 random characters), OPENDESK_PORTAL_HOST, OPENDESK_PORTAL_PORT, "
        "OPENDESK_PORTAL_CERTFILE, OPENDESK_PORTAL_KEYFILE, OPENDESK_PORTAL_PROXIES. "
        "See docs/PORTAL.md.",
    )
    p.add_argument("--db", metavar="URL", help="practice database URL (else as the desktop)")
    p.add_argument("--host", help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument(
        "--demo",
        action="store_true",
        help="demo mode: a generated secret key is allowed (sessions end on restart)",
    )
    p.add_argument("--certfile", metavar="PEM", help="TLS certificate (serve HTTPS)")
    p.add_argument("--keyfile", metavar="PEM", help="TLS private key")
    p.add_argument("--secret-file", metavar="PATH", help="file holding the session secret key")
    p.add_argument(
        "--trusted-proxy",
        metavar="ADDRS",
        help="reverse proxies whose X-Forwarded-For/-Proto headers are believed "
        "(comma-separated addresses or networks, e.g. 127.0.0.1)",
    )
    p.add_argument(
        "--allowed-host",
        metavar="NAMES",
        help="host names the portal answers to besides the host of the practice's Patient "
        "portal URL and the loopback names (comma-separated, e.g. portal.example.com)",
    )
    p.add_argument("--no-outbox", action="store_true", help="do not run the outbox worker here")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve with N processes (uvicorn workers; each also runs an outbox worker)",
    )
    p.add_argument("--log-file", metavar="PATH", help="also log to this file (rotated)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument("--version", action="version", version=f"opendesk-portal {__version__}")
    return p


def setup_logging(level: str, log_file: str | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
            )
        )
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )


def _worker_config(config: PortalConfig, log_level: str, log_file: str | None) -> str:
    return json.dumps(
        {
            "database_url": config.database_url,
            "secret_key": config.secret_key,  # one secret for all: sessions work on any worker
            "demo": config.demo,
            "host": config.host,
            "port": config.port,
            "certfile": str(config.certfile) if config.certfile else None,
            "keyfile": str(config.keyfile) if config.keyfile else None,
            "trusted_proxies": ",".join(str(n) for n in config.trusted_proxies),
            "run_outbox": config.run_outbox,
            "outbox_poll_seconds": config.outbox_poll_seconds,
            "log_level": log_level,
            "log_file": log_file,
        }
    )


def app_from_environment() -> "FastAPI":
    """uvicorn's app factory in each process of `--workers N`: the configuration the parent
    checked, from the environment it handed down."""
    from opendesk.portal.app import create_app

    raw: dict[str, Any] = json.loads(os.environ[WORKER_CONFIG_ENV])
    setup_logging(raw.pop("log_level"), raw.pop("log_file"))
    cert, key = raw.pop("certfile"), raw.pop("keyfile")
    config = PortalConfig(
        **raw
        | {
            "trusted_proxies": parse_proxies(raw["trusted_proxies"]),
            "certfile": Path(cert) if cert else None,
            "keyfile": Path(key) if key else None,
        }
    ).validate()
    return create_app(config)


def serve(
    config: PortalConfig, log_level: str = "info", workers: int = 1, log_file: str | None = None
) -> None:
    import uvicorn

    scheme = "https" if config.https else "http"
    log.info(
        "portal %s on %s://%s:%s, database %s, %d process(es)",
        __version__,
        scheme,
        config.host,
        config.port,
        describe_url(config.database_url),
        workers,
    )
    options: dict[str, Any] = {
        "host": config.host,
        "port": config.port,
        "ssl_certfile": str(config.certfile) if config.certfile else None,
        "ssl_keyfile": str(config.keyfile) if config.keyfile else None,
        "proxy_headers": False,  # our middleware honours forwarded headers from trusted proxies
        "server_header": False,
        "log_level": log_level,
        "log_config": None,
    }
    if workers > 1:
        os.environ[WORKER_CONFIG_ENV] = _worker_config(config, log_level, log_file)
        uvicorn.run(
            "opendesk.portal.__main__:app_from_environment",
            factory=True,
            workers=workers,
            **options,
        )
        return
    from opendesk.portal.app import create_app

    uvicorn.run(create_app(config), **options)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup_logging(args.log_level, args.log_file)
    try:
        config = load_config(
            db=args.db,
            host=args.host,
            port=args.port,
            demo=args.demo,
            certfile=args.certfile,
            keyfile=args.keyfile,
            secret_file=args.secret_file,
            trusted_proxies=args.trusted_proxy,
            allowed_hosts=args.allowed_host,
            run_outbox=not args.no_outbox,
        )
    except ConfigurationError as exc:
        print(f"opendesk-portal: {exc}", file=sys.stderr)
        if args.log_file:  # a service has no console: the log file is where IT looks
            log.error("not started: %s", exc)
        return 2
    if not 1 <= args.workers <= 64:
        print("opendesk-portal: --workers must be 1 to 64.", file=sys.stderr)
        return 2
    serve(config, args.log_level, args.workers, args.log_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
