"""A mail catcher for the demo and the tests: an SMTP server on 127.0.0.1 that keeps every
message it receives as an .eml file in a folder, so nobody's real inbox is involved.

Run alone: `python -m opendesk.mail.catcher --dir FOLDER --port 8025`.
"""

import argparse
import email
import email.policy
import socket
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            n = len(list(self.folder.glob("*.eml"))) + 1
            name = f"{time.strftime('%Y%m%d-%H%M%S')}-{n:05d}.eml"
            (self.folder / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


class MailCatcher:
    """Start with `start()`, stop with `stop()`; `messages()` parses what arrived."""

    def __init__(self, folder: Path, port: int = 0, host: str = "127.0.0.1") -> None:
        self.folder = folder
        self.host = host
        self.port = port or free_port()
        folder.mkdir(parents=True, exist_ok=True)
        self._controller = Controller(_Handler(folder), hostname=host, port=self.port)

    def start(self) -> "MailCatcher":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def messages(self) -> list[EmailMessage]:
        found = []
        for path in sorted(self.folder.glob("*.eml")):
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            found.append(msg)
        return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m opendesk.mail.catcher",
        description="Demo mail catcher: an SMTP server on 127.0.0.1 that saves messages as "
        ".eml files.",
    )
    parser.add_argument("--dir", type=Path, required=True, help="folder for the .eml files")
    parser.add_argument("--port", type=int, default=8025)
    args = parser.parse_args(argv)
    catcher = MailCatcher(args.dir, args.port).start()
    print(f"mail catcher on 127.0.0.1:{catcher.port}, saving to {args.dir}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        catcher.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
