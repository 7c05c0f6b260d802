"""The demo practice: a small one to try OpenDesk with, and a large one to measure it with.

Everything is invented and made on the spot (names, images, PDFs); nothing is downloaded.
"""

import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from opendesk.admin import demo_data as data
from opendesk.attachments.atoz import patient_folder
from opendesk.core import audit, preferences
from opendesk.core.actors import SystemActor
from opendesk.core.blobs import store_attachment
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import (
    Guardian,
    Patient,
    PortalAccount,
    Provider,
    User,
    WebMailMessage,
    search_columns,
    user_group_link,
)
from opendesk.core.passwords import hash_password
from opendesk.core.practice import ADMINISTRATORS, FRONT_DESK, PROVIDERS, ensure_default_groups

STAFF_PASSWORD = "Demo2026"  # noqa: S105 - printed demo login
PORTAL_PASSWORD = "Portal2026"  # noqa: S105 - printed demo login
PRACTICE = {
    preferences.PRACTICE_NAME: "Willamette Family Dental",
    preferences.PRACTICE_PHONE: "(503) 555-0100",
    preferences.PRACTICE_ADDRESS: "1200 Commercial St SE, Salem, OR 97302",
    preferences.NOTIFY_FROM: "notices@willamette-dental.example",
}
DEMO_PROVIDERS = (
    ("KA", "Kim", "Albright", "DDS", "General dentistry", "kalbright"),
    ("MB", "Marcus", "Bell", "DMD", "Periodontics", "mbell"),
    ("RC", "Rosa", "Chen", "RDH", "Hygiene", "rchen"),
)


@dataclass
class Login:
    username: str
    password: str
    who: str


@dataclass
class DemoResult:
    staff: list[Login] = field(default_factory=list)
    portal: list[Login] = field(default_factory=list)
    patients: int = 0
    messages: int = 0
    atoz_root: Path | None = None

    def describe(self) -> str:
        lines = [f"Demo practice: {self.patients} patients, {self.messages} web mail messages."]
        if self.atoz_root:
            lines.append(f"A-to-Z images folder: {self.atoz_root}")
        lines.append("Staff logins (desktop client):")
        lines += [f"  {x.username:<12} {x.password:<12} {x.who}" for x in self.staff]
        lines.append("Patient portal logins:")
        lines += [f"  {x.username:<16} {x.password:<12} {x.who}" for x in self.portal]
        return "\n".join(lines)


def _phone(rng: random.Random, area: str = "503") -> str:
    return f"({area}) 555-{rng.randint(100, 9999):04d}"


def _family_sizes(rng: random.Random, patients: int) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < patients:
        sizes.append(min(rng.choice((1, 2, 2, 3, 4, 4, 5, 6)), patients - sum(sizes)))
    return sizes


def _family_members(rng: random.Random, size: int, today: date) -> list[dict[str, Any]]:
    """Names, birthdates and sex of one family: guarantor first, maybe a spouse, then children."""
    last = rng.choice(data.LAST_NAMES)
    members = []
    for i in range(size):
        female = rng.random() < 0.5
        first = rng.choice(data.FIRST_NAMES_F if female else data.FIRST_NAMES_M)
        if i < 2 and (i == 0 or size == 2 or rng.random() < 0.7):
            born = today - timedelta(days=rng.randint(25 * 365, 80 * 365))
        else:
            born = today - timedelta(days=rng.randint(2 * 365, 17 * 365))
        members.append({"first_name": first, "last_name": last, "birthdate": born})
    return members


