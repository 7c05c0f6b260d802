"""Faults around a send that tests/mail does not cover already (SMTP down and refusing are in
tests/mail/test_outbox.py): an SMTP server that stalls beyond the timeout, at the greeting and
after DATA, with a real secure message behind the notice; and bad attachments refused by the
core store with nothing half stored (no message, attachment, chunk or outbox row)."""

import socket
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.errors import ValidationError
from opendesk.core.models import Attachment, AttachmentChunk, OutboxNotice, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from opendesk.mail.outbox import OutboxWorker
from opendesk.mail.status import notice_state
from tests.security.conftest import Families, make_families


class StallingServer:
    """A TCP server that accepts and then says nothing (or greets and stalls after DATA)."""

    def __init__(self, greet: bool) -> None:
        self.greet = greet
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if self.greet:
                threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        try:
            conn.sendall(b"220 stall.example ESMTP\r\n")
            f = conn.makefile("rb")
            for line in f:
                cmd = line.strip().upper()
                if cmd.startswith((b"EHLO", b"HELO")):
                    conn.sendall(b"250 stall.example\r\n")
                elif cmd.startswith((b"MAIL", b"RCPT")):
                    conn.sendall(b"250 ok\r\n")
                elif cmd == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                elif cmd == b".":
                    return  # the message is in; the answer never comes
                elif cmd == b"QUIT":
                    return
            f.close()
        except OSError:
            return

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


@pytest.fixture(params=[False, True], ids=["silent-at-greeting", "stalls-after-data"])
def stalling(request: pytest.FixtureRequest) -> Iterator[StallingServer]:
    server = StallingServer(greet=request.param)
    yield server
    server.close()


def test_a_stalling_smtp_server_times_out_and_the_notice_retries(
    db: Database,
    stalling: StallingServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fam = make_families(db)
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.SMTP_HOST: "127.0.0.1",
                prefs.SMTP_PORT: stalling.port,
                prefs.SMTP_SECURITY: "none",
            },
        )
        s.commit()
    item = fam.items[0]
    worker = OutboxWorker(db, timeout=0.5)
    result = worker.run_once()
    assert result.claimed >= 1 and result.sent == 0
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, item.message_id)
        assert msg is not None and msg.body == item.body  # the secure message stays
        state = notice_state(s, item.message_id)
        assert state is not None and state.status == "queued" and state.attempts == 1
        assert "time" in state.last_error.lower()  # visible: why it did not go
        assert state.can_retry and state.next_attempt_at is not None
        assert "attempt 1 failed" in state.describe()
        assert "families.example" not in state.last_error
    assert "families.example" not in caplog.text  # timeouts may be logged; never addresses
    assert all(r.name == "opendesk.mail" for r in caplog.records)


def _rows(db: Database) -> dict[str, int]:
    with db.readonly_session() as s:
        return {
            m.__name__: int(s.execute(select(func.count()).select_from(m)).scalar_one())
            for m in (WebMailMessage, Attachment, AttachmentChunk, OutboxNotice)
        }


BIG = 2 * 1024 * 1024


@pytest.mark.backends
@pytest.mark.parametrize(
    "bad",
    [
        NewAttachment("../../etc/passwd", "text/plain", b"x"),
        NewAttachment("..\\..\\windows\\win.ini", "text/plain", b"x"),
        NewAttachment("C:evil.txt", "text/plain", b"x"),
        NewAttachment("", "text/plain", b"x"),
        NewAttachment("line\nbreak.txt", "text/plain", b"x"),
        NewAttachment("big.bin", "application/octet-stream", b"\0" * (BIG + 1)),
    ],
    ids=["traversal", "windows-traversal", "drive", "empty-name", "control", "over-limit"],
)
def test_a_send_with_a_bad_attachment_stores_nothing(db: Database, bad: NewAttachment) -> None:
    fam: Families = make_families(db)
    with db.session() as s:
        prefs.set_many(s, {prefs.ATTACH_MAX_FILE_BYTES: BIG, prefs.ATTACH_MAX_MESSAGE_BYTES: BIG})
        s.commit()
    before = _rows(db)
    good = NewAttachment("chart.png", "image/png", b"\x89PNG ok")
    out = Outgoing(
        regarding_patient_id=fam.patient_ids["ann"],
        provider_id=fam.provider_id,
        subject="Results",
        body="See attached.",
        client_request_id=str(uuid.uuid4()),
        attachments=(good, bad),  # the good one first: it must not stay behind either
    )
    with db.session() as s, pytest.raises(ValidationError) as refused:
        webmail.send(s, fam.doctor, out)
    assert str(refused.value)  # a message for the user
    assert _rows(db) == before
