"""Enumerations stored in the database; values follow Open Dental where it has one."""

from enum import IntEnum, StrEnum


class MessageStatus(IntEnum):
    """Open Dental's EmailMessage.SentOrReceived values that WebMail uses.

    A provider's message goes WEBMAIL_SENT → WEBMAIL_SENT_READ when the patient reads it; a
    patient's goes WEBMAIL_RECEIVED → WEBMAIL_RECD_READ when the provider reads it. Drafts are
    UNSENT (Open Dental's value 0). SCHEDULED is OpenDesk's own (Open Dental has no scheduled
    send): stored with a delivery time, invisible to the patient until the outbox worker
    releases it as WEBMAIL_SENT (docs/MAIL.md).
    """

    UNSENT = 0
    WEBMAIL_RECEIVED = 4
    WEBMAIL_RECD_READ = 5
    WEBMAIL_SENT = 6
    WEBMAIL_SENT_READ = 7
    SCHEDULED = 20

    @property
    def is_from_practice(self) -> bool:
        return self in (MessageStatus.WEBMAIL_SENT, MessageStatus.WEBMAIL_SENT_READ)

    @property
    def is_from_patient(self) -> bool:
        return self in (MessageStatus.WEBMAIL_RECEIVED, MessageStatus.WEBMAIL_RECD_READ)

    @property
    def is_read(self) -> bool:
        return self in (MessageStatus.WEBMAIL_SENT_READ, MessageStatus.WEBMAIL_RECD_READ)


class PatientStatus(StrEnum):
    PATIENT = "patient"
    NON_PATIENT = "nonpatient"
    INACTIVE = "inactive"
    ARCHIVED = "archived"
    DECEASED = "deceased"


class Permission(StrEnum):
    """What a user group may do. INBOX_DELEGATE may be limited to given providers."""

    WEBMAIL_SEND = "WebMailSend"
    WEBMAIL_DELETE = "WebMailDelete"
    WEBMAIL_READ_ANY = "WebMailReadAny"  # read any provider's WebMail (Administrators)
    INBOX_DELEGATE = "InboxDelegate"
    PATIENT_EDIT = "PatientEdit"
    PORTAL_ACCESS = "PortalAccess"
    SETUP = "Setup"
    AUDIT_VIEW = "AuditView"


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ActorKind(StrEnum):
    USER = "user"
    PORTAL = "portal"
    SYSTEM = "system"
