"""The practice database's ORM models (SQLAlchemy 2, typed)."""

from opendesk.core.models.audit import AuditEntry, AuditHead
from opendesk.core.models.base import Base
from opendesk.core.models.closed_loop import MessageReason, RecipientKind, Team, team_member
from opendesk.core.models.filing import ChartFiling
from opendesk.core.models.messages import (
    ATTACHMENT_CHUNK_SIZE,
    Attachment,
    AttachmentChunk,
    WebMailMessage,
)
from opendesk.core.models.outbox import OutboxNotice
from opendesk.core.models.people import (
    Audience,
    Guardian,
    Patient,
    Provider,
    patient_name,
    provider_name,
    search_columns,
)
from opendesk.core.models.portal import PortalAccount, PortalSessionRecord, PortalThrottle
from opendesk.core.models.preferences import PreferenceMarker, PreferenceRow
from opendesk.core.models.staff import GroupPermission, User, UserGroup, user_group_link
from opendesk.core.models.templates import WebMailTemplate

__all__ = [
    "ATTACHMENT_CHUNK_SIZE",
    "Attachment",
    "AttachmentChunk",
    "Audience",
    "AuditEntry",
    "AuditHead",
    "Base",
    "ChartFiling",
    "GroupPermission",
    "Guardian",
    "MessageReason",
    "OutboxNotice",
    "Patient",
    "PortalAccount",
    "PortalSessionRecord",
    "PortalThrottle",
    "PreferenceMarker",
    "PreferenceRow",
    "Provider",
    "RecipientKind",
    "Team",
    "User",
    "UserGroup",
    "WebMailMessage",
    "WebMailTemplate",
    "patient_name",
    "provider_name",
    "search_columns",
    "team_member",
    "user_group_link",
]
