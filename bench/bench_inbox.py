"""Email Inbox benchmarks on the large demo practice (1,000,000 messages; provider 1 has about
20,000 received and 30,000 sent ones). Run on demand; it prints numbers and asserts nothing:

  python -m bench.bench_inbox [sqlite|mariadb|postgresql|all]

  open       the inbox page loads WebMail Inbox: first rows painted (target < 150 ms); the
             model loads the rest of the ids after that paint, and the bench waits for it
             (restLoaded) before the next round, so no round paints beside a rest load
  bare       the same first page (100 rows, display columns) by one hand-written SQL query on
             a raw DB-API cursor; ratio = open / bare (target < 2x)
  jump       All WebMail (~50,000 rows), all ids loaded: scroll to row 40,000 and paint
  filter     type a search text: first matching rows painted, and every match loaded
  alert      the unread-WebMail alert query a workstation polls (count + change marker)

At the end it prints the issue-25 table (one column per database run), with the machine's
load average (1 minute) when each database's run started and ended: the bench shares two cores
with other work, and a figure measured at a load above 2 is worth measuring again.

Nothing is written to the bench databases: the user is read, not logged in (a login writes an
audit row), and no row is selected (the preview pane audits a view).
Databases: /work/bench-data/large.db, mariadb://root@127.0.0.1/opendesk_bench and
postgresql://postgres@127.0.0.1/opendesk_bench (OPENDESK_BENCH_SQLITE / _MARIADB / _POSTGRES
override), each made with `opendesk-admin --db URL demo --size large`.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

URLS = {
    "sqlite": os.environ.get("OPENDESK_BENCH_SQLITE", "sqlite:////work/bench-data/large.db"),
    "mariadb": os.environ.get(
        "OPENDESK_BENCH_MARIADB", "mariadb+pymysql://root@127.0.0.1/opendesk_bench?charset=utf8mb4"
    ),
    "postgresql": os.environ.get(
        "OPENDESK_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1/opendesk_bench"
    ),
}
TEXTS = ("amoxicillin", "tooth #19", "reschedule zzz")
TABLE: dict[str, dict[str, str]] = {}  # row label -> backend -> cell
ROUNDS = 7

BARE_SQL = """
SELECT m.id, m.status, m.sent_at, h.last_name, h.first_name, r.last_name, r.first_name,
       m.subject, m.has_attachments, m.read_at, m.is_hidden
