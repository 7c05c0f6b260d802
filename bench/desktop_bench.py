"""Desktop client benchmarks (run on demand; they print numbers, they do not assert):

  python -m bench.desktop_bench search [BACKEND...]     keystroke to results in Select Patient
                                                         (target < 50 ms at 100,000 patients)
  python -m bench.desktop_bench stall [BACKEND...]      longest GUI-thread stall while alerts
                                                         poll (target < 16 ms)
  python -m bench.desktop_bench start [sqlite]           cold start to the main window
                                                         (< 1.5 s) and resident memory after
                                                         login (< 200 MB), in a fresh process
  python -m bench.desktop_bench all

BACKEND: sqlite, mariadb, postgresql (default: all three). Databases come from
bench.desktop_data (made once, 100,000 patients; OPENDESK_BENCH_DESKTOP_<BACKEND> names an
existing one). Issue 25's figures are on bench_inbox's large demo (100,000 patients, 1,000,000
messages), e.g.

  OPENDESK_BENCH_DESKTOP_MARIADB='mariadb+pymysql://root@127.0.0.1/opendesk_bench?charset=utf8mb4' \
  OPENDESK_BENCH_DESKTOP_POSTGRESQL=postgresql+psycopg://postgres@127.0.0.1/opendesk_bench \
  python -m bench.desktop_bench search mariadb postgresql

Logging in writes an audit row there. Each run prints the machine's load average (1 minute):
the two cores are shared, and a figure measured above 2 is worth measuring again.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def _app_context(url: str, synchronous: bool = False):  # type: ignore[no-untyped-def]
    import tempfile

    from opendesk.core.db import Database
    from opendesk.core.services import staff_auth
    from opendesk.core.settings import WorkstationSettings
    from opendesk.desktop.app import create_application
    from opendesk.desktop.context import AppContext
    from opendesk.desktop.taskman import TaskManager

    app = create_application()
    settings = WorkstationSettings(Path(tempfile.mkdtemp()) / "settings.json")
    ctx = AppContext(Database(url), settings, taskman=TaskManager(synchronous=synchronous))
    with ctx.db.session() as s:
        ctx.set_user(staff_auth.login(s, "prov01", "Demo2026", "bench"))
    return app, ctx


def bench_search(backend: str) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from bench.desktop_data import ensure
    from opendesk.desktop.dialogs.select_patient import SelectPatientDialog

    app, ctx = _app_context(ensure(backend))
    dialog = SelectPatientDialog(ctx)
    dialog.show()
    loop = QEventLoop()
    dialog.model.loaded.connect(loop.quit)

    def wait_loaded() -> None:
        QTimer.singleShot(5000, loop.quit)
        loop.exec()

    wait_loaded()  # the initial, empty search
    typed = ["s", "sm", "smi", "smit", "smith", "smith,", "smith, j", "smith, jo"]
    queries = {
        "last name, typed letter by letter": typed,
        "phone digits": ["5", "50", "503", "5035", "50355", "503555"],
        "phone, last four digits": ["8", "86", "867", "8672"],
        "phone, seven digits typed": ["5", "55", "555", "555-", "555-8", "555-86", "555-867"],
        "phone, seven digits pasted": ["555-8672", "5558672", "555 8672", "(503) 555-8672"],
        "birthdate": ["1/31/1980", "1980-01-31"],
        "patient number": ["#12345", "#99999"],
        "first name": [", m", ", ma", ", mar"],
    }
    print(
        f"\nSelect Patient, keystroke to results shown ({ctx.db.description}), "
        f"load average {os.getloadavg()[0]:.2f}:"
    )
    for label, texts in queries.items():
        timings = []
        for _round in range(3):
            for text in texts:
                started = time.perf_counter()
                dialog.ui.searchEdit.setText(text)
                wait_loaded()
                timings.append((time.perf_counter() - started) * 1000)
        print(
            f"  {label:<36} median {statistics.median(timings):6.1f} ms   "
            f"max {max(timings):6.1f} ms   ({len(timings)} keystrokes)"
        )
    started = time.perf_counter()
    dialog.ui.searchEdit.setText("")
    wait_loaded()
    scrolled = 0
    while dialog.model.canFetchMore(dialog.model.index(-1, -1)) and scrolled < 20:
        dialog.model.fetchMore(dialog.model.index(-1, -1))
        scrolled += 1
    per_page = (time.perf_counter() - started) * 1000 / max(1, scrolled)
    print(f"  scrolling: {scrolled} further pages of 100, {per_page:.1f} ms per page")
    dialog.close()
    ctx.taskman.wait_for_done()
    ctx.db.dispose()
    app.processEvents()


def bench_stall(backend: str, seconds: float = 5.0) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from bench.desktop_data import ensure
    from opendesk.desktop.alerts import AlertPoller

    app, ctx = _app_context(ensure(backend))

    def measure(with_polling: bool) -> tuple[float, int]:
        poller = AlertPoller(ctx, interval_seconds=0.05)  # 20 polls a second: a stress test
        polls = [0]
        poller.polled.connect(lambda: polls.__setitem__(0, polls[0] + 1))
        if with_polling:
            poller.start()
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]
        worst = [0.0]

        def tick() -> None:
            now = clock.nsecsElapsed()
            worst[0] = max(worst[0], (now - last[0]) / 1e6)
            last[0] = now

        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(tick)
        timer.start()
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        timer.stop()
        poller.stop()
        ctx.taskman.wait_for_done()
        app.processEvents()
        return worst[0], polls[0]

    idle, _ = measure(False)
    busy, polls = measure(True)
    print(
        f"\nGUI thread while alerts poll ({ctx.db.description}), "
        f"load average {os.getloadavg()[0]:.2f}:"
    )
    print(f"  longest gap between 1 ms timer ticks, idle:            {idle:6.1f} ms")
    print(f"  longest gap while polling every 50 ms ({polls} polls):   {busy:6.1f} ms")
    ctx.db.dispose()


CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t0 = float(sys.argv[2])
from opendesk.desktop.app import create_application, open_database
from opendesk.desktop.context import AppContext
from opendesk.core.settings import WorkstationSettings
from opendesk.core.services import staff_auth
from opendesk.core import preferences
import tempfile, pathlib
app = create_application()
db = open_database(sys.argv[1])
ctx = AppContext(db, WorkstationSettings(pathlib.Path(tempfile.mkdtemp()) / "s.json"))
with db.readonly_session() as s:
    ctx.practice = preferences.get_all(s)
from opendesk.desktop.dialogs.login import LoginDialog
login = LoginDialog(ctx)
login.show()
app.processEvents()
t_login = time.time()
with db.session() as s:
    ctx.set_user(staff_auth.login(s, "prov01", "Demo2026", "bench"))
login.accept()
from opendesk.desktop.mainwindow import MainWindow
w = MainWindow(ctx)
w.show()
app.processEvents()
t_main = time.time()
rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
print(f"{t_login - t0:.3f} {t_main - t0:.3f} {int(rss) / 1024:.1f}")
w.alerts.stop(); w.portal.stop(); ctx.taskman.wait_for_done()
"""


def bench_start(backend: str) -> None:
    from bench.desktop_data import ensure

    url = ensure(backend)
    results = []
    for _ in range(5):
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, url, repr(started)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
        ).stdout.split()
        results.append(tuple(float(x) for x in out[-3:]))
    login = statistics.median(r[0] for r in results)
    main = statistics.median(r[1] for r in results)
    rss = max(r[2] for r in results)
    print(f"\nCold start ({backend}, median of 5 fresh processes):")
    print(f"  process start to login dialog shown:                  {login * 1000:6.0f} ms")
    print(f"  process start to main window shown (login included):  {main * 1000:6.0f} ms")
    print(f"  resident memory after login, main window shown:       {rss:6.1f} MB")


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    backends = argv[1:] or ["sqlite", "mariadb", "postgresql"]
    if what in ("search", "all"):
        for b in backends:
            bench_search(b)
    if what in ("stall", "all"):
        for b in backends:
            bench_stall(b)
    if what in ("start", "all"):
        bench_start("sqlite")
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    # Skip interpreter finalisation: tearing down PySide objects in GC order after the
    # QApplication is gone can abort; the numbers are printed already.
    os._exit(code)
