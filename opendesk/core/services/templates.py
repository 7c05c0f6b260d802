"""WebMail templates (issue 22 part A): Setup > WebMail Templates and the compose window's
template picker.

    rows = list_templates(session, actor)                       # what the user may use
    template_id = save_template(session, actor, TemplateInput(...), template_id=None)
    delete_template(session, actor, template_id)
    filled = resolve_template(session, actor, template_id, MergeRequest(...))

A template is the practice's (`provider_id` None: users with the Setup permission add, change
and delete it) or personal to one provider (the users linked to that provider, and Setup
users, edit it). Everyone who may write WebMail uses the practice's templates; personal ones
are offered to the provider's users and to whoever writes as that provider (From). Saves and
deletes are audited in the same transaction (ids only: a template's text is not PHI, but the
audit log never holds free text). Attachments are file names in the practice's shared folder
(`shared_folder(ATOZ_PATH)`, Open Dental's `EmailAttachments` folder of the A-to-Z images
folder), checked with the attachment name rule (`core.file_names`); the compose window adds
the files through the attachment rules like any other file. `allow_reply` and
`notify_unread_days` are stored for the per-message settings (issue 22 part B).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PureWindowsPath

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions, preferences
from opendesk.core.actors import StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.file_names import MAX_NAME_CHARS, clean_file_name
from opendesk.core.models import Provider, User, WebMailTemplate
from opendesk.core.services.merge_fields import (
    FIELDS,
    MergeRequest,
    merge,
    merge_values,
    unknown_fields,
)
from opendesk.core.services.webmail import SUBJECT_MAX
from opendesk.core.text import storable

NAME_MAX = 100
MAX_ATTACHMENTS = 10
NOTIFY_DAYS_MAX = 60
SHARED_FOLDER_NAME = "EmailAttachments"
"""The practice's shared folder for template files: this folder of the A-to-Z images folder
(where Open Dental keeps its e-mail attachments)."""
PRACTICE = "Practice"


def shared_folder(atoz_root: str) -> str:
    """The practice's shared folder for template attachments ("" when no A-to-Z folder is set).
    Joined as text so a Windows share path (\\\\server\\AtoZ) keeps its form on any machine."""
    root = atoz_root.strip()
    if not root:
        return ""
    if "\\" in root:
        return str(PureWindowsPath(root) / SHARED_FOLDER_NAME)
    return root.rstrip("/") + "/" + SHARED_FOLDER_NAME


@dataclass(frozen=True)
class TemplateInput:
    """What Setup > WebMail Templates edits. `personal`: the provider's own template
    (`provider_id`, or the acting user's provider when None); else the practice's."""

    name: str
    subject: str
    body: str
    personal: bool = False
    provider_id: int | None = None
    attachment_names: tuple[str, ...] = ()
    allow_reply: bool = True
    notify_unread_days: int | None = None


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    subject: str
    body: str
    provider_id: int | None
    owner: str  # "Practice" or the provider's name
    attachment_names: tuple[str, ...]
    allow_reply: bool
    notify_unread_days: int | None
    may_edit: bool

    @property
    def personal(self) -> bool:
        return self.provider_id is not None


@dataclass(frozen=True)
class ResolvedTemplate:
    """A template filled for one message: what the compose window puts in its fields."""

    template_id: int
    name: str
    subject: str
    body: str
    unknown: tuple[str, ...]  # not merge fields (as typed)
    missing: tuple[str, ...]  # known fields without data here
    reasons: dict[str, str]  # why each missing field has no value
    attachment_names: tuple[str, ...]
    allow_reply: bool
    notify_unread_days: int | None

    @property
    def unresolved(self) -> tuple[str, ...]:
        return self.unknown + tuple(f for f in self.missing if f not in self.unknown)


class TemplateInvalid(ValidationError):
    """Several fields may be wrong at once; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(message, field)
        self.problems = problems


def _attachment_problem(names: Sequence[str]) -> str | None:
    if len(names) > MAX_ATTACHMENTS:
        return f"A template has at most {MAX_ATTACHMENTS} attachments."
    if len({n.casefold() for n in names}) != len(names):
        return "A file is listed twice; remove one."
    for name in names:
        if not name or clean_file_name(name) != name:
            return (
                f"“{name}” is not a file name the attachment rules keep (characters a file name "
                f"may not have, a folder, or over {MAX_NAME_CHARS} characters): rename the file "
                f"in the shared folder and choose it again."
            )
    return None


def template_problems(data: TemplateInput, max_chars: int) -> dict[str, str]:
    """Everything wrong with `data` that needs no database: {field: message}. The same
    messages the Setup dialog shows next to its fields."""
    problems: dict[str, str] = {}
    if not all(storable(t) for t in (data.name, data.subject, data.body, *data.attachment_names)):
        problems["body"] = "The text holds a NUL character, which cannot be stored."
    if not data.name.strip():
        problems["name"] = "Enter a name for the template (e.g. Post-op care)."
    elif len(data.name.strip()) > NAME_MAX:
        problems["name"] = f"The name is longer than {NAME_MAX} characters."
    if not data.subject.strip():
        problems["subject"] = "Enter the subject messages start with."
    elif len(data.subject) > SUBJECT_MAX:
        problems["subject"] = f"The subject is longer than {SUBJECT_MAX} characters."
    if not data.body.strip():
        problems.setdefault("body", "Enter the message text.")
    elif len(data.body) > max_chars:
        problems.setdefault("body", f"The message is longer than {max_chars:,} characters.")
    for name, text in (("subject", data.subject), ("body", data.body)):
        unknown = unknown_fields(text)
        if unknown and name not in problems:
            verb = "is not a merge field" if len(unknown) == 1 else "are not merge fields"
            problems[name] = (
                f"{', '.join(unknown)} {verb} (the names are written exactly so): use one of "
                f"{' '.join(FIELDS)}."
            )
    attachment = _attachment_problem(data.attachment_names)
    if attachment:
        problems["attachments"] = attachment
    days = data.notify_unread_days
    if days is not None and not 1 <= days <= NOTIFY_DAYS_MAX:
        problems["notify_unread_days"] = (
            f"Notify if unread after 1 to {NOTIFY_DAYS_MAX} days, or leave it off."
        )
    return problems


def may_edit(user: User, provider_id: int | None) -> bool:
    """Setup edits every template; a provider's users edit that provider's own ones."""
    if permissions.has_permission(user, Permission.SETUP):
        return True
    return provider_id is not None and user.provider_id == provider_id


_LIST_COLUMNS = (
    WebMailTemplate.id,
    WebMailTemplate.name,
    WebMailTemplate.subject,
    WebMailTemplate.body,
    WebMailTemplate.provider_id,
    WebMailTemplate.attachment_names,
    WebMailTemplate.allow_reply,
    WebMailTemplate.notify_unread_days,
)


def _visible_provider_ids(user: User, for_provider_id: int | None) -> set[int]:
    """Whose personal templates the user is offered: their provider's and the From
    provider's (whoever writes as a provider may use that provider's templates)."""
    return {p for p in (user.provider_id, for_provider_id) if p is not None}


def list_templates(
    session: Session,
    actor: StaffActor,
    *,
    for_provider_id: int | None = None,
    everyone: bool = False,
) -> list[TemplateRow]:
    """The practice's templates and the personal ones of the user's provider and of
    `for_provider_id` (the compose window's From), by name. `everyone`: a Setup user's list
    in the Setup dialog, with every provider's personal templates."""
    user = permissions.acting_user(session, actor)
    query = select(*_LIST_COLUMNS)
    if not (everyone and permissions.has_permission(user, Permission.SETUP)):
        ids = _visible_provider_ids(user, for_provider_id)
        query = query.where(
            or_(WebMailTemplate.provider_id.is_(None), WebMailTemplate.provider_id.in_(ids))
        )
    found = session.execute(query).all()  # columns, not ORM objects: the list may be long
    owners = {
        p.id: p.display_name
        for p in session.execute(
            select(Provider).where(Provider.id.in_({t.provider_id for t in found}))
        ).scalars()
    }
    setup = permissions.has_permission(user, Permission.SETUP)
    rows = [
        TemplateRow(
            id=t.id,
            name=t.name,
            subject=t.subject,
            body=t.body,
            provider_id=t.provider_id,
            owner=PRACTICE if t.provider_id is None else owners.get(t.provider_id, ""),
            attachment_names=tuple(n for n in t.attachment_names.splitlines() if n),
            allow_reply=t.allow_reply,
            notify_unread_days=t.notify_unread_days,
            may_edit=setup or (t.provider_id is not None and t.provider_id == user.provider_id),
        )
        for t in found
    ]
    rows.sort(key=lambda r: (r.name.casefold(), r.provider_id is not None, r.owner, r.id))
    return rows


def _owner_id(session: Session, actor: StaffActor, user: User, data: TemplateInput) -> int | None:
    if not data.personal:
        return None
    provider_id = data.provider_id if data.provider_id is not None else user.provider_id
    if provider_id is None:
        raise TemplateInvalid(
            {"scope": "You are not linked to a provider, so you have no templates of your own."}
        )
    if session.get(Provider, provider_id) is None:
        raise NotFound("That provider no longer exists.")
    return provider_id


def _require_edit(
    session: Session, actor: StaffActor, user: User, provider_id: int | None, object_id: int | None
) -> None:
    if may_edit(user, provider_id):
        return
    what = (
        "change the practice's templates (Setup permission)"
        if provider_id is None
        else "change another provider's templates"
    )
    raise permissions.deny(
        session,
        actor,
        what,
        detail=f"template={object_id or 'new'} provider={provider_id or 'practice'}",
    )


def save_template(
    session: Session, actor: StaffActor, data: TemplateInput, template_id: int | None = None
) -> int:
    """Add (`template_id` None) or change a template; returns its id. Refusals are audited
    (`permission.denied`); problems raise TemplateInvalid naming each field. Commits."""
    user = permissions.acting_user(session, actor)
    existing = None
    if template_id is not None:
        existing = session.get(WebMailTemplate, template_id)
        if existing is None:
            raise NotFound("That template no longer exists.")
        _require_edit(session, actor, user, existing.provider_id, template_id)
    provider_id = _owner_id(session, actor, user, data)
    _require_edit(session, actor, user, provider_id, template_id)
    problems = template_problems(data, preferences.get(session, preferences.MESSAGE_MAX_CHARS))
    name = data.name.strip()
    if "name" not in problems and _name_taken(session, name, provider_id, template_id):
        problems["name"] = (
            "Another template of the practice has this name."
            if provider_id is None
            else "This provider already has a template with this name."
        )
    if problems:
        raise TemplateInvalid(problems)
    template = existing or WebMailTemplate()
    template.name = name
    template.subject = data.subject
    template.body = data.body
    template.provider_id = provider_id
    template.attachment_names = "\n".join(data.attachment_names)
    template.allow_reply = data.allow_reply
    template.notify_unread_days = data.notify_unread_days
    template.updated_at = utcnow()
    template.updated_by_user_id = user.id
    if existing is None:
        session.add(template)
    session.flush()
    audit.record(
        session,
        actor,
        "template.save" if existing is not None else "template.add",
        object_type="webmail_template",
        object_id=template.id,
        detail=f"provider={provider_id or 'practice'} attachments={len(data.attachment_names)} "
        f"allow_reply={int(data.allow_reply)} notify_unread_days={data.notify_unread_days or 0}",
    )
    session.commit()
    return template.id


def _name_taken(
    session: Session, name: str, provider_id: int | None, template_id: int | None
) -> bool:
    owner = (
        WebMailTemplate.provider_id.is_(None)
        if provider_id is None
        else WebMailTemplate.provider_id == provider_id
    )
    query = select(WebMailTemplate.id).where(
        owner, func.lower(WebMailTemplate.name) == name.lower()
    )
    if template_id is not None:
        query = query.where(WebMailTemplate.id != template_id)
    return session.execute(query).first() is not None


def delete_template(session: Session, actor: StaffActor, template_id: int) -> None:
    """Delete a template (same rule as changing it); audited. Commits."""
    user = permissions.acting_user(session, actor)
    template = session.get(WebMailTemplate, template_id)
    if template is None:
        raise NotFound("That template no longer exists.")
    _require_edit(session, actor, user, template.provider_id, template_id)
    provider_id = template.provider_id
    session.delete(template)
    session.flush()
    audit.record(
        session,
        actor,
        "template.delete",
        object_type="webmail_template",
        object_id=template_id,
        detail=f"provider={provider_id or 'practice'}",
    )
    session.commit()


def resolve_template(
    session: Session, actor: StaffActor, template_id: int, request: MergeRequest
) -> ResolvedTemplate:
    """The template's subject and body with the fields filled for the message's recipient,
    Regarding patient and From provider. Refused (NotFound) for a personal template the user
    is not offered. Reading the names the window already shows is not audited."""
    user = permissions.acting_user(session, actor)
    template = session.get(WebMailTemplate, template_id)
    visible = _visible_provider_ids(user, request.provider_id)
    if template is None or (
        template.provider_id is not None and template.provider_id not in visible
    ):
        raise NotFound("That template no longer exists.")
    values = merge_values(session, request)
    subject = merge(template.subject, values)
    body = merge(template.body, values)
    return ResolvedTemplate(
        template_id=template.id,
        name=template.name,
        subject=subject.text,
        body=body.text,
        unknown=tuple(dict.fromkeys(subject.unknown + body.unknown)),
        missing=tuple(dict.fromkeys(subject.missing + body.missing)),
        reasons=dict(values.reasons),
        attachment_names=template.attachments,
        allow_reply=template.allow_reply,
        notify_unread_days=template.notify_unread_days,
    )
