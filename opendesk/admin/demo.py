"""The demo practice: a small one to try OpenDesk with, and a large one to measure it with.

Everything is invented and made on the spot (names, images, PDFs); nothing is downloaded.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.admin import demo_data as data
from opendesk.attachments.atoz import patient_folder
from opendesk.core import audit, languages, preferences
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
    WebMailTemplate,
)
from opendesk.core.passwords import hash_password
from opendesk.core.practice import ADMINISTRATORS, FRONT_DESK, PROVIDERS, ensure_default_groups
from opendesk.core.services.templates import shared_folder

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
# The first family with a portal account and one of these names prefers Spanish (issue 24):
# its portal is in Spanish and its notices use the Spanish text.
SPANISH_NAMES = frozenset(
    "Gonzalez Perez Garcia Rodriguez Martinez Lopez Hernandez Sanchez Ramirez Torres".split()
)


def _portal_who(head: Patient, family: int) -> str:
    language = "" if head.language == languages.DEFAULT else ", prefers "
    language += languages.staff_name(head.language) if language else ""
    return f"{head.first_name} {head.last_name} (family of {family}{language})"


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
                Login(account.username, PORTAL_PASSWORD, _portal_who(head, family))
            )
    return result


def _demo_preferences(
    session: Session, atoz_root: Path, portal_url: str, smtp_host: str, smtp_port: int
) -> None:
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


def _staff(session: Session, result: DemoResult) -> list[Provider]:
    """The three providers with their users, the front desk and the administrator."""
    groups = ensure_default_groups(session)
    providers = []
    for abbr, first, last, suffix, specialty, username in DEMO_PROVIDERS:
        prov = Provider(
            abbr=abbr, first_name=first, last_name=last, suffix=suffix, specialty=specialty
        )
        prov.signature = f"{prov.display_name}\nWillamette Family Dental"
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
    return providers


def _email(member: dict[str, Any]) -> str:
    name = f"{member['first_name']}.{member['last_name']}".lower()
    return name.replace("'", "").replace(" ", "") + "@example.com"


def _family(
    session: Session, rng: random.Random, size: int, dentists: list[Provider], today: date
) -> list[Patient]:
    """One family sharing an address and home phone: the guarantor first, children with the
    guarantor as guardian."""
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
            email=_email(m) if adult else "",
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
    return family


def _portal_accounts(
    session: Session, families: list[list[Patient]], result: DemoResult
) -> dict[int, PortalAccount]:
    """Accounts for two families in three (the guarantor's), by guarantor patient id."""
    accounts: dict[int, PortalAccount] = {}
    portal_hash = hash_password(PORTAL_PASSWORD)
    spanish = False
    for family in families[: (len(families) * 2) // 3]:
        head = family[0]
        if not spanish and head.last_name in SPANISH_NAMES:
            spanish = True
            for member in family:
                member.language = "es"
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
            result.portal.append(Login(username, PORTAL_PASSWORD, _portal_who(head, len(family))))
    session.flush()
    return accounts


@dataclass(frozen=True)
class _Thread:
    n: int
    holder: Patient
    regarding: Patient
    provider: Provider
    fmt: dict[str, Any]


def _practice_message(
    session: Session, t: _Thread, rng: random.Random, sent: datetime, user: User, seed: int
) -> WebMailMessage:
    first_read = t.n % 3 != 0
    root = WebMailMessage(
        status=MessageStatus.WEBMAIL_SENT_READ if first_read else MessageStatus.WEBMAIL_SENT,
        patient_id=t.holder.id,
        regarding_patient_id=t.regarding.id,
        provider_id=t.provider.id,
        subject=data.PRACTICE_SUBJECTS[t.n % len(data.PRACTICE_SUBJECTS)],
        body=rng.choice(data.PRACTICE_BODIES).format(**t.fmt),
        sent_at=sent,
        read_at=sent + timedelta(hours=5) if first_read else None,
        author_user_id=user.id,
        sender_user_id=user.id,
        client_request_id=f"demo-{seed}-{t.n}",
    )
    session.add(root)
    session.flush()
    root.thread_id = root.id
    if t.n == 0:
        pdf = _pdf_bytes("Treatment plan", ["#14 MOD composite  $240", "#19 crown  $1,150"])
        store_attachment(session, root, "Treatment plan.pdf", "application/pdf", pdf)
    return root


def _patient_reply(
    session: Session, t: _Thread, rng: random.Random, root: WebMailMessage, account: PortalAccount
) -> None:
    assert root.sent_at is not None
    reply_at = root.sent_at + timedelta(hours=7)
    unread = t.n % 4 == 0
    session.add(
        WebMailMessage(
            status=MessageStatus.WEBMAIL_RECEIVED if unread else MessageStatus.WEBMAIL_RECD_READ,
            patient_id=t.holder.id,
            regarding_patient_id=t.regarding.id,
            provider_id=t.provider.id,
            subject=f"RE: {root.subject}",
            body=rng.choice(data.PATIENT_BODIES).format(**t.fmt),
            sent_at=reply_at,
            read_at=None if unread else reply_at + timedelta(hours=2),
            thread_id=root.id,
            parent_id=root.id,
            sender_portal_account_id=account.id,
        )
    )


def _threads(
    session: Session,
    rng: random.Random,
    families: list[list[Patient]],
    accounts: dict[int, PortalAccount],
    seed: int,
) -> int:
    """A few threads in both directions, some unread on either side; returns the count."""
    now = utcnow()
    count = 0
    users = {u.provider_id: u for u in session.execute(select(User)).scalars()}
    account_families = [f for f in families if f[0].id in accounts]
    for n, family in enumerate(account_families[:12]):
        regarding = rng.choice(family)
        provider = session.get(Provider, regarding.primary_provider_id)
        assert provider is not None
        tooth = rng.randint(2, 31)
        fmt = {"first": regarding.first_name, "tooth": tooth, "provider": provider.display_name}
        thread = _Thread(n, family[0], regarding, provider, fmt)
        sent = now - timedelta(days=30 - 2 * n, hours=rng.randint(0, 8))
        root = _practice_message(session, thread, rng, sent, users[provider.id], seed)
        count += 1
        if root.status == MessageStatus.WEBMAIL_SENT_READ and n % 2 == 0:
            _patient_reply(session, thread, rng, root, accounts[family[0].id])
            count += 1
    return count


def _templates(session: Session, atoz_root: Path, providers: list[Provider]) -> None:
    """The WebMail templates (issue 22), with the post-op care sheet in the shared folder."""
    by_abbr = {p.abbr: p.id for p in providers}
    folder = Path(shared_folder(str(atoz_root)))
    folder.mkdir(parents=True, exist_ok=True)
    for name, subject, body, abbr, file_name in data.DEMO_TEMPLATES:
        if file_name:
            lines = ["Rinse gently with warm salt water three times a day.", "No hot drinks."]
            (folder / file_name).write_bytes(_pdf_bytes(name, lines))
        session.add(
            WebMailTemplate(
                name=name,
                subject=subject,
                body=body,
                provider_id=by_abbr[abbr] if abbr else None,
                attachment_names=file_name,
            )
        )


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
        _demo_preferences(session, atoz_root, portal_url, smtp_host, smtp_port)
        staff = _staff(session, result)
        dentists = staff[:2]
        _templates(session, atoz_root, staff)
        families = [
            _family(session, rng, size, dentists, today) for size in _family_sizes(rng, patients)
        ]
        session.flush()
        accounts = _portal_accounts(session, families, result)
        for i, family in enumerate(families[:10]):
            _write_atoz(atoz_root, family[0], seed + i)
        result.messages = _threads(session, rng, families, accounts, seed)
        audit.record(session, SystemActor("demo"), "demo.created", detail=f"patients={patients}")
        session.commit()
        result.patients = session.execute(select(func.count(Patient.id))).scalar_one()
    return result
