"""Whether the compose window's Send and Preview are on: a small pure object whose blockers
are enum reasons, so rewording a message never changes a button.

    e = Eligibility.of(may_send=True, checking=False, ...)
    e.can_send, e.can_preview, e.send_reasons(), e.preview_reasons()

Preview is for anyone who may write (it ignores NO_PERMISSION) and needs no finished
attachment check (it lists the files already checked)."""

from dataclasses import dataclass
from enum import Enum


class Blocker(Enum):
    """Why Send is off; the value is what the button's tool tip says."""

    NO_PERMISSION = (
        "Your user group may not send WebMail (WebMailSend, Setup > Groups and Permissions…). "
        "Save Draft, and a provider sends it from the Email Inbox's Drafts."
    )
    CHECKING = "The setup is still being checked."
    SETUP_PROBLEMS = "Fix the setup problems shown in red first."
    FIELDS = "Enter a subject and a message."
    UNKNOWN_MERGE_FIELDS = (
        "Edit the merge fields shown in red: they are not fields, or have no value here."
    )
    NO_PROVIDER = "Choose the provider the message is from."
    ATTACHMENTS_BUSY = "Attachments are still being checked."
    BUSY = "Busy…"


PREVIEW_IGNORES = frozenset({Blocker.NO_PERMISSION, Blocker.ATTACHMENTS_BUSY})


@dataclass(frozen=True)
class Eligibility:
    blockers: tuple[Blocker, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        may_send: bool,
        checking: bool,
        has_problems: bool,
        fields_ok: bool,
        has_provider: bool,
        attachments_busy: bool,
        busy: bool,
        unresolved_fields: bool = False,
    ) -> "Eligibility":
        flags = (
            (not may_send, Blocker.NO_PERMISSION),
            (checking, Blocker.CHECKING),
            (not checking and has_problems, Blocker.SETUP_PROBLEMS),
            (not fields_ok, Blocker.FIELDS),
            (unresolved_fields, Blocker.UNKNOWN_MERGE_FIELDS),
            (not has_provider, Blocker.NO_PROVIDER),
            (attachments_busy, Blocker.ATTACHMENTS_BUSY),
            (busy, Blocker.BUSY),
        )
        return cls(tuple(blocker for on, blocker in flags if on))

    @property
    def can_send(self) -> bool:
        return not self.blockers

    @property
    def preview_blockers(self) -> tuple[Blocker, ...]:
        return tuple(b for b in self.blockers if b not in PREVIEW_IGNORES)

    @property
    def can_preview(self) -> bool:
        return not self.preview_blockers

    def send_reasons(self) -> list[str]:
        return [b.value for b in self.blockers]

    def preview_reasons(self) -> list[str]:
        return [b.value for b in self.preview_blockers]
