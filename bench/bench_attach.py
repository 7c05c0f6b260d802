"""Benchmarks for attachments: the A-to-Z dialog on a 5,000-file folder (time to first rows,
target under 300 ms) and thumbnails for 100 photos (2000 x 1500 JPEGs), cold and cached.

Run: PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_attach.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from opendesk.attachments.atoz import ensure_patient_folder, list_folder
from opendesk.attachments.thumbnails import ThumbnailCache
from opendesk.desktop.attach import AtoZFileDialog


def photo(width: int, height: int, seed: int) -> bytes:
    im = Image.effect_noise((width // 4, height // 4), 40 + seed % 20).convert("RGB")
    im = im.resize((width, height))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 2 else 1
    im.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def bench_dialog(app: QApplication, root: Path) -> None:
    folder = ensure_patient_folder(root, "Smith", "Jo", 7)
    small = photo(320, 240, 1)
    for i in range(5000):
        name = f"photo{i:04d}.jpg" if i % 5 else f"doc{i:04d}.pdf"
        (folder / name).write_bytes(small if i % 5 else b"%PDF-1.4\n")
    t = time.perf_counter()
    list_folder(folder)
    print(f"list_folder, 5,000 files: {(time.perf_counter() - t) * 1000:.1f} ms")
    runs = []
    for _ in range(5):
        cache = ThumbnailCache(Path(tempfile.mkdtemp()) / "thumbs", size=48)
        start = time.perf_counter()
        dialog = AtoZFileDialog(folder, thumbnails=cache)
        loop = QEventLoop()
        dialog.listed.connect(lambda _n, loop=loop: loop.quit())
        dialog.show()
        loop.exec()  # (no processEvents() loop: PySide6 6.12 leaks a None reference per call)
        dialog.view.viewport().repaint()  # paint the first rows
        runs.append((time.perf_counter() - start) * 1000)
        made = dialog.loader.requested_count
        dialog.reject()
        dialog.deleteLater()
    print(
        f"A-to-Z dialog, 5,000 files, to first rows painted: median {statistics.median(runs):.0f}"
        f" ms, max {max(runs):.0f} ms (target < 300 ms); thumbnails requested at open: {made}"
    )


def bench_thumbnails(root: Path) -> None:
    folder = root / "photos"
    folder.mkdir()
    paths = []
    for i in range(100):
        p = folder / f"p{i:03d}.jpg"
        p.write_bytes(photo(2000, 1500, i))
        paths.append(p)
    cache = ThumbnailCache(root / "thumbs")
    start = time.perf_counter()
    for p in paths:
        assert cache.for_path(p) is not None
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for p in paths:
        cache.for_path(p)
    warm = time.perf_counter() - start
    print(
        f"thumbnails for 100 photos 2000x1500 (128 px, one thread): cold {cold * 1000:.0f} ms "
        f"({cold * 10:.1f} ms each), cached {warm * 1000:.1f} ms"
    )


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        bench_dialog(app, Path(tmp))
        bench_thumbnails(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
