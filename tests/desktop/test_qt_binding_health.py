"""Guards the Qt binding itself. PySide6 6.12.0 on CPython 3.11 drops a reference to None or
a bool on calls such as QApplication.processEvents() and Signal.emit(); after a few thousand
calls the interpreter aborts ("none_dealloc" / "bool_dealloc"). A desktop client that runs
all day would crash, so the project pins a release without the bug; this test fails on one
that has it. It runs in a subprocess because the failure is a hard abort."""

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

app = QApplication([])

class Emitter(QObject):
    fired = Signal(object)

emitter = Emitter()
seen = []
emitter.fired.connect(seen.append)
start_none, start_true = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20000):
    QApplication.processEvents()
    emitter.fired.emit(None)
    emitter.fired.emit(True)
assert len(seen) == 40000
print(sys.getrefcount(None) - start_none >= 0, sys.getrefcount(True) - start_true >= 0)
"""


def test_processevents_and_signals_keep_their_references() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True"], result.stdout