def _sample_image(title: str, seed: int, size: tuple[int, int] = (800, 600)) -> Image.Image:
    rng = random.Random(seed)
    img = Image.new("RGB", size, (18, 18, 24))
    draw = ImageDraw.Draw(img)
    for _ in range(40):  # a vaguely radiograph-like set of soft shapes
        x, y = rng.randint(0, size[0]), rng.randint(size[1] // 4, 3 * size[1] // 4)
        r = rng.randint(20, 70)
        shade = rng.randint(90, 230)
        draw.ellipse((x - r, y - 2 * r, x + r, y + 2 * r), fill=(shade, shade, shade))
    draw.rectangle((0, 0, size[0], 40), fill=(0, 0, 0))
    draw.text((12, 12), title, fill=(255, 255, 255))
    return img


def _pdf_bytes(title: str, lines: list[str]) -> bytes:
    page = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), title, fill="black")
    for i, line in enumerate(lines):
        draw.text((60, 110 + 24 * i), line, fill="black")
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=100.0)
    return out.getvalue()


def _write_atoz(root: Path, patient: Patient, seed: int) -> list[Path]:
    folder = patient_folder(root, patient.last_name, patient.first_name, patient.id)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    pano = folder / "Panoramic 2026-03-14.jpg"
    _sample_image("Panoramic radiograph", seed).save(pano, quality=85)
    photo = folder / "Intraoral photo UR.png"
    _sample_image("Intraoral photo", seed + 1, (640, 480)).save(photo)
    summary = folder / "Clinical summary.pdf"
    summary.write_bytes(
        _pdf_bytes(
            "Clinical summary",
            [f"Patient number {patient.id}", "Visit: periodic exam, 4 bitewings", "Plan: none"],
        )
    )
    files += [pano, photo, summary]
    return files


PORTAL_LOGINS_SHOWN = 6


def demo_logins(db: Database) -> DemoResult:
    """What `make_demo` printed, read back from an existing demo database, so every start of
    the demo shows the logins again (the passwords are the demo's, unless someone changed
    them)."""
    result = DemoResult()
    with db.readonly_session() as session:
        result.patients = session.execute(select(func.count(Patient.id))).scalar_one()
        result.messages = session.execute(select(func.count(WebMailMessage.id))).scalar_one()
        folder = preferences.get(session, preferences.ATOZ_PATH)
        result.atoz_root = Path(folder) if folder else None
        users = session.execute(
            select(User).where(User.is_disabled.is_(False)).order_by(User.id)
        ).scalars()
        for user in users:
            if user.provider is not None:
                who = f"provider {user.provider.display_name}"
            else:
                groups = ", ".join(g.name.lower() for g in user.groups) or "no group"
                who = f"{groups}, linked to no provider"
            result.staff.append(Login(user.username, STAFF_PASSWORD, who))
        accounts = session.execute(
            select(PortalAccount)
            .where(PortalAccount.is_active.is_(True))
            .order_by(PortalAccount.id)
            .limit(PORTAL_LOGINS_SHOWN)
        ).scalars()
        for account in accounts:
            head = account.patient
            family = session.execute(
                select(func.count(Patient.id)).where(Patient.guarantor_id == head.id)
            ).scalar_one()
            result.portal.append(
                Login(
                    account.username,
                    PORTAL_PASSWORD,
                    f"{head.first_name} {head.last_name} (family of {family})",
                )
            )
    return result


