"""Two-step log-in for portal accounts: an authenticator app (TOTP, core/totp.py) as the
second step, with ten one-time recovery codes shown once at set-up. The practice chooses with
the preference `portal_two_step`: off, optional (the holder may turn it on), required (the
holder must set it up before anything else). Staff reset a holder's second step from Chart >
Portal Access (`staff_reset`, audited). Only as a fallback (NIST and ASVS treat e-mail as a
weak factor) the holder can have a one-time code e-mailed (`send_email_code`: 8 characters,
10 minutes, once a minute at most). Secrets and codes are never logged or audited.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from opendesk.core import audit, permissions, preferences, totp
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import PortalAccount
from opendesk.core.notices import account_notice
from opendesk.core.passwords import hash_password, verify_password
from opendesk.core.services import portal_sessions

EMAIL_CODE_MINUTES = 10
EMAIL_CODE_LENGTH = 8
EMAIL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
EMAIL_RESEND_SECONDS = 60
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
WRONG_CODE = "The code is not correct. Enter the 6 digits your app shows now, or a recovery code."


@dataclass(frozen=True)
class Setup:
    secret: str  # to type in by hand when the QR code cannot be scanned
    uri: str  # otpauth:// for the QR code


def mode(session: Session) -> str:
    """off, optional or required (anything else counts as optional)."""
    value = preferences.get(session, preferences.PORTAL_TWO_STEP).strip().lower()
    return value if value in ("off", "optional", "required") else "optional"


def needed(session: Session, account: PortalAccount) -> bool:
    """The holder must give a second step at log-in."""
    return account.totp_secret is not None and mode(session) != "off"


def must_set_up(session: Session, account: PortalAccount) -> bool:
    return account.totp_secret is None and mode(session) == "required"


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace("-", "").encode()).hexdigest()


def _own(session: Session, actor: PortalActor) -> PortalAccount:
    account = session.get(PortalAccount, actor.account_id)
    if account is None or not account.is_active or account.patient_id != actor.patient_id:
        raise NotFound("Your portal account is no longer active.")
    return account


def start_setup(session: Session, actor: PortalActor, issuer: str) -> Setup:
    """A new secret waiting for the holder's first code (commits; nothing changes for log-in
    until `confirm_setup`)."""
    if mode(session) == "off":
        raise ValidationError("The practice has not turned on two-step log-in.")
    account = _own(session, actor)
    account.totp_pending = totp.new_secret()
    session.commit()
    return Setup(
        account.totp_pending, totp.provisioning_uri(account.totp_pending, account.username, issuer)
    )


def confirm_setup(session: Session, actor: PortalActor, code: str, now: float) -> list[str]:
    """Turn two-step log-in on once the app's code matches; returns the recovery codes (the
    only time they exist in plain text). Audited, committed."""
    account = _own(session, actor)
    if account.totp_pending is None:
        raise ValidationError("Start the set-up again.")
    step = totp.verify(account.totp_pending, code, now)
    if step is None:
        raise ValidationError(WRONG_CODE, "code")
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_COUNT)
    ]
    account.totp_secret, account.totp_pending = account.totp_pending, None
    account.totp_last_step = step
    account.recovery_codes = " ".join(_hash(c) for c in codes)
    audit.record(session, actor, "portal.two_step.enable", patient_id=actor.patient_id)
    session.commit()
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def check_code(account: PortalAccount, code: str, now: float) -> str | None:
    """ "app" or "recovery" when the code is right (the step is recorded, a recovery code used
    up, in the caller's transaction), else None."""
    if account.totp_secret is None:
        return None
    step = totp.verify(account.totp_secret, code, now, account.totp_last_step)
    if step is not None:
        account.totp_last_step = step
        return "app"
    if len(_plain(code)) == EMAIL_CODE_LENGTH:
        return "email" if _email_code_ok(account, code) else None
    stored = (account.recovery_codes or "").split()
    given = _hash(code)
    match = next((h for h in stored if secrets.compare_digest(h, given)), None)
    if match is None:
        return None
    stored.remove(match)
    account.recovery_codes = " ".join(stored)
    return "recovery"


def _plain(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _email_code_ok(account: PortalAccount, code: str) -> bool:
    """The e-mailed code, once, before it expires (then it is gone)."""
    stored, expires = account.email_code_hash, account.email_code_expires_at
    if stored is None or expires is None or expires <= utcnow():
        return False
    if not verify_password(stored, _plain(code)):
        return False
    account.email_code_hash = account.email_code_expires_at = None
    return True


def send_email_code(session: Session, account_id: int, client: str = "") -> None:
    """Queue a one-time log-in code to the holder's e-mail address (the fallback when the app
    is not at hand). The notice holds the practice name and the code only. At most one a
    minute; answers the same whether or not a code went out. Audited, committed."""
    account = session.get(PortalAccount, account_id)
    email = account.patient.email.strip() if account is not None else ""
    now = utcnow()
    recent = account.email_code_expires_at if account is not None else None
    too_soon = recent is not None and recent - timedelta(
        minutes=EMAIL_CODE_MINUTES
    ) > now - timedelta(seconds=EMAIL_RESEND_SECONDS)
    if account is None or not account.is_active or account.totp_secret is None or not email:
        session.rollback()
        return
    if too_soon:
        session.rollback()
        return
    code = "".join(secrets.choice(EMAIL_ALPHABET) for _ in range(EMAIL_CODE_LENGTH))
    account.email_code_hash = hash_password(code)
    account.email_code_expires_at = now + timedelta(minutes=EMAIL_CODE_MINUTES)
    office = preferences.get(session, preferences.PRACTICE_NAME).strip() or "Your practice"
    body = (
        f"Your one-time log-in code for the {office} patient portal is: {code}\n\n"
        f"It works once, for {EMAIL_CODE_MINUTES} minutes, after your password. If you did not "
        "just log in, someone knows your password: change it, or call the practice."
    )
    session.add(
        account_notice(
            "login_code",
            email,
            preferences.get(session, preferences.NOTIFY_FROM).strip(),
            f"{office}: your log-in code",
            body,
            now,
        )
    )
    actor = PortalActor(account.id, account.patient_id, client)
    audit.record(session, actor, "portal.two_step.email_code", patient_id=account.patient_id)
    session.commit()


def recovery_left(account: PortalAccount) -> int:
    return len((account.recovery_codes or "").split())


def staff_reset(session: Session, actor: StaffActor, patient_id: int) -> None:
    """Staff turn a holder's second step off (lost phone, no recovery codes): the holder sets it
    up again at the next log-in when the practice requires it. Ends every session. Audited."""
    permissions.require(session, actor, Permission.PORTAL_ACCESS, patient_id=patient_id)
    account = session.query(PortalAccount).filter_by(patient_id=patient_id).one_or_none()
    if account is None:
        raise NotFound("The patient has no portal account.")
    account.totp_secret = account.totp_pending = account.recovery_codes = None
    account.totp_last_step = None
    account.email_code_hash = account.email_code_expires_at = None
    ended = portal_sessions.revoke_all(session, account.id)
    audit.record(
        session,
        actor,
        "portal.two_step.reset",
        patient_id=patient_id,
        object_type="portal_account",
        object_id=account.id,
        detail=f"sessions ended={ended}",
    )
    session.commit()
