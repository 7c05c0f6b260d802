"""The messages: inbox, a message with its thread and Reply form, the attachment download, and
writing a new message. Scope, marking read and audit are the core's (`portal_messages`).

Closed loop (docs/CLOSED_LOOP.md): a new message needs a reason; a message page says when a
reply is expected (read with the thread, worded in the page's language by `loop_texts`); and
before anything is stored, text holding one of the practice's urgent words shows the
emergency instructions with "Call the office" (back to the form, the text kept, the phone
shown) or "Send anyway" (stored flagged urgent). All without JavaScript: the choice is a
submit button of a server-rendered form."""

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
from opendesk.core.services import (
    chart_filing,
    patient_loop,
    portal_compose,
    portal_messages,
    reasons_setup,
)
from opendesk.core.urgent_words import urgent_matches
from opendesk.portal import loop_texts
from opendesk.portal.deps import Actor, DbSession, one_hop
from opendesk.portal.i18n import N_, gettext
from opendesk.portal.pages import render
from opendesk.portal.routes.helpers import nav, see_other
from opendesk.portal.security import portal_session
from opendesk.portal.uploads import Files, allowance_text, check_uploads

router = APIRouter()

MAX_PAGE = 1_000_000  # beyond any inbox; keeps OFFSET within what every database accepts
_SAFE_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_INLINE_RISKY = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml"}


@router.get("/inbox")
@one_hop
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
        accepts_replies=portal_messages.accepts_replies(thread),
        expectation=loop_texts.expectation(found.expected),
        automatic={m.id for m in thread if m.is_auto_reply},
        own_patient_id=actor.patient_id,
        request_id=kw.pop("request_id", None) or uuid.uuid4().hex,
        body="",
        allowance=allowance,
        **kw,
    )
    return ctx


@router.get("/messages/{message_id}")
@one_hop
def message_page(request: Request, session: DbSession, actor: Actor, message_id: int) -> Response:
    return render(request, "message.html", _message_ctx(session, actor, message_id))


def _urgent_page(
    request: Request, session: DbSession, actor: PortalActor, text: str, fields: dict[str, Any]
) -> Response | None:
    """The urgent-words page when `text` holds one of the practice's urgent words, else None.
    Its form posts `fields` again with the patient's choice; files are not carried over (the
    page asks for them again when there were some)."""
    found = urgent_matches(session, text)
    if not found:
        return None
    ctx = nav(session, actor, str(fields.pop("active")))
    ctx.update(
        words=loop_texts.word_list(found),
        instructions=loop_texts.emergency(patient_loop.emergency(session)),
        fields=fields,
        allowance=allowance_text(Limits.from_preferences(session)),
    )
    return render(request, "urgent.html", ctx)


def _call_ctx(session: DbSession) -> dict[str, Any]:
    """ "Call the office": the phone and the instructions above the kept draft."""
    found = patient_loop.emergency(session)  # its phone is the office phone
    return {"call_phone": found.phone, "call_instructions": loop_texts.emergency(found)}


@router.post("/messages/{message_id}/reply")
@one_hop
def reply_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    message_id: int,
    files: Files,
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
    urgent_choice: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    request_id = request_id or uuid.uuid4().hex
    if urgent_choice == "call":
        ctx = _message_ctx(session, actor, message_id, request_id=request_id)
        ctx.update(body=body, **_call_ctx(session))
        return render(request, "message.html", ctx)
    if urgent_choice != "send":
        fields = {"body": body, "request_id": request_id, "active": "inbox"}
        fields["action"] = f"/messages/{message_id}/reply"
        page = _urgent_page(request, session, actor, body, fields | {"had_files": bool(files)})
        if page is not None:
            return page
    try:
        uploads = check_uploads(files, Limits.from_preferences(session))
        new_id = portal_messages.reply(
            session,
            actor,
            message_id,
            body,
            request_id,
            uploads.files,
            urgent=urgent_choice == "send",
        )
    except ValidationError as exc:
        session.rollback()
        ctx = _message_ctx(session, actor, message_id, request_id=request_id)
        ctx.update(body=body, error=str(exc))
        return render(request, "message.html", ctx, status_code=400)
    portal_session(request).set_flash(gettext("Your reply is sent."))
    return see_other(f"/messages/{new_id}")


