"""An outbox worker in a process of its own, for a test to kill:
``python -m tests.faults.outbox_child DB_URL LEASE_SECONDS HEARTBEAT_SECONDS``."""

import sys
from datetime import timedelta

from opendesk.core.db import Database
from opendesk.mail.outbox import OutboxWorker


def main() -> None:
    url, lease, beat = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    worker = OutboxWorker(
        Database(url),
        worker_id="doomed",
        lease=timedelta(seconds=lease),
        heartbeat=timedelta(seconds=beat),
    )
    worker.run_forever(poll_seconds=0.2)


if __name__ == "__main__":
    main()
