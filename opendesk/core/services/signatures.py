"""Providers' signatures (issue 22 part A): one plain-text signature per provider, appended
to the provider's new messages and replies after a blank line, editable before sending.

    text = signature_of(session, provider_id)            # "" when none
    set_signature(session, actor, provider_id, text)     # the provider's users or Setup
    body = with_signature(body, text)                    # pure; never appends twice

The users linked to a provider change its signature (the "My signature" dialog), and so do
users with the Setup permission (Setup > Providers). Changes are audited (ids only).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions
from opendesk.core.actors import StaffActor
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import Provider
from opendesk.core.text import storable

SIGNATURE_MAX = 1000
SEPARATOR = "\n\n"
"""What goes between the message and the signature: a blank line."""


def signature_of(session: Session, provider_id: int | None) -> str:
    """The provider's signature ("" for none or no provider)."""
    if provider_id is None:
        return ""
    value = session.execute(
        select(Provider.signature).where(Provider.id == provider_id)
    ).scalar_one_or_none()
    return value or ""


def signature_problem(text: str) -> str | None:
    """Why `text` cannot be a signature, or None."""
    if not storable(text):
        return "The signature holds a NUL character, which cannot be stored."
    if len(text) > SIGNATURE_MAX:
        return f"A signature is at most {SIGNATURE_MAX:,} characters."
    return None


def may_set(session: Session, actor: StaffActor, provider_id: int) -> bool:
    user = permissions.acting_user(session, actor)
    return user.provider_id == provider_id or permissions.has_permission(user, Permission.SETUP)


def set_signature(session: Session, actor: StaffActor, provider_id: int, text: str) -> None:
    """Store the provider's signature (trailing blanks dropped). Commits; audited."""
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise NotFound("That provider no longer exists.")
    if not may_set(session, actor, provider_id):
        raise permissions.deny(
            session,
            actor,
            "change another provider's signature",
            detail=f"signature provider={provider_id}",
        )
    cleaned = "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).rstrip()
    problem = signature_problem(cleaned)
    if problem:
        raise ValidationError(problem, "signature")
    provider.signature = cleaned
    session.flush()
    audit.record(
        session,
        actor,
        "provider.signature",
        object_type="provider",
        object_id=provider_id,
        detail=f"chars={len(cleaned)}",
    )
    session.commit()


def signed(body: str, signature: str) -> bool:
    """Whether `body` already ends with the signature (a reopened draft, a second append)."""
    return bool(signature) and body.rstrip().endswith(signature.rstrip())


def with_signature(body: str, signature: str) -> str:
    """`body`, then a blank line and the signature; unchanged when there is no signature or
    the body already ends with it."""
    if not signature.strip() or signed(body, signature):
        return body
    return body.rstrip("\n") + SEPARATOR + signature


def without_signature(body: str, signature: str) -> str:
    """What the user wrote: `body` without the signature at its end (and the blank line)."""
    if not signed(body, signature):
        return body
    cut = body.rstrip()
    return cut[: len(cut) - len(signature.rstrip())].rstrip("\n")
