"""The worker on a thread, as the portal server runs it: notices added while it runs are
delivered, and stop() ends it promptly."""

import threading
import time

from opendesk.core.db import Database
from opendesk.mail.outbox import BackgroundWorker
from tests.mail.conftest import MailServer, add_notices, configure_smtp, notice


def test_background_worker_delivers_while_running_and_stops(
    db: Database, mail_server: MailServer
) -> None:
    arrived = threading.Event()
    mail_server.start()
    configure_smtp(db, mail_server.port)
    worker = BackgroundWorker(db, poll_seconds=0.05, timeout=3, batch_size=10)
    worker.start()
    try:
        ids = add_notices(db, 25)
        deadline = time.monotonic() + 20
        while mail_server.handler.count() < 25 and time.monotonic() < deadline:
            arrived.wait(0.05)
    finally:
        assert worker.stop(timeout=10)
    assert mail_server.handler.count() == 25
    assert {notice(db, i).status for i in ids} == {"sent"}
