"""Attachment bytes in the database: written in 1 MiB chunks, read back whole or streamed."""

import hashlib
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core.models import ATTACHMENT_CHUNK_SIZE, Attachment, AttachmentChunk, WebMailMessage


def store_attachment(
    session: Session,
    message: WebMailMessage,
    display_name: str,
    content_type: str,
    data: bytes,
    flags: str = "",
    scan_status: str = "not_scanned",
) -> Attachment:
    """Add an attachment to `message` in the caller's transaction. Name and type must already
    have passed the attachment rules (opendesk.attachments.rules), and the bytes the malware
    scan (`services.attachment_scan.scan_new`), whose verdict `scan_status` records."""
    attachment = Attachment(
        message=message,
        display_name=display_name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        flags=flags,
        scan_status=scan_status,
    )
    session.add(attachment)
    session.flush()
    for seq, start in enumerate(range(0, max(len(data), 1), ATTACHMENT_CHUNK_SIZE)):
        session.add(
            AttachmentChunk(
                attachment_id=attachment.id,
                seq=seq,
                data=data[start : start + ATTACHMENT_CHUNK_SIZE],
            )
        )
        session.flush()  # one chunk per statement keeps MariaDB packets small
    message.has_attachments = True
    return attachment


def iter_attachment_chunks(session: Session, attachment_id: int) -> Iterator[bytes]:
    seqs = session.execute(
        select(AttachmentChunk.seq)
        .where(AttachmentChunk.attachment_id == attachment_id)
        .order_by(AttachmentChunk.seq)
    ).scalars()
    for seq in list(seqs):
        yield session.execute(
            select(AttachmentChunk.data).where(
                AttachmentChunk.attachment_id == attachment_id, AttachmentChunk.seq == seq
            )
        ).scalar_one()


def read_attachment(session: Session, attachment_id: int, sha256: str | None = None) -> bytes:
    """The whole content, checked against the stored SHA-256 (`sha256`: the caller read it
    already with the attachment's other columns)."""
    if sha256 is None:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise LookupError("attachment not found")
        sha256 = attachment.sha256
    data = b"".join(iter_attachment_chunks(session, attachment_id))
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"attachment {attachment_id} is damaged (checksum mismatch)")
    return data