FROM webmail_message m
JOIN patient h ON h.id = m.patient_id
JOIN patient r ON r.id = m.regarding_patient_id
WHERE m.provider_id = 1 AND m.status IN (4, 5) AND m.is_hidden = false
ORDER BY m.sent_at DESC, m.id DESC
LIMIT 100
"""


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _summary(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"median {statistics.median(values):7.1f} ms  (min {low:6.1f}, max {high:6.1f})"


def run(backend: str) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from opendesk.core.db import Database
    from opendesk.core.models import Provider, User
    from opendesk.core.services.staff_auth import LoggedOnUser
    from opendesk.core.settings import WorkstationSettings
    from opendesk.desktop.context import AppContext
    from opendesk.desktop.inbox.page import EmailInboxPage
    from opendesk.desktop.taskman import TaskManager

    app = QApplication.instance() or QApplication(sys.argv)
    db = Database(URLS[backend])
    settings = WorkstationSettings(Path(tempfile.mkdtemp()) / "settings.json")
    ctx = AppContext(db, settings, taskman=TaskManager())
    with db.readonly_session() as s:
        user = s.execute(select(User).where(User.username == "prov01")).scalar_one()
        prov = s.get(Provider, user.provider_id)
        assert prov is not None
        perms = frozenset(p.permission for g in user.groups for p in g.permissions)
        ctx.user = LoggedOnUser(
            user.id, user.username, "bench", prov.id, prov.abbr, prov.display_name, False, perms
        )

    def wait(signal: Any, timeout_ms: int = 30000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    def painted(page: EmailInboxPage) -> None:
        page.table.viewport().repaint()

    load_start = os.getloadavg()[0]
    print(f"\nEmail Inbox on {db.description} (prov01), load average {load_start:.2f}")
    # -- bare query ------------------------------------------------------------------------------
    bare: list[float] = []
    raw = db.engine.raw_connection()
    try:
        for _ in range(ROUNDS + 1):
            cursor = raw.cursor()
            started = time.perf_counter()
            cursor.execute(BARE_SQL)
            rows = cursor.fetchall()
            bare.append(_ms(started))
            cursor.close()
            raw.rollback()
        assert len(rows) == 100
    finally:
        raw.close()
    bare = bare[1:]  # the first run warms the caches

    # -- open ------------------------------------------------------------------------------------
    page = EmailInboxPage.__new__(EmailInboxPage)
    started = time.perf_counter()
    EmailInboxPage.__init__(page, ctx)
    page.resize(1300, 800)
    page.show()
    wait(page.model.loaded)
    painted(page)
    cold = _ms(started)
    wait(page.model.restLoaded)
    opens: list[float] = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        page.reload()
        wait(page.model.loaded)
        painted(page)
        opens.append(_ms(started))
        wait(page.model.restLoaded)
    rows_inbox = page.model.rowCount()
    print(f"  bare SQL, first 100 rows          {_summary(bare)}")
    print(f"  open inbox, first rows painted    {_summary(opens)}   (first open {cold:.1f} ms)")
    ratio = statistics.median(opens) / statistics.median(bare)
    print(f"  ratio open / bare                 {ratio:7.2f}x   ({rows_inbox:,} in the inbox)")

    # -- all ids and the jump ----------------------------------------------------------------------
    started = time.perf_counter()
    page.choose_box("all")
    wait(page.model.loaded)
    first_all = _ms(started)
    wait(page.model.restLoaded)
    all_ids = _ms(started)
    total = page.model.rowCount()
    jumps: list[float] = []
    for offset in range(ROUNDS):
        row = min(40_000 + offset * 500, total - 1)
        started = time.perf_counter()
        page.table.scrollTo(page.model.index(row, 0))
        painted(page)
        jumps.append(_ms(started))
    print(
        f"  All WebMail first rows painted    {first_all:7.1f} ms; "
        f"all {total:,} ids {all_ids:.0f} ms"
    )
    print(f"  jump to row 40,000 and paint      {_summary(jumps)}")
    _cell(
        "open inbox, first rows painted (median / first open)",
        backend,
        f"{statistics.median(opens):.0f} / {cold:.0f} ms",
    )
    _cell("the bench's bare SQL first page", backend, f"{statistics.median(bare):.0f} ms")
    _cell("jump to row 40,000", backend, f"{statistics.median(jumps):.0f} ms")

    # -- text filter ---------------------------------------------------------------------------
    page.choose_box("inbox")
    wait(page.model.restLoaded)
    for text in TEXTS:
        firsts: list[float] = []
        alls: list[float] = []
        for _ in range(3):
            page.search.setText("")
            page.apply_filter()
            wait(page.model.restLoaded)
            started = time.perf_counter()
            page.search.setText(text)
            page.apply_filter()
            wait(page.model.loaded)
            painted(page)
            firsts.append(_ms(started))
            if not page.model.complete:
                wait(page.model.restLoaded)
            alls.append(_ms(started))
        first, every = statistics.median(firsts), statistics.median(alls)
        print(
            f"  filter {text!r:<16} first rows {first:7.1f} ms; "
            f"all {page.model.rowCount():,} matches {every:7.1f} ms"
        )
        _cell(f"filter {text!r}: first rows / all", backend, f"{first:.0f} / {every:.0f} ms")
    page.close()
    ctx.taskman.wait_for_done()
    _alert(db, prov.id, user.id, backend)
    load_end = os.getloadavg()[0]
    print(f"  load average at the end {load_end:.2f}")
    _cell("load average (start / end of the run)", backend, f"{load_start:.2f} / {load_end:.2f}")
    db.dispose()
    assert app is not None


def _cell(label: str, backend: str, value: str) -> None:
    TABLE.setdefault(label, {})[backend] = value


def _alert(db: Any, provider_id: int, user_id: int, backend: str) -> None:
    """The alert poll: one read-only transaction with the unread count and markers."""
    from opendesk.core.services.alerts import webmail_alert

    times: list[float] = []
    for _ in range(ROUNDS + 1):
        with db.readonly_session() as s:
            started = time.perf_counter()
            alert = webmail_alert(s, provider_id, user_id)
            times.append(_ms(started))
    print(f"  alert count ({alert.unread:,} unread)     {_summary(times[1:])}")
    _cell("unread alert poll (count + markers)", backend, f"{statistics.median(times[1:]):.1f} ms")


def print_table(backends: list[str]) -> None:
    names = {"sqlite": "SQLite", "mariadb": "MariaDB", "postgresql": "PostgreSQL"}
    print("\n| | " + " | ".join(names[b] for b in backends) + " |")
    print("|---|" + "---|" * len(backends))
    for label, cells in TABLE.items():
        print(f"| {label} | " + " | ".join(cells.get(b, "") for b in backends) + " |")


def main(argv: list[str]) -> int:
    which = argv[0] if argv else "all"
    backends = list(URLS) if which == "all" else [which]
    for backend in backends:
        run(backend)
    print_table(backends)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: PySide objects freed late can crash it
