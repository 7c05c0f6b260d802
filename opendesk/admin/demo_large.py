"""The large demo practice for measuring: 100,000 patients and a million web mails by default,
bulk-loaded with explicit ids into an empty, migrated database through each database's own bulk
path (`bulk_load`: COPY, LOAD DATA, executemany), the indexes built once after the load.

Every provider gets about messages/providers web mails (50,000 each by default), so the inbox
benchmarks see a realistic provider among a million messages. Times are naive UTC, as
everywhere in the database (docs/DESIGN.md).
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from opendesk.admin import demo_data as data
from opendesk.admin.bulk_load import BulkLoader
from opendesk.admin.demo import (
    PORTAL_PASSWORD,
    PRACTICE,
    STAFF_PASSWORD,
    _family_members,
    _family_sizes,
    _phone,
)
from opendesk.core import audit, preferences
from opendesk.core.actors import SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import (
    Patient,
    PortalAccount,
    Provider,
    User,
    WebMailMessage,
    search_columns,
    user_group_link,
)
from opendesk.core.passwords import hash_password
from opendesk.core.practice import PROVIDERS, ensure_default_groups

Progress = Callable[[str], None]


@dataclass
class LargeDemoTimings:
    patients: int
    messages: int
    seconds: float
    phases: dict[str, float]


@dataclass
class _Families:
    """Who is in the practice, by id: family heads, each family's members, each patient's
    primary provider, each head's portal account."""

    heads: list[int] = field(default_factory=list)
    members_of: dict[int, list[int]] = field(default_factory=dict)
    provider_of: dict[int, int] = field(default_factory=dict)
    account_of: dict[int, int] = field(default_factory=dict)


def _bulk(
    loader: BulkLoader,
    model: type[Any],
    rows: list[dict[str, Any]],
    chunk: int,
    progress: Progress | None,
    label: str,
) -> None:
    """Load dict rows through the database's bulk path, `chunk` rows per statement."""
    if not rows:
        return
    table = model.__table__
    columns = list(rows[0])
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        loader.load(table, columns, [tuple(r[c] for c in columns) for r in part])
        if progress:
            progress(f"  {label}: {min(start + chunk, len(rows)):,} of {len(rows):,}")


def _table(model: type[Any]) -> Table:
    return model.metadata.tables[model.__tablename__]  # type: ignore[no-any-return]


def _staff(session: Session, rng: random.Random, providers: int, now: datetime) -> None:
    """Providers D01… with one user each (prov01…) in the Providers group."""
    preferences.set_many(session, {**PRACTICE, preferences.PORTAL_URL: "https://portal.example"})
    groups = ensure_default_groups(session)
    pw = hash_password(STAFF_PASSWORD)
    ids = range(1, providers + 1)
    session.execute(
        insert(Provider),
        [
            {
                "id": i,
                "abbr": f"D{i:02d}",
                "first_name": rng.choice(data.FIRST_NAMES_F + data.FIRST_NAMES_M),
                "last_name": rng.choice(data.LAST_NAMES),
                "suffix": "DDS",
                "specialty": "General dentistry",
                "is_hidden": False,
                "created_at": now,
            }
            for i in ids
        ],
    )
    session.execute(
        insert(User),
        [
            {
                "id": i,
                "username": f"prov{i:02d}",
                "password_hash": pw,
                "provider_id": i,
                "is_disabled": False,
                "must_change_password": False,
                "failed_logins": 0,
                "created_at": now,
            }
            for i in ids
        ],
    )
    session.execute(
        insert(user_group_link), [{"user_id": i, "group_id": groups[PROVIDERS].id} for i in ids]
    )
    session.commit()


@dataclass(frozen=True)
class _Home:
    """What a family shares: its head, address and home phone."""

    head: int
    address: str
    city: str
    state: str
    zip3: str
    phone: str


def _patient_row(
    pid: int, member: dict[str, Any], home: _Home, wireless: str, zip_code: str, provider: int
) -> dict[str, Any]:
    return {
        "id": pid,
        **member,
        "middle_initial": "",
        "preferred_name": "",
        "home_phone": home.phone,
        "wireless_phone": wireless,
        "work_phone": "",
        "email": f"patient{pid}@example.com",
        "address": home.address,
        "address2": "",
        "city": home.city,
        "state": home.state,
        "zip": zip_code,
        "status": "patient",
        "primary_provider_id": provider,
        "guarantor_id": home.head,
        "responsible_party_id": None,
        **search_columns(member["last_name"], member["first_name"], home.phone, wireless),
    }


def _patients(
    rng: random.Random, patients: int, providers: int, now: datetime
) -> tuple[list[dict[str, Any]], _Families]:
    rows: list[dict[str, Any]] = []
    who = _Families()
    today = date.today()
    for size in _family_sizes(rng, patients):
        city, state, zip3 = rng.choice(data.CITIES)
        address = f"{rng.randint(100, 9999)} {rng.choice(data.STREETS)}"
        home = _Home(len(rows) + 1, address, city, state, zip3, _phone(rng))
        who.heads.append(home.head)
        for member in _family_members(rng, size, today):
            pid = len(rows) + 1
            prov = rng.randint(1, providers)
            who.provider_of[pid] = prov
            who.members_of.setdefault(home.head, []).append(pid)
            wireless = _phone(rng)
            zip_code = f"{zip3}{rng.randint(0, 99):02d}"
            row = _patient_row(pid, member, home, wireless, zip_code, prov)
            rows.append({**row, "created_at": now})
    return rows, who


