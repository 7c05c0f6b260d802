"""Conversations filed to the patient's chart as PDF (issue 23): one row per PDF written to the
patient's A-to-Z folder, saying who filed which messages of which thread, when, where, and the
file's SHA-256. Filing again writes a new version and keeps the old file and row."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opendesk.core.models.base import Base, Timestamped


class ChartFiling(Timestamped, Base):
    """One filed PDF. `filed_by_user_id` is the staff user (NULL when the system filed it:
    `opendesk-admin file-thread` or the scheduled filing, named in `filed_by`). `message_ids`
    lists the filed messages' ids, comma-separated, oldest first; `last_message_id` is the
    newest of them (the scheduled filing files a thread again only after a newer message).
    `path` is the file's full path as written; `audit_seq` the audit chain's last row when the
    PDF was made (printed in its footer)."""

    __tablename__ = "chart_filing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("webmail_message.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    version: Mapped[int] = mapped_column(Integer)
    filed_at: Mapped[datetime]
    filed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    filed_by: Mapped[str] = mapped_column(String(100))
    message_ids: Mapped[str] = mapped_column(Text)
    last_message_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(1000))
    file_name: Mapped[str] = mapped_column(String(255))
    audit_seq: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("uq_chart_filing_version", "thread_id", "version", unique=True),
        Index("ix_chart_filing_patient", "patient_id", "filed_at"),
    )
