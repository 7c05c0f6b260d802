"""WebMail templates (issue 22): a name, subject and body with merge fields, practice-wide or
personal to one provider, with file names from the practice's shared folder and the message
settings a message written from it starts with (`allow_reply`, `notify_unread_days`)."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opendesk.core.models.base import Base, LongText, Timestamped


class WebMailTemplate(Timestamped, Base):
    """One template. `provider_id` NULL = the practice's (Setup edits it); else personal to
    that provider (their users edit it). `attachment_names` holds one file name a line."""

    __tablename__ = "webmail_template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(LongText)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"), nullable=True)
    attachment_names: Mapped[str] = mapped_column(Text, default="")
    # Message settings a message written from the template starts with (issue 22 part B).
    allow_reply: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_unread_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id"), nullable=True
    )

    __table_args__ = (Index("ix_webmail_template_provider", "provider_id", "name"),)

    @property
    def attachments(self) -> tuple[str, ...]:
        return tuple(n for n in self.attachment_names.splitlines() if n)
