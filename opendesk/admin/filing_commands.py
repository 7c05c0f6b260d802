"""`opendesk-admin` commands of issue 23: file a conversation to the chart (`file-thread ID`),
file every thread that is due by the practice preference `file_threads_after_days`
(`file-due`, for a scheduled task: Windows Task Scheduler or cron, once a day), and export
WebMail as a FHIR R4 Bundle (`fhir export`). They act as a SystemActor and are audited."""

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeAlias

from opendesk.admin.database import open_database
from opendesk.core import fhir_export, preferences, timefmt
from opendesk.core.actors import SystemActor
from opendesk.core.db import Database
from opendesk.core.errors import ValidationError
from opendesk.core.services import chart_filing

ACTOR = SystemActor("opendesk-admin")
Handler = Callable[[argparse.Namespace], int]
Adder = Callable[..., argparse.ArgumentParser]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _messages(n: int) -> str:
    return f"{n} message" if n == 1 else f"{n} messages"


def cmd_file_thread(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        with db.session() as session:
            filed = chart_filing.file_thread(session, ACTOR, args.id)
    finally:
        db.dispose()
    print(
        f"Filed conversation {filed.thread_id} ({_messages(filed.message_count)}) as version "
        f"{filed.version}: {filed.path}\nSHA-256 {filed.sha256}, {filed.size} bytes."
    )
    return 0


def cmd_file_due(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        with db.session() as session:
            days = preferences.get(session, preferences.FILE_THREADS_AFTER_DAYS)
            result = chart_filing.file_due_threads(session, ACTOR, limit=args.limit)
    finally:
        db.dispose()
    if days <= 0:
        print("Filing by age is off (file_threads_after_days = 0); nothing filed.")
        return 0
    for filed in result.filed:
        # ids only: a scheduled task's output ends up in logs and e-mails, and the file's
        # path holds the patient's name and the subject
        print(f"filed conversation {filed.thread_id} version {filed.version}")
    for thread, reason in result.failed:
        print(f"conversation {thread} NOT filed: {reason}", file=sys.stderr)
    print(f"{len(result.filed)} filed, {len(result.failed)} refused.")
    return 1 if result.failed else 0


def _since(text: str | None, db: Database) -> datetime | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"--since takes a date like 2026-11-30, not {text!r}.") from exc
    with db.readonly_session() as session:
        zone = timefmt.practice_zone(preferences.get_all(session))
    return timefmt.to_utc(datetime.combine(day, time()), zone)


def cmd_fhir_export(args: argparse.Namespace) -> int:
    db = open_database(args)
    out = Path(args.out)
    try:
        since = _since(args.since, db)
        with db.session() as session:
            bundle = fhir_export.export_bundle(
                session,
                ACTOR,
                patient_id=args.patient,
                since=since,
                with_data=not args.no_attachment_data,
                base_url=args.base_url,
            )
    finally:
        db.dispose()
    temp = out.with_name(out.name + ".part")
    with open(temp, "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=1)
    temp.replace(out)
    kinds: dict[str, int] = {}
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"Wrote a FHIR R4 Bundle to {out}: {summary}.")
    return 0


def register(sub: Subparsers, add: Adder) -> None:
    """Add the filing and FHIR commands to `opendesk-admin`'s parser."""
    ft = add(
        "file-thread",
        cmd_file_thread,
        "file a WebMail conversation to the patient's chart as PDF (A-to-Z folder, WebMail)",
    )
    ft.add_argument("id", type=int, help="the id of any message of the conversation")
    due = add(
        "file-due",
        cmd_file_due,
        "file every conversation whose last message is file_threads_after_days old and not "
        "filed yet (run it daily as a scheduled task)",
    )
    due.add_argument("--limit", type=int, default=500, help="at most this many (default 500)")
    fhir = sub.add_parser("fhir", help="FHIR R4 export of WebMail")
    fhir_sub = fhir.add_subparsers(dest="fhir_command", required=True, metavar="ACTION")
    exp = add(
        "export",
        cmd_fhir_export,
        "write a FHIR R4 Bundle: a Communication per message, with its Patients, "
        "Practitioners, the Organization and the attachments",
        fhir_sub,
    )
    exp.add_argument("--patient", type=int, metavar="N", help="only this patient's messages")
    exp.add_argument(
        "--since", metavar="DATE", help="only messages sent on or after this day (2026-11-30)"
    )
    exp.add_argument("--out", required=True, metavar="FILE", help="the JSON file to write")
    exp.add_argument(
        "--no-attachment-data",
        action="store_true",
        help="describe attachments (type, size, SHA-1) without their content",
    )
    exp.add_argument("--base-url", help="base of the entries' full URLs (default: portal/fhir)")
