"""Benchmark: build the MSI with wixl over a payload the size of the real frozen build.

The PyInstaller build of OpenDesk holds a few thousand files (Qt is most of them). This makes
a stand-in with that many: the three executables plus hard links to PySide6, SQLAlchemy,
Alembic and Pillow from the running Python's site-packages, builds the MSI with
installer/build.py, and prints file count, payload size, build time and MSI size.

    python bench/installer_build.py
"""

import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("PySide6", "sqlalchemy", "alembic", "PIL")


def link_tree(src: Path, dest: Path) -> None:
    for path in src.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            target = dest / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.hardlink_to(path)
            except OSError:
                target.write_bytes(path.read_bytes())


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="opendesk-msi-bench-") as tmp:
        payload = Path(tmp) / "payload"
        internal = payload / "_internal"
        internal.mkdir(parents=True)
        for exe in ("OpenDesk.exe", "opendesk-portal.exe", "opendesk-admin.exe"):
            (payload / exe).write_bytes(b"MZ stand-in\n")
        for name in PACKAGES:
            spec = find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                print(f"{name} is not installed; skipping it")
                continue
            link_tree(Path(next(iter(spec.submodule_search_locations))), internal / name)
        files = [p for p in payload.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "installer" / "build.py"),
                "--payload",
                str(payload),
                "--out",
                str(Path(tmp) / "out"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        took = time.perf_counter() - started
        (msi,) = (Path(tmp) / "out").glob("*.msi")
        print(f"payload: {len(files)} files, {size / 2**20:.0f} MiB")
        print(f"MSI build (wixl): {took:.1f} s, {msi.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