def make_demo(
    db: Database,
    atoz_root: Path,
    *,
    portal_url: str = "http://localhost:8765",
    smtp_host: str = "127.0.0.1",
    smtp_port: int = 8025,
    patients: int = 100,
    seed: int = 2026,
) -> DemoResult:
    """Fill an empty, migrated database with the small demo practice."""
    rng = random.Random(seed)
    result = DemoResult(atoz_root=atoz_root)
    today = date.today()
    with db.session() as session:
        preferences.set_many(
            session,
            {
                **PRACTICE,
                preferences.PORTAL_URL: portal_url,
                preferences.SMTP_HOST: smtp_host,
                preferences.SMTP_PORT: smtp_port,
                preferences.SMTP_SECURITY: "none",
                preferences.STORAGE_KIND: "folder",
                preferences.ATOZ_PATH: str(atoz_root),
                preferences.DEMO_MODE: True,
            },
        )
        groups = ensure_default_groups(session)
        providers = []
        for abbr, first, last, suffix, specialty, username in DEMO_PROVIDERS:
            prov = Provider(
                abbr=abbr, first_name=first, last_name=last, suffix=suffix, specialty=specialty
            )
            session.add(prov)
            session.flush()
            providers.append(prov)
            session.add(
                User(
                    username=username,
                    password_hash=hash_password(STAFF_PASSWORD),
                    provider_id=prov.id,
                    groups=[groups[PROVIDERS]],
                )
            )
            result.staff.append(Login(username, STAFF_PASSWORD, f"provider {prov.display_name}"))
        for username, group, who in (
            ("frontdesk", FRONT_DESK, "front desk, linked to no provider"),
            ("admin", ADMINISTRATORS, "administrator, linked to no provider"),
        ):
            session.add(
                User(
                    username=username,
                    password_hash=hash_password(STAFF_PASSWORD),
                    groups=[groups[group]],
                )
            )
            result.staff.append(Login(username, STAFF_PASSWORD, who))

        dentists = providers[:2]
        families: list[list[Patient]] = []
        for size in _family_sizes(rng, patients):
            members = _family_members(rng, size, today)
            city, state, zip3 = rng.choice(data.CITIES)
            address = f"{rng.randint(100, 9999)} {rng.choice(data.STREETS)}"
            zip_code = f"{zip3}{rng.randint(0, 99):02d}"
            home = _phone(rng)
            family: list[Patient] = []
            for i, m in enumerate(members):
                adult = (today - m["birthdate"]).days > 18 * 365
                patient = Patient(
                    **m,
                    home_phone=home,
                    wireless_phone=_phone(rng) if adult else "",
                    email=(
                        f"{m['first_name']}.{m['last_name']}".lower()
                        .replace("'", "")
                        .replace(" ", "")
                        + "@example.com"
                        if adult
                        else ""
                    ),
                    address=address,
                    city=city,
                    state=state,
                    zip=zip_code,
                    primary_provider_id=rng.choice(dentists).id,
                    guarantor_id=family[0].id if family else None,
                )
                session.add(patient)
                session.flush()
                if i == 0:
                    patient.guarantor_id = patient.id
                elif not adult:
                    session.add(Guardian(child_id=patient.id, guardian_id=family[0].id))
                family.append(patient)
            families.append(family)
        session.flush()

        accounts: dict[int, PortalAccount] = {}
        portal_hash = hash_password(PORTAL_PASSWORD)
        for family in families[: (len(families) * 2) // 3]:
            head = family[0]
            username = f"{head.first_name[0]}{head.last_name}{head.id}".lower()
            username = "".join(c for c in username if c.isalnum())
            account = PortalAccount(
                patient_id=head.id,
                username=username,
                password_hash=portal_hash,
                must_change_password=False,
            )
            session.add(account)
            accounts[head.id] = account
            if len(result.portal) < PORTAL_LOGINS_SHOWN:
                result.portal.append(
                    Login(
                        username,
                        PORTAL_PASSWORD,
                        f"{head.first_name} {head.last_name} (family of {len(family)})",
                    )
                )
        session.flush()

        for i, family in enumerate(families[:10]):
            _write_atoz(atoz_root, family[0], seed + i)

        # A few threads in both directions, some unread on either side.
        now = utcnow()
        account_families = [f for f in families if f[0].id in accounts]
        users = {u.provider_id: u for u in session.execute(select(User)).scalars()}
        for n, family in enumerate(account_families[:12]):
            holder = family[0]
            regarding = rng.choice(family)
            provider = session.get(Provider, regarding.primary_provider_id)
            assert provider is not None
            tooth = rng.randint(2, 31)
            fmt = {"first": regarding.first_name, "tooth": tooth, "provider": provider.display_name}
            sent = now - timedelta(days=30 - 2 * n, hours=rng.randint(0, 8))
            first_read = n % 3 != 0
            root = WebMailMessage(
                status=(
                    MessageStatus.WEBMAIL_SENT_READ if first_read else MessageStatus.WEBMAIL_SENT
                ),
                patient_id=holder.id,
                regarding_patient_id=regarding.id,
                provider_id=provider.id,
                subject=data.PRACTICE_SUBJECTS[n % len(data.PRACTICE_SUBJECTS)],
                body=rng.choice(data.PRACTICE_BODIES).format(**fmt),
                sent_at=sent,
                read_at=sent + timedelta(hours=5) if first_read else None,
                author_user_id=users[provider.id].id,
                sender_user_id=users[provider.id].id,
                client_request_id=f"demo-{seed}-{n}",
            )
            session.add(root)
            session.flush()
            root.thread_id = root.id
            if n == 0:
                pdf = _pdf_bytes("Treatment plan", ["#14 MOD composite  $240", "#19 crown  $1,150"])
                store_attachment(session, root, "Treatment plan.pdf", "application/pdf", pdf)
            result.messages += 1
            if first_read and n % 2 == 0:
                reply_at = sent + timedelta(hours=7)
                unread = n % 4 == 0
                reply = WebMailMessage(
                    status=(
                        MessageStatus.WEBMAIL_RECEIVED
                        if unread
                        else MessageStatus.WEBMAIL_RECD_READ
                    ),
                    patient_id=holder.id,
                    regarding_patient_id=regarding.id,
                    provider_id=provider.id,
                    subject=f"RE: {root.subject}",
                    body=rng.choice(data.PATIENT_BODIES).format(**fmt),
                    sent_at=reply_at,
                    read_at=None if unread else reply_at + timedelta(hours=2),
                    thread_id=root.id,
                    parent_id=root.id,
                    sender_portal_account_id=accounts[holder.id].id,
                )
                session.add(reply)
                result.messages += 1
        audit.record(session, SystemActor("demo"), "demo.created", detail=f"patients={patients}")
        session.commit()
        result.patients = session.execute(select(func.count(Patient.id))).scalar_one()
    return result


@dataclass
class LargeDemoTimings:
    patients: int
    messages: int
    seconds: float
    phases: dict[str, float]


def make_large_demo(
    db: Database,
    *,
    patients: int = 100_000,
    messages: int = 1_000_000,
    providers: int = 20,
    seed: int = 7,
    chunk: int = 20_000,
    progress: Callable[[str], None] = print,
) -> LargeDemoTimings:
    """Bulk-load a big practice into an empty, migrated database (Core inserts, explicit ids).

    Every provider gets about messages/providers web mails (50,000 each by default), so the
    inbox benchmarks see a realistic provider among a million messages.
    """
    rng = random.Random(seed)
    started = time.perf_counter()
    phases: dict[str, float] = {}
    today = date.today()
    now = datetime.now().replace(microsecond=0)
    with db.session() as session:
        t = time.perf_counter()
        preferences.set_many(
            session, {**PRACTICE, preferences.PORTAL_URL: "https://portal.example"}
        )
        groups = ensure_default_groups(session)
        pw = hash_password(STAFF_PASSWORD)
        provider_rows = [
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
            for i in range(1, providers + 1)
        ]
        session.execute(insert(Provider), provider_rows)
        user_rows = [
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
            for i in range(1, providers + 1)
        ]
        session.execute(insert(User), user_rows)
        session.execute(
            insert(user_group_link),
            [{"user_id": i, "group_id": groups[PROVIDERS].id} for i in range(1, providers + 1)],
        )
        session.commit()

        patient_rows: list[dict[str, Any]] = []
        heads: list[int] = []
        members_of: dict[int, list[int]] = {}
        provider_of: dict[int, int] = {}
        pid = 0
        for size in _family_sizes(rng, patients):
            city, state, zip3 = rng.choice(data.CITIES)
            address = f"{rng.randint(100, 9999)} {rng.choice(data.STREETS)}"
            home = _phone(rng)
            head = pid + 1
            heads.append(head)
            for m in _family_members(rng, size, today):
                pid += 1
                prov = rng.randint(1, providers)
                provider_of[pid] = prov
                members_of.setdefault(head, []).append(pid)
                wireless = _phone(rng)
                patient_rows.append(
                    {
                        "id": pid,
                        **m,
                        "middle_initial": "",
                        "preferred_name": "",
                        "home_phone": home,
                        "wireless_phone": wireless,
                        "work_phone": "",
                        "email": f"patient{pid}@example.com",
                        "address": address,
                        "address2": "",
                        "city": city,
                        "state": state,
                        "zip": f"{zip3}{rng.randint(0, 99):02d}",
                        "status": "patient",
                        "primary_provider_id": prov,
                        "guarantor_id": head,
                        "responsible_party_id": None,
                        "created_at": now,
                        **search_columns(m["last_name"], m["first_name"], home, wireless),
                    }
                )
        _bulk(session, Patient, patient_rows, chunk, progress, "patients")
        phases["patients"] = time.perf_counter() - t

        t = time.perf_counter()
        portal_hash = hash_password(PORTAL_PASSWORD)
        account_rows = [
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
            for n, head in enumerate(heads, start=1)
        ]
        _bulk(session, PortalAccount, account_rows, chunk, progress, "portal accounts")
        account_of = {row["patient_id"]: row["id"] for row in account_rows}
        phases["portal accounts"] = time.perf_counter() - t

        t = time.perf_counter()
        span = 3 * 365 * 24 * 3600
        start_time = now - timedelta(seconds=span)
        batch: list[dict[str, Any]] = []
        for mid in range(1, messages + 1):
            head = rng.choice(heads)
            regarding = rng.choice(members_of[head])
            prov = provider_of[regarding]
            sent = start_time + timedelta(seconds=rng.randint(0, span))
            from_patient = rng.random() < 0.4
            if from_patient:
                status = (
                    MessageStatus.WEBMAIL_RECEIVED
                    if rng.random() < 0.02
                    else (MessageStatus.WEBMAIL_RECD_READ)
                )
            else:
                status = (
                    MessageStatus.WEBMAIL_SENT_READ
                    if rng.random() < 0.9
                    else (MessageStatus.WEBMAIL_SENT)
                )
            subjects = data.PATIENT_SUBJECTS if from_patient else data.PRACTICE_SUBJECTS
            bodies = data.PATIENT_BODIES if from_patient else data.PRACTICE_BODIES
            batch.append(
                {
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
                    "sender_portal_account_id": account_of[head] if from_patient else None,
                    "has_attachments": False,
                    "is_hidden": False,
                    "created_at": sent,
                }
            )
            if len(batch) >= chunk:
                _bulk(session, WebMailMessage, batch, chunk, None, "")
                batch = []
                if mid % 100_000 == 0:
                    progress(f"  messages: {mid:,} of {messages:,}")
        _bulk(session, WebMailMessage, batch, chunk, None, "")
        phases["messages"] = time.perf_counter() - t
        audit.record(
            session,
            SystemActor("demo"),
            "demo.created",
            detail=f"large patients={patients} messages={messages}",
        )
        session.commit()
    return LargeDemoTimings(patients, messages, time.perf_counter() - started, phases)


def _bulk(
    session: Session,
    model: type[Any],
    rows: list[dict[str, Any]],
    chunk: int,
    progress: Callable[[str], None] | None,
    label: str,
) -> None:
    for start in range(0, len(rows), chunk):
        session.execute(insert(model), rows[start : start + chunk])
        session.commit()
        if progress:
            progress(f"  {label}: {min(start + chunk, len(rows)):,} of {len(rows):,}")