def _accounts(who: _Families, now: datetime) -> list[dict[str, Any]]:
    portal_hash = hash_password(PORTAL_PASSWORD)
    rows: list[dict[str, Any]] = [
        {
            "id": n,
            "patient_id": head,
            "username": f"patient{head}",
            "password_hash": portal_hash,
            "is_active": True,
            "must_change_username": False,
            "must_change_password": False,
            "failed_logins": 0,
            "created_at": now,
        }
        for n, head in enumerate(who.heads, start=1)
    ]
    who.account_of = {row["patient_id"]: row["id"] for row in rows}
    return rows


def _message_row(
    rng: random.Random, mid: int, who: _Families, start: datetime, step: float
) -> dict[str, Any]:
    """Message `mid`, sent about `step` seconds after the one before: ids follow the sending
    order (within the hour), as in a real practice."""
    head = rng.choice(who.heads)
    regarding = rng.choice(who.members_of[head])
    prov = who.provider_of[regarding]
    sent = start + timedelta(seconds=int(mid * step) + rng.randint(0, 3600))
    from_patient = rng.random() < 0.4
    if from_patient:
        unread = rng.random() < 0.02
        status = MessageStatus.WEBMAIL_RECEIVED if unread else MessageStatus.WEBMAIL_RECD_READ
    else:
        read = rng.random() < 0.9
        status = MessageStatus.WEBMAIL_SENT_READ if read else MessageStatus.WEBMAIL_SENT
    subjects = data.PATIENT_SUBJECTS if from_patient else data.PRACTICE_SUBJECTS
    bodies = data.PATIENT_BODIES if from_patient else data.PRACTICE_BODIES
    return {
        "id": mid,
        "status": int(status),
        "patient_id": head,
        "regarding_patient_id": regarding,
        "provider_id": prov,
        "subject": rng.choice(subjects),
        "body": rng.choice(bodies).format(
            first="there", tooth=rng.randint(2, 31), provider="Your dentist"
        ),
        "sent_at": sent,
        "read_at": sent + timedelta(hours=3) if status.is_read else None,
        "thread_id": mid,
        "author_user_id": None if from_patient else prov,
        "sender_user_id": None if from_patient else prov,
        "sender_portal_account_id": who.account_of[head] if from_patient else None,
        "has_attachments": False,
        "is_hidden": False,
        "created_at": sent,
    }


def _messages(
    loader: BulkLoader,
    rng: random.Random,
    who: _Families,
    messages: int,
    now: datetime,
    chunk: int,
    progress: Progress,
) -> None:
    """`messages` web mails over the last three years, loaded `chunk` at a time."""
    span = 3 * 365 * 24 * 3600
    start = now - timedelta(seconds=span + 3600)
    step = span / max(messages, 1)
    batch: list[dict[str, Any]] = []
    for mid in range(1, messages + 1):
        batch.append(_message_row(rng, mid, who, start, step))
        if len(batch) >= chunk:
            _bulk(loader, WebMailMessage, batch, chunk, None, "")
            batch = []
            if mid % 100_000 == 0:
                progress(f"  messages: {mid:,} of {messages:,}")
    _bulk(loader, WebMailMessage, batch, chunk, None, "")


def make_large_demo(
    db: Database,
    *,
    patients: int = 100_000,
    messages: int = 1_000_000,
    providers: int = 20,
    seed: int = 7,
    chunk: int = 50_000,
    progress: Progress = print,
) -> LargeDemoTimings:
    """Bulk-load a big practice into an empty, migrated database; returns the time per phase."""
    rng = random.Random(seed)
    started = time.perf_counter()
    phases: dict[str, float] = {}
    now = utcnow().replace(microsecond=0)
    loader = BulkLoader(db)
    try:
        with db.session() as session:
            t = time.perf_counter()
            _staff(session, rng, providers, now)
            rows, who = _patients(rng, patients, providers, now)
            with loader.deferred_indexes(_table(Patient)):
                _bulk(loader, Patient, rows, chunk, progress, "patients")
            phases["patients"] = time.perf_counter() - t
            t = time.perf_counter()
            _bulk(loader, PortalAccount, _accounts(who, now), chunk, progress, "portal accounts")
            phases["portal accounts"] = time.perf_counter() - t
            t = time.perf_counter()
            with loader.deferred_indexes(_table(WebMailMessage)):
                _messages(loader, rng, who, messages, now, chunk, progress)
                phases["messages"] = time.perf_counter() - t
                t = time.perf_counter()
                progress("  building the indexes ...")
            phases["indexes"] = time.perf_counter() - t
            detail = f"large patients={patients} messages={messages}"
            audit.record(session, SystemActor("demo"), "demo.created", detail=detail)
            session.commit()
    finally:
        loader.dispose()
    return LargeDemoTimings(patients, messages, time.perf_counter() - started, phases)
