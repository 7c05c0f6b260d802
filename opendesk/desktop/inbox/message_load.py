"""What the message window shows, read in one worker transaction: the message (opening it marks
a received one read, through core), its thread, its notice state, where Attach looks, the
reply's signature and its place in the closed loop (not when opened from the Chart)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from opendesk.core.enums import MessageStatus
from opendesk.core.models import Patient
from opendesk.core.services import loop_lists, mailbox, signatures, webmail
from opendesk.core.services.loop_lists import MessageLoop
from opendesk.core.services.webmail import MessageView
from opendesk.desktop.attach.patient_files import AttachSource, PatientFolder
from opendesk.desktop.context import AppContext
from opendesk.mail import status as notice_status
from opendesk.mail.status import NoticeState


@dataclass(frozen=True)
class Loaded:
    view: MessageView
    thread: tuple[MessageView, ...]
    notice: NoticeState | None
    marked_read: bool
    attach_source: AttachSource | None = None  # where Attach looks (the practice's files)
    folder: PatientFolder | None = None  # the Regarding patient's folder
    signature: str = ""  # the provider's, under the reply (issue 22)
    loop: MessageLoop | None = None  # its place in the closed loop (not from the Chart)


def load_message(session: Session, ctx: AppContext, message_id: int, from_chart: bool) -> Loaded:
    before = mailbox.message_rows(session, [message_id])
    view = webmail.open_message(session, ctx.actor, message_id, from_chart=from_chart)
    thread = tuple(webmail.thread_of(session, ctx.actor, message_id))
    notice = notice_status.notice_state(session, message_id)
    was_unread = bool(before) and before[0].status == MessageStatus.WEBMAIL_RECEIVED
    marked = was_unread and view.status == MessageStatus.WEBMAIL_RECD_READ
    regarding = session.get(Patient, view.regarding_patient_id)
    folder = (
        PatientFolder(regarding.id, regarding.last_name, regarding.first_name)
        if regarding is not None
        else None
    )
    signature = signatures.signature_of(session, view.provider_id)
    loop = None if from_chart else loop_lists.message_loop(session, ctx.actor, message_id)
    return Loaded(view, thread, notice, marked, AttachSource.read(session), folder, signature, loop)
