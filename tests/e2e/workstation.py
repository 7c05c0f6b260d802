"""A second desktop workstation in its own process, for the two-workstation system test.

python -m tests.e2e.workstation DB_URL USER chart PATIENT_ID
    prints the message ids the Chart module's WebMail tab lists for the patient
python -m tests.e2e.workstation DB_URL USER open MESSAGE_ID START_EPOCH
    waits until START_EPOCH, opens the message from the inbox (marks it read), prints the
    read time the database kept
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from opendesk.core.db import Database
    from opendesk.core.models import WebMailMessage
    from opendesk.core.services import staff_auth
    from opendesk.core.settings import WorkstationSettings
    from opendesk.desktop.context import AppContext
    from opendesk.desktop.taskman import TaskManager

    url, user, command, target = argv[:4]
    app = QApplication([])
    db = Database(url)
    ctx = AppContext(
        db,
        WorkstationSettings(__import__("pathlib").Path(os.environ["OPENDESK_SETTINGS"])),
        taskman=TaskManager(synchronous=True),
        workstation=f"ws-{os.getpid()}",
    )
    with db.session() as s:
        ctx.set_user(staff_auth.login(s, user, "Demo2026", ctx.workstation))
    if command == "chart":
        from opendesk.desktop.inbox.chart_page import ChartWebMailPage

        ctx.select_patient(int(target))
        page = ChartWebMailPage(ctx)
        page.patient_changed(ctx.selection)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not page.model.ids:
            app.processEvents()
            time.sleep(0.02)
        print(" ".join(str(i) for i in page.model.ids))
    elif command == "open":
        from opendesk.desktop.inbox.message_window import MessageWindow

        start = float(argv[4])
        while time.time() < start:
            time.sleep(0.001)
        window = MessageWindow.open_window(ctx, int(target))
        window.close()
        with db.readonly_session() as s:
            read_at = s.execute(
                select(WebMailMessage.read_at).where(WebMailMessage.id == int(target))
            ).scalar_one()
        print(read_at.isoformat() if read_at else "unread")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
