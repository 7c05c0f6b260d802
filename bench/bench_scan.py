"""Malware-scan benchmark (run on demand; prints numbers, asserts nothing): what scanning a
20 MB attachment with clamd adds to a send. Target: < 1 s.

1. scan: `ClamdClient.scan` (INSTREAM over the unix socket) of 20 MB of random bytes, a 20 MB
   JPEG (noise, so it does not compress) and a 20 MB PDF.
2. send: `core.services.webmail.send` with one 20 MB attachment, scanned by clamd, against the
   same send with no scanner set up (policy "accept": the file is stored "not scanned" without
   any network call); the difference is what scanning adds.

clamd is started as the tests start it (tests/clamd.py: our own signature database, so the
numbers are for the scanning engine with few signatures; a practice's full ClamAV database adds
signature matching time, which clamd does with one pass over the bytes).

    PYTHONPATH=. .venv/bin/python bench/bench_scan.py [--runs 5]
"""

import argparse
import io
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.bench_send import BIG, PASSWORD, make_practice
from opendesk.core import migrate
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.scanner import ClamdClient
from opendesk.core.services import staff_auth, webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import clamd as clamd_support


def _jpeg(size: int) -> bytes:
    from PIL import Image

    side = 2600
    while True:
        im = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=95)
        if out.tell() >= size * 0.95:
            return out.getvalue()
        side = int(side * 1.1)


def _pdf(size: int) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = DecodedStreamObject()
    stream.set_data(b"% " + os.urandom(size // 2).hex().encode()[: size - 4] + b"\n")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _line(label: str, times: list[float], target: float | None = None) -> None:
    extra = f"   target < {target:.0f} ms" if target else ""
    print(
        f"  {label:44s} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms"
        f"   (n={len(times)}){extra}"
    )


def bench_scan(client: ClamdClient, runs: int) -> None:
    samples = {
        "random bytes": os.urandom(BIG),
        "JPEG (noise)": _jpeg(BIG),
        "PDF": _pdf(BIG),
    }
    for label, data in samples.items():
        client.scan(data)  # warm up
        times = []
        for _ in range(runs):
            result = client.scan(data)
            assert result.detection is None
            times.append(result.seconds * 1000)
        _line(f"scan {label} ({len(data) / 1e6:.1f} MB)", times, 1000)


def bench_send(db: Database, address: str, runs: int) -> None:
    patient_id, provider_id = make_practice(db, "http://127.0.0.1:9")
    with db.session() as s:
        user = staff_auth.login(s, "prov", PASSWORD, "bench")
    big = (NewAttachment("xray.jpg", "image/jpeg", _jpeg(BIG)),)

    def one() -> float:
        out = Outgoing(
            regarding_patient_id=patient_id,
            provider_id=provider_id,
            subject="Your X-rays",
            body="The full-mouth series is attached.",
            client_request_id=str(uuid.uuid4()),
            attachments=big,
        )
        with db.session() as s:
            start = time.perf_counter()
            webmail.send(s, user.actor, out)
            return (time.perf_counter() - start) * 1000

    results = {}
    for label, scanner, policy in (("no scanner", "", "accept"), ("clamd", address, "refuse")):
        with db.session() as s:
            prefs.set_many(s, {prefs.SCAN_ADDRESS: scanner, prefs.SCAN_POLICY: policy})
            s.commit()
        one()
        results[label] = [one() for _ in range(runs)]
        _line(f"send with a 20 MB attachment, {label}", results[label])
    added = statistics.median(results["clamd"]) - statistics.median(results["no scanner"])
    print(f"  scanning adds {added:.0f} ms to the send (median; target < 1000 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("OPENDESK_CLAMD", None)
    daemon = clamd_support.start()
    try:
        print(f"clamd: {ClamdClient(daemon.unix_address).version()}")
        bench_scan(ClamdClient(daemon.unix_address), args.runs)
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            migrate.upgrade(db.engine)
            try:
                bench_send(db, daemon.unix_address, args.runs)
            finally:
                db.dispose()
    finally:
        daemon.stop()


if __name__ == "__main__":
    main()
