"""The message window's texts: the earlier messages of a thread, the quote a reply starts with
(Open Dental's "-----Original Message-----" block) and the plain text that Copy and Print use.
Everything here is plain text: it is shown in plain-text widgets and printed as plain text."""

from opendesk.core.services.signatures import with_signature, without_signature
from opendesk.core.services.webmail import MessageView
from opendesk.desktop.inbox.text import when_text

ORIGINAL = "-----Original Message-----"
RULE = "-" * 60


def sender(v: MessageView) -> str:
    return v.provider_name if v.from_practice else v.patient_name


def recipient(v: MessageView) -> str:
    return v.patient_name if v.from_practice else v.provider_name


def thread_text(views: tuple[MessageView, ...], current_id: int) -> str:
    """The messages of the thread before this one (oldest first in `views`), newest first,
    as plain text."""
    parts = []
    position = next((i for i, v in enumerate(views) if v.id == current_id), len(views))
    for v in reversed(views[:position]):
        parts.append(
            f"On {when_text(v.sent_at)}, {sender(v)} wrote:\n{v.subject}\n\n{v.body.strip()}"
        )
    return (f"\n\n{RULE}\n\n").join(parts)


def original_quote(v: MessageView, signature: str = "") -> str:
    """What the reply box starts with, as Open Dental's reply does: two empty lines for the
    answer (then a blank line and the provider's signature, when there is one), then the
    original under "-----Original Message-----"."""
    return (
        f"{with_signature('', signature)}\n\n{ORIGINAL}\n"
        f"Regarding: {v.regarding_name}\n"
        f"From: {sender(v)}\n"
        f"Sent: {when_text(v.sent_at)}\n"
        f"To: {recipient(v)}\n"
        f"Subject: {v.subject}\n\n"
        f"{v.body}"
    )


def typed_part(reply: str, signature: str = "") -> str:
    """The part of the reply box the user wrote (above the signature and the quote)."""
    return without_signature(reply.split(ORIGINAL, 1)[0].rstrip(), signature).strip()


def message_text(v: MessageView) -> str:
    """One message with its header lines, for Copy and Print."""
    lines = [
        f"Subject: {v.subject}",
        f"Regarding: {v.regarding_name}",
        f"From: {sender(v)}",
        f"To: {recipient(v)}",
        f"Sent: {when_text(v.sent_at) or 'not sent (draft)'}",
    ]
    if v.attachments:
        lines.append("Attachments: " + ", ".join(a.name for a in v.attachments))
    return "\n".join(lines) + "\n\n" + v.body.strip() + "\n"


def conversation_text(views: tuple[MessageView, ...]) -> str:
    """The whole thread, oldest first, for Print."""
    return f"\n{RULE}\n\n".join(message_text(v) for v in views)
