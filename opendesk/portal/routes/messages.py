"""The messages: inbox, a message with its thread and Reply form, the attachment download, and
writing a new message. Scope, marking read and audit are the core's (`portal_messages`)."""

import re
import unicodedata
import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from opendesk.attachments.rules import Limits
from opendesk.core.actors import PortalActor
from opendesk.core.errors import ValidationError
from opendesk.core.file_names import download_name
from opendesk.core.services import portal_compose, portal_messages
from opendesk.portal.deps import Actor, DbSession
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import nav, see_other
from opendesk.portal.security import portal_session
from opendesk.portal.uploads import Files, allowance_text, check_uploads

router = APIRouter()

MAX_PAGE = 1_000_000  # beyond any inbox; keeps OFFSET within what every database accepts
_SAFE_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_INLINE_RISKY = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml"}


@router.get("/inbox")
def inbox(request: Request, session: DbSession, actor: Actor, page: int = 1) -> Response:
    size = request.app.state.config.page_size
    page = min(max(1, page), MAX_PAGE)
    found = portal_messages.inbox(session, actor, offset=(page - 1) * size, limit=size)
    pages = max(1, -(-found.total // size))
    ctx = {"nav": True, "active": "inbox", "unread": found.unread}
    ctx.update(rows=found.rows, total=found.total, page=page, pages=pages)
    return render(request, "inbox.html", ctx)


def _message_ctx(
    session: DbSession, actor: PortalActor, message_id: int, **kw: Any
) -> dict[str, Any]:
    # The limits first: they are read in the request's transaction, not a new one after it.
    allowance = allowance_text(Limits.from_preferences(session))
    found = portal_messages.thread_page(session, actor, message_id)
    thread = found.thread
    current = next((m for m in thread if m.id == message_id), thread[-1])
    ctx: dict[str, Any] = {"nav": True, "active": "inbox", "unread": found.unread}
    ctx.update(
        thread=thread,
        current=current,
        own_patient_id=actor.patient_id,
        request_id=kw.pop("request_id", None) or uuid.uuid4().hex,
        body="",
        allowance=allowance,
        **kw,
    )
    return ctx


@router.get("/messages/{message_id}")
def message_page(request: Request, session: DbSession, actor: Actor, message_id: int) -> Response:
    return render(request, "message.html", _message_ctx(session, actor, message_id))


@router.post("/messages/{message_id}/reply")
def reply_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    message_id: int,
    files: Files,
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        uploads = check_uploads(files, Limits.from_preferences(session))
        new_id = portal_messages.reply(
            session, actor, message_id, body, request_id or uuid.uuid4().hex, uploads.files
        )
    except ValidationError as exc:
        session.rollback()
        ctx = _message_ctx(session, actor, message_id, request_id=request_id)
        ctx.update(body=body, error=str(exc))
        return render(request, "message.html", ctx, status_code=400)
    portal_session(request).set_flash("Your reply is sent.")
    return see_other(f"/messages/{new_id}")


def content_disposition(name: str) -> str:
    """The download header: the name after the one file-name rule (`core.file_names`), no
    path, quotes, control or bidi characters, an ASCII fallback and the UTF-8 form. A `;`
    becomes `_` too: some clients split the header at it even inside quotes."""
    safe = download_name(name).replace(";", "_")
    ascii_name = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode() or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"


@router.get("/attachments/{attachment_id}")
def attachment_download(session: DbSession, actor: Actor, attachment_id: int) -> Response:
    info, data = portal_messages.attachment(session, actor, attachment_id)
    media = info.content_type.strip().lower()
    if not _SAFE_TYPE.match(media) or media in _INLINE_RISKY:
        media = "application/octet-stream"
    return Response(
        content=data,
        media_type=media,
        headers={
            "Content-Disposition": content_disposition(info.name),
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


@router.get("/compose")
def compose_page(
    request: Request, session: DbSession, actor: Actor, about: int | None = None
) -> Response:
    choices = portal_compose.compose_choices(session, actor, about)
    ctx = nav(session, actor, "compose")
    ctx.update(
        choices=choices,
        selected=about if about is not None else actor.patient_id,
        subject="",
        body="",
        request_id=uuid.uuid4().hex,
        allowance=allowance_text(Limits.from_preferences(session)),
    )
    return render(request, "compose.html", ctx)


@router.post("/compose")
def compose_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    regarding_patient_id: Annotated[int, Form()],
    files: Files,
    subject: Annotated[str, Form(max_length=1000)] = "",
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        uploads = check_uploads(files, Limits.from_preferences(session))
        new_id = portal_messages.compose(
            session,
            actor,
            regarding_patient_id,
            subject,
            body,
            request_id or uuid.uuid4().hex,
            uploads.files,
        )
    except ValidationError as exc:
        session.rollback()
        ctx = nav(session, actor, "compose")
        ctx.update(
            choices=portal_compose.compose_choices(session, actor),
            selected=regarding_patient_id,
            subject=subject,
            body=body,
            request_id=request_id,
            error=str(exc),
            allowance=allowance_text(Limits.from_preferences(session)),
        )
        return render(request, "compose.html", ctx, status_code=400)
    portal_session(request).set_flash("Your message is sent.")
    return see_other(f"/messages/{new_id}")