def content_disposition(name: str) -> str:
    """The download header: the name after the one file-name rule (`core.file_names`), no
    path, quotes, control or bidi characters, an ASCII fallback and the UTF-8 form. A `;`
    becomes `_` too: some clients split the header at it even inside quotes."""
    safe = download_name(name).replace(";", "_")
    ascii_name = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode() or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"


@router.get("/attachments/{attachment_id}")
@one_hop
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


@router.get("/messages/{message_id}/pdf")
@one_hop
def message_pdf(session: DbSession, actor: Actor, message_id: int) -> Response:
    """Save as PDF: the conversation as the chart files it (`core.services.chart_filing`),
    only the holder's scope (else 404, audited), audited as a download."""
    name, data = chart_filing.portal_thread_pdf(session, actor, message_id)
    return Response(
        content=data,
        media_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition(name),
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


def _compose_ctx(
    session: DbSession, actor: PortalActor, selected: int, about: int | None = None, **kw: Any
) -> dict[str, Any]:
    """The Write page: the patients and reasons to choose from, and the draft in `kw`."""
    choices = portal_compose.compose_choices(session, actor, about)  # bad `about`: NotFound
    ctx = nav(session, actor, "compose")
    ctx.update(
        choices=choices,
        reasons=[
            (r.id, loop_texts.reason_name(r.name)) for r in reasons_setup.list_reasons(session)
        ],
        selected=selected,
        reason_id=None,
        subject="",
        body="",
        allowance=allowance_text(Limits.from_preferences(session)),
    )
    ctx.update(kw)
    return ctx


@router.get("/compose")
@one_hop
def compose_page(
    request: Request, session: DbSession, actor: Actor, about: int | None = None
) -> Response:
    selected = about if about is not None else actor.patient_id
    ctx = _compose_ctx(session, actor, selected, about, request_id=uuid.uuid4().hex)
    return render(request, "compose.html", ctx)


def _reason(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None


@router.post("/compose")
@one_hop
def compose_submit(
    request: Request,
    session: DbSession,
    actor: Actor,
    regarding_patient_id: Annotated[int, Form()],
    files: Files,
    subject: Annotated[str, Form(max_length=1000)] = "",
    body: Annotated[str, Form(max_length=200_000)] = "",
    request_id: Annotated[str, Form(max_length=64)] = "",
    reason_id: Annotated[str, Form(max_length=20)] = "",
    urgent_choice: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    request_id = request_id or uuid.uuid4().hex
    reason = _reason(reason_id)
    draft: dict[str, Any] = {"subject": subject, "body": body, "request_id": request_id}
    draft["reason_id"] = reason
    try:
        if reason is None and reasons_setup.list_reasons(session):  # none offered: none asked
            raise ValidationError(N_("Choose what your message is about."), "reason")
        if urgent_choice == "call":
            ctx = _compose_ctx(session, actor, regarding_patient_id, **draft, **_call_ctx(session))
            return render(request, "compose.html", ctx)
        if urgent_choice != "send":
            fields = draft | {"regarding_patient_id": regarding_patient_id, "active": "compose"}
            fields |= {"action": "/compose", "had_files": bool(files)}
            page = _urgent_page(request, session, actor, f"{subject}\n{body}", fields)
            if page is not None:
                return page
        uploads = check_uploads(files, Limits.from_preferences(session))
        new_id = portal_messages.compose(
            session,
            actor,
            regarding_patient_id,
            subject,
            body,
            request_id,
            uploads.files,
            reason_id=reason,
            urgent=urgent_choice == "send",
        )
    except ValidationError as exc:
        session.rollback()
        ctx = _compose_ctx(session, actor, regarding_patient_id, **draft, error=str(exc))
        return render(request, "compose.html", ctx, status_code=400)
    portal_session(request).set_flash(gettext("Your message is sent."))
    return see_other(f"/messages/{new_id}")
