"""Web mail messages and their attachments (Open Dental: EmailMessage, EmailAttach)."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opendesk.core.enums import MessageStatus
from opendesk.core.models.base import Base, Blob, LongText, Timestamped

# Attachment bytes are stored in chunks: MariaDB refuses any packet over max_allowed_packet
# (16 MiB by default) and no side ever needs a whole 20 MB file in one row.
ATTACHMENT_CHUNK_SIZE = 1024 * 1024


class WebMailMessage(Timestamped, Base):
    """One secure message. `patient_id` is the portal account holder who receives or sends it;
    `regarding_patient_id` the patient it is about (Open Dental's PatNumSubj)."""

    __tablename__ = "webmail_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[int] = mapped_column(SmallInteger, default=MessageStatus.UNSENT.value)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    regarding_patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(LongText)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("webmail_message.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("webmail_message.id"), nullable=True)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    sender_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    sender_portal_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("portal_account.id"), nullable=True
    )
    client_request_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    has_attachments: Mapped[bool] = mapped_column(Boolean, default=False)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_at: Mapped[datetime | None] = mapped_column(nullable=True)
    hidden_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id"), nullable=True
    )

    # Closed loop (docs/CLOSED_LOOP.md): set on received messages only; loop_state is NULL
    # for everything else, "open" until someone is done with it, then "closed".
    reason_id: Mapped[int | None] = mapped_column(ForeignKey("message_reason.id"), nullable=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), nullable=True)
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    loop_state: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    escalated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    is_urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # The practice's automatic after-hours reply (core.services.patient_loop): no staff
    # member wrote it, so it is no "first reply" for response times and closes nothing.
    is_auto_reply: Mapped[bool] = mapped_column(Boolean, default=False)

    # Message settings (issue 22): `deliver_at` the time a SCHEDULED message is released (kept
    # after); `allow_reply` off refuses the patient's reply; after `notify_unread_days` unread
    # (`unread_due_at`, set when delivered) the worker flags it (`unread_noticed_at`) and, with
    # `unread_second_notice`, e-mails the patient a second notice.
    deliver_at: Mapped[datetime | None] = mapped_column(nullable=True)
    allow_reply: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_unread_days: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    unread_second_notice: Mapped[bool] = mapped_column(Boolean, default=False)
    unread_due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    unread_noticed_at: Mapped[datetime | None] = mapped_column(nullable=True)

    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="message", order_by="Attachment.id", lazy="selectin"
    )

    __table_args__ = (
        # Provider's inbox / sent pages and the unread-alert count; it covers the list's
        # columns, so a page is read from the index and never touches the bodies (issue 25).
        Index(
            "ix_webmail_provider_box",
            "provider_id",
            "status",
            "is_hidden",
            "sent_at",
            "id",
            "read_at",
            "has_attachments",
            "patient_id",
            "regarding_patient_id",
            "subject",
        ),
        # Chart module: a patient's messages, newest first.
        Index("ix_webmail_regarding", "regarding_patient_id", "sent_at", "id"),
        # Portal inbox of an account holder.
        Index("ix_webmail_patient", "patient_id", "sent_at", "id"),
        Index("ix_webmail_thread", "thread_id", "sent_at"),
        Index("ix_webmail_author", "author_user_id", "status"),
        # The outbox worker's polls: scheduled messages due, sent ones unread past their time.
        Index("ix_webmail_deliver", "status", "deliver_at", "id"),
        Index("ix_webmail_unread_due", "status", "unread_noticed_at", "unread_due_at", "id"),
        # Closed-loop views (core.services.loop_views): keyset order (urgent first, due, id).
        Index(
            "ix_webmail_loop_provider",
            "provider_id",
            "loop_state",
            "owner_user_id",
            "is_urgent",
            "due_at",
            "id",
        ),
        Index(
            "ix_webmail_loop_team",
            "team_id",
            "loop_state",
            "owner_user_id",
            "is_urgent",
            "due_at",
            "id",
        ),
        Index("ix_webmail_loop_owner", "owner_user_id", "loop_state", "is_urgent", "due_at", "id"),
        # The escalation sweep (open, not escalated, past due); covers the alert count too.
        Index(
            "ix_webmail_loop_due",
            "loop_state",
            "escalated_at",
            "due_at",
            "owner_user_id",
            "team_id",
            "provider_id",
        ),
    )

    @property
    def message_status(self) -> MessageStatus:
        return MessageStatus(self.status)


class Attachment(Timestamped, Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("webmail_message.id", ondelete="CASCADE"))
    display_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    flags: Mapped[str] = mapped_column(String(200), default="")
    # "clean" (scanned, nothing found) or "not_scanned" (the scanner did not answer and the
    # practice accepts unscanned files; also every file stored before scanning existed).
    scan_status: Mapped[str] = mapped_column(
        String(20), default="not_scanned", server_default="not_scanned"
    )

    message: Mapped[WebMailMessage] = relationship(back_populates="attachments")

    __table_args__ = (Index("ix_attachment_message", "message_id"),)


class AttachmentChunk(Base):
    __tablename__ = "attachment_chunk"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(Blob)
