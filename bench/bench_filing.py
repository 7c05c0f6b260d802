"""Benchmark for filing a conversation to the chart (issue 23): a 50-message thread with ten
5 MB photos (JPEG, one per message for ten of them), filed end to end by
`chart_filing.file_thread` (reading the thread and the attachments, making the PDF, writing it
to the A-to-Z folder, recording and auditing it). Target: under 5 s. Also a PNG variant (PNG
pages are decoded and compressed again, JPEG is embedded as it is).

Run: PYTHONPATH=$PWD .venv/bin/python bench/bench_filing.py [--db URL] [--runs 3]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

from opendesk.core import chart_pdf, migrate
from opendesk.core import preferences as prefs
from opendesk.core.actors import SystemActor
from opendesk.core.blobs import store_attachment
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import Patient, PortalAccount, Provider, WebMailMessage
from opendesk.core.services import chart_filing, thread_document

MESSAGES = 50
PHOTOS = 10


def photo(kind: str, target_bytes: int = 5 * 1024 * 1024) -> bytes:
    """A noisy photo of about `target_bytes` (noise does not compress)."""
    side = 2400 if kind == "JPEG" else 1480
    im = Image.frombytes("RGB", (side, side * 3 // 4), os.urandom(side * side * 3 // 4 * 3))
    out = io.BytesIO()
    im.save(out, kind, **({"quality": 95} if kind == "JPEG" else {}))
    data = out.getvalue()
    assert len(data) >= target_bytes * 0.9, len(data)
    return data


def make_thread(db: Database, atoz: Path, kind: str) -> int:
    images = [photo(kind) for _ in range(PHOTOS)]  # ten different ones (no shared image)
    content_type = "image/jpeg" if kind == "JPEG" else "image/png"
    with db.session() as s:
        prefs.set_many(s, {prefs.ATOZ_PATH: str(atoz), prefs.PRACTICE_NAME: "Bench Dental"})
        prov = Provider(abbr=f"B{kind}", first_name="Kim", last_name="Albright", suffix="DDS")
        s.add(prov)
        s.flush()
        pat = Patient(
            last_name="Bench",
            first_name=kind,
            birthdate=date(1980, 1, 1),
            primary_provider_id=prov.id,
        )
        s.add(pat)
        s.flush()
        s.add(PortalAccount(patient_id=pat.id, username=f"bench{kind}", password_hash="x"))
        start = utcnow() - timedelta(days=30)
        root: int | None = None
        for i in range(MESSAGES):
            from_practice = i % 2 == 0
            msg = WebMailMessage(
                status=int(
                    MessageStatus.WEBMAIL_SENT_READ
                    if from_practice
                    else MessageStatus.WEBMAIL_RECD_READ
                ),
                patient_id=pat.id,
                regarding_patient_id=pat.id,
                provider_id=prov.id,
                subject="Crown on 14" if i == 0 else "RE: Crown on 14",
                body=f"Message {i}: " + "How is the crown feeling after the visit? " * 12,
                sent_at=start + timedelta(hours=i),
                read_at=start + timedelta(hours=i, minutes=30),
                thread_id=root,
                parent_id=root,
            )
            s.add(msg)
            s.flush()
            if root is None:
                root = msg.thread_id = msg.id
            if i % (MESSAGES // PHOTOS) == 1:
                image = images[i // (MESSAGES // PHOTOS)]
                store_attachment(s, msg, f"photo{i:02d}.{kind.lower()}", content_type, image)
        s.commit()
        assert root is not None
        return root


def bench(db: Database, atoz: Path, kind: str, runs: int) -> None:
    root = make_thread(db, atoz, kind)
    print(f"  {PHOTOS} different {kind} photos of about 5 MB each (noise, {kind} as stored)")
    with db.session() as s:
        messages = thread_document.thread_messages(s, root)
        doc = thread_document.build(s, messages, now=utcnow())
    start = time.perf_counter()
    data = chart_pdf.render(doc)
    render = time.perf_counter() - start
    print(f"  render only: {render:.2f} s, PDF {len(data) / 1e6:.1f} MB")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with db.session() as s:
            filed = chart_filing.file_thread(s, SystemActor("bench"), root)
        times.append(time.perf_counter() - start)
    print(
        f"{kind}: file_thread, {MESSAGES} messages + {PHOTOS} photos of 5 MB: median "
        f"{statistics.median(times):.2f} s, max {max(times):.2f} s over {runs} runs "
        f"(target < 5 s); PDF {filed.size / 1e6:.1f} MB, version {filed.version}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--png", action="store_true", help="also the PNG variant")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-filing-"))
    db = Database(args.db or f"sqlite:///{work / 'bench.db'}")
    migrate.upgrade(db.engine)
    (work / "atoz").mkdir()
    try:
        bench(db, work / "atoz", "JPEG", args.runs)
        if args.png:
            bench(db, work / "atoz", "PNG", args.runs)
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
