"""What the compose window needs before a send, read in one place: who receives, about whom, the
default From provider, and the red setup warnings that block Send and Preview.

- The recipient follows the patient the window was opened for (`recipient_for`): their own
  portal account, else the guarantor's, responsible party's or guardian's whose PHI scope holds
  them. It does not change with Regarding.
- Regarding lists every member of the family (Open Dental), plus anyone else the recipient may
  see. A Regarding patient outside the recipient's scope is a red warning, not a silent change
  of recipient.
- From (`default_from`): the Regarding patient's primary provider when a user is linked to
  them; else the logged-on user's own provider, with a note; else nobody and a red warning.
- Every red warning starts with Open Dental's `WARNING_PREFIX` and names the menu that fixes
  it.

The window's reads (`load_opening`, `evaluate`, `build_preview`) return plain dataclasses; the
desktop runs them on a worker. Preview (`build_preview`) renders the notice with the same
`core.notices.render_notice` the send uses.
"""

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from opendesk.core import languages, notices, preferences, scope
from opendesk.core.models import Guardian, Patient, PortalAccount, Provider, User
from opendesk.core.services import providers, signatures
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.providers import ProviderRow

WARNING_PREFIX = "Warning: Notification email send prevented – "
EMAIL_MENU = "Setup > General Email Settings…"
PORTAL_MENU = "Setup > Patient Portal…"
USERS_MENU = "Setup > Users…"
EDIT_PATIENT = "Select Patient > Edit..."
OUT_OF_SCOPE = WARNING_PREFIX + "the recipient cannot see this patient's information."
NO_FROM_ADDRESS = f"No notification From address is set ({EMAIL_MENU})."


def red(text: str) -> str:
    """A red warning: Open Dental's prefix, then the reason (first letter lower case)."""
    return WARNING_PREFIX + text[:1].lower() + text[1:]


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    language: str = languages.DEFAULT  # the patient's preferred language (core.languages)

    @property
    def name_with_language(self) -> str:
        """ "Ann Lee (Spanish)" for a patient who prefers another language than the default:
        the compose window's To line (staff write to them knowing it)."""
        if self.language == languages.DEFAULT:
            return self.name
        return f"{self.name} ({languages.staff_name(self.language)})"


@dataclass(frozen=True)
class ComposeContext:
    selected: PersonRef  # the patient the window was opened for
    recipient: PersonRef | None  # whose portal account receives the message
    recipient_email: str
    regarding_options: list[PersonRef]  # the family, then others in the recipient's scope
    default_provider_id: int | None  # the default From for the selected patient


@dataclass(frozen=True)
class FromDefault:
    """The default From provider for a Regarding patient; `note` says why when it is not the
    patient's primary provider; `problem` is the red warning when there is none."""

    provider: ProviderRow | None
    note: str = ""
    problem: str | None = None


def _ref(p: Patient) -> PersonRef:
    return PersonRef(p.id, p.display_name, languages.known(p.language))


def active_account(session: Session, patient_id: int) -> PortalAccount | None:
    return session.execute(
        select(PortalAccount).where(
            PortalAccount.patient_id == patient_id, PortalAccount.is_active.is_(True)
        )
    ).scalar_one_or_none()


def recipient_for(session: Session, patient: Patient) -> Patient | None:
    """The family member whose portal account receives a message for `patient`: the patient
    itself when it has portal access, else its guarantor, responsible party or guardian whose
    PHI scope includes it."""
    candidates = [patient.id]
    if patient.guarantor_id and patient.guarantor_id != patient.id:
        candidates.append(patient.guarantor_id)
    if patient.responsible_party_id:
        candidates.append(patient.responsible_party_id)
    candidates += session.execute(
        select(Guardian.guardian_id).where(Guardian.child_id == patient.id)
    ).scalars()
    for candidate in candidates:
        if active_account(session, candidate) and scope.in_scope(session, candidate, patient.id):
            return session.get(Patient, candidate)
    return None


def receiving_holder(session: Session, regarding: Patient, holder_id: int | None) -> Patient | None:
    """The account holder a send goes to: `holder_id` when it has an active portal account
    (whether it may see `regarding` is checked by `send_problems`), or, without one (older
    callers), the holder found from the Regarding patient."""
    if holder_id is None:
        return recipient_for(session, regarding)
    if active_account(session, holder_id) is None:
        return None
    return session.get(Patient, holder_id)


def refusal_to_open(session: Session, patient_id: int | None) -> str | None:
    """Why the compose window cannot open at all, or None."""
    if patient_id is None:
        return "Select a patient first."
    patient = session.get(Patient, patient_id)
    if patient is None:
        return "The selected patient no longer exists."
    guarantor = session.get(Patient, patient.family_head_id)
    if guarantor is None or guarantor.guarantor_id not in (None, guarantor.id):
        return f"The patient's family has no valid guarantor. Fix the family in {EDIT_PATIENT}"
    if not preferences.get(session, preferences.NOTIFY_FROM).strip():
        return NO_FROM_ADDRESS
    linked = session.execute(
        select(exists().where(User.provider_id.is_not(None), User.is_disabled.is_(False)))
    ).scalar()
    if not linked:
        return f"No user is linked to a provider, so nobody can send WebMail ({USERS_MENU})."
    return None


def _has_linked_user(session: Session, provider_id: int) -> bool:
    return bool(
        session.execute(
            select(exists().where(User.provider_id == provider_id, User.is_disabled.is_(False)))
        ).scalar()
    )


def default_from(session: Session, regarding_id: int, user_id: int | None) -> FromDefault:
    """The manual's step 4 ("By default it is the patient's primary provider"), made sendable:
    a primary provider nobody is linked to could never give the provider password."""
    regarding = session.get(Patient, regarding_id)
    if regarding is None:
        return FromDefault(None, problem=red("The patient no longer exists."))
    primary = providers.provider_row(session, regarding.primary_provider_id)
    if primary is not None and _has_linked_user(session, primary.id):
        return FromDefault(primary)
    primary_name = primary.name if primary else "(none)"
    user = session.get(User, user_id) if user_id is not None else None
    if user is not None and user.provider_id is not None:
        own = providers.provider_row(session, user.provider_id)
        if own is not None:
            return FromDefault(
                own,
                note=(
                    f"From is your provider: no user is linked to {regarding.display_name}'s "
                    f"primary provider, {primary_name}."
                ),
            )
    return FromDefault(
        None,
        problem=red(
            f"No From provider: no user is linked to {regarding.display_name}'s primary "
            f"provider, {primary_name}, and you are not linked to a provider. Choose one with "
            f"[...], or link a user to {primary_name} in {USERS_MENU}"
        ),
    )


def compose_context(
    session: Session, patient_id: int, user_id: int | None = None
) -> ComposeContext:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise LookupError("patient not found")
    recipient = recipient_for(session, patient)
    family = scope.family_of(session, patient_id)
    options = list(family)
    if recipient is not None:
        known = {f.id for f in family}
        allowed = scope.phi_scope(session, recipient.id)
        options += [
            p for p in (session.get(Patient, i) for i in sorted(allowed - known)) if p is not None
        ]
    from_default = default_from(session, patient_id, user_id)
    return ComposeContext(
        selected=_ref(patient),
        recipient=_ref(recipient) if recipient else None,
        recipient_email=recipient.email.strip() if recipient else "",
        regarding_options=[_ref(p) for p in options],
        default_provider_id=from_default.provider.id if from_default.provider else None,
    )


def _setup_menu(text: str) -> str:
    """core.notices says "(Setup > Patient Portal)."; the menu entry is "Patient Portal…"."""
    return text.replace("(Setup > Patient Portal).", f"({PORTAL_MENU}).")


def send_problems(
    session: Session,
    regarding_patient_id: int,
    provider_id: int | None,
    recipient_id: int | None = None,
    *,
    no_provider: str | None = None,
) -> list[str]:
    """Every red warning that blocks Send and Preview, each saying how to fix it.
    `recipient_id`: the account holder the window was opened for (None: found from the
    Regarding patient); `no_provider`: the warning for a missing From provider (the default
    From's reason). The portal server's health is checked by the caller (network)."""
    regarding = session.get(Patient, regarding_patient_id)
    if regarding is None:
        return [red("The patient the message is about no longer exists.")]
    problems: list[str] = []
    recipient = receiving_holder(session, regarding, recipient_id)
    if recipient is None:
        problems.append(
            red(
                "Neither this patient nor a family member who may see their information has "
                "portal access. Grant it in Chart > Portal Access."
            )
        )
    else:
        email = recipient.email.strip()
        if not email:
            problems.append(
                red(
                    f"{recipient.display_name}, who receives the message, has no e-mail address "
                    f"for the notification. Add it in {EDIT_PATIENT}"
                )
            )
        elif "@" not in email or " " in email:
            problems.append(
                red(
                    f"The e-mail address of {recipient.display_name} is not valid. Fix it in "
                    f"{EDIT_PATIENT}"
                )
            )
        if not scope.in_scope(session, recipient.id, regarding.id):
            problems.insert(0, OUT_OF_SCOPE + " Choose another Regarding patient.")
    if provider_id is None or session.get(Provider, provider_id) is None:
        problems.append(no_provider or red("Choose the provider the message is from with [...]."))
    elif not _has_linked_user(session, provider_id):
        problems.append(
            red(
                "No user is linked to the From provider, so nobody can give its password. "
                f"Link a user in {USERS_MENU} or choose another provider with [...]."
            )
        )
    if not preferences.get(session, preferences.NOTIFY_FROM).strip():
        problems.append(red(NO_FROM_ADDRESS))
    problems += [red(_setup_menu(p)) for p in notices.template_problems(session)]
    return problems


# -- the window's reads ----------------------------------------------------------------------


class Refused(Exception):
    """The window cannot open; the message says why (shown to the user, no PHI)."""


@dataclass(frozen=True)
class PatientName:
    id: int
    last_name: str
    first_name: str


@dataclass(frozen=True)
class DraftAttachment:
    id: int
    name: str
    size: int


@dataclass(frozen=True)
class DraftContent:
    """A draft being reopened: what the window shows of it."""

    id: int
    regarding_patient_id: int
    provider_id: int
    subject: str
    body: str
    attachments: tuple[DraftAttachment, ...] = ()
    settings: MessageSettings | None = None  # deliver at, allow reply, notify if unread


@dataclass(frozen=True)
class Opening:
    """Everything the window needs to open, read in one operation."""

    context: ComposeContext
    provider: ProviderRow | None  # the draft's provider, or the default From
    from_note: str
    max_chars: int
    max_file_bytes: int
    max_message_bytes: int
    storage_kind: str
    atoz_root: str
    dropbox_root: str
    names: tuple[PatientName, ...]
    draft: DraftContent | None = None
    signature: str = ""  # the From provider's, for a new message (issue 22)


def load_opening(
    session: Session, patient_id: int, user_id: int | None, draft: DraftContent | None = None
) -> Opening:
    """The window for `patient_id` (a draft: the account holder it was written for)."""
    refusal = refusal_to_open(session, patient_id)
    if refusal:
        raise Refused(refusal)
    context = compose_context(session, patient_id, user_id)
    if draft is not None:
        provider, note = providers.provider_row(session, draft.provider_id), ""
    else:
        wanted = default_from(session, patient_id, user_id)
        provider, note = wanted.provider, wanted.note
    ids = {o.id for o in context.regarding_options} | {patient_id}
    names = tuple(
        PatientName(p.id, p.last_name, p.first_name)
        for p in (session.get(Patient, i) for i in sorted(ids))
        if p is not None
    )
    return Opening(
        context=context,
        provider=provider,
        from_note=note,
        max_chars=preferences.get(session, preferences.MESSAGE_MAX_CHARS),
        max_file_bytes=preferences.get(session, preferences.ATTACH_MAX_FILE_BYTES),
        max_message_bytes=preferences.get(session, preferences.ATTACH_MAX_MESSAGE_BYTES),
        storage_kind=preferences.get(session, preferences.STORAGE_KIND),
        atoz_root=preferences.get(session, preferences.ATOZ_PATH),
        dropbox_root=preferences.get(session, preferences.DROPBOX_ROOT),
        names=names,
        draft=draft,
        signature=signatures.signature_of(session, provider.id if provider else None),
    )


@dataclass(frozen=True)
class EvaluationRequest:
    """The window's state for a setup check. `provider_id` None: follow the default From of
    the Regarding patient (the user has not picked one with [...])."""

    regarding_id: int
    provider_id: int | None
    recipient_id: int | None  # the account holder found when the window opened
    user_id: int | None
    opened_for_id: int | None = None  # to find a recipient when there was none at opening


@dataclass(frozen=True)
class Evaluation:
    """The setup check for one Regarding/From pair."""

    regarding_id: int
    provider: ProviderRow | None
    from_note: str
    recipient: PersonRef | None
    recipient_email: str
    problems: tuple[str, ...]
    portal_url: str
    portal_url_usable: bool

    @property
    def provider_id(self) -> int | None:
        return self.provider.id if self.provider else None


def evaluate(session: Session, request: EvaluationRequest) -> Evaluation:
    """The red warnings for the window's Regarding/From, and the From it should show."""
    note, no_provider = "", None
    if request.provider_id is None:
        wanted = default_from(session, request.regarding_id, request.user_id)
        provider, note, no_provider = wanted.provider, wanted.note, wanted.problem
    else:
        provider = providers.provider_row(session, request.provider_id)
    recipient_id = request.recipient_id
    opened = session.get(Patient, request.opened_for_id) if request.opened_for_id else None
    if recipient_id is None and opened is not None:
        found = recipient_for(session, opened)  # portal access granted since the opening
        recipient_id = found.id if found is not None else None
    if recipient_id is None:
        recipient_id = -1  # nobody: a warning, never a recipient found from Regarding
    problems = send_problems(
        session,
        request.regarding_id,
        provider.id if provider else None,
        recipient_id,
        no_provider=no_provider,
    )
    recipient = session.get(Patient, recipient_id)
    url = preferences.get(session, preferences.PORTAL_URL).strip()
    demo = preferences.get(session, preferences.DEMO_MODE)
    return Evaluation(
        regarding_id=request.regarding_id,
        provider=provider,
        from_note=note,
        recipient=_ref(recipient) if recipient is not None else None,
        recipient_email=recipient.email.strip() if recipient is not None else "",
        problems=tuple(problems),
        portal_url=url,
        portal_url_usable=notices.portal_url_problem(url, demo) is None,
    )


@dataclass(frozen=True)
class PreviewRequest:
    """What the compose window holds, as plain data for the worker thread. Attachments are
    (name, size as shown)."""

    regarding_patient_id: int
    provider_id: int
    subject: str
    body: str
    attachments: tuple[tuple[str, str], ...] = ()
    recipient_patient_id: int | None = None


@dataclass(frozen=True)
class PreviewData:
    notice_to: str
    notice_from: str
    notice_subject: str
    notice_body: str
    recipient_name: str
    regarding_name: str
    provider_name: str
    subject: str
    body: str
    attachments: tuple[tuple[str, str], ...]

    @property
    def attachments_text(self) -> str:
        if not self.attachments:
            return "(none)"
        return "\n".join(f"{name} ({size})" for name, size in self.attachments)

    def text(self) -> str:
        """Both parts as plain text (what Copy and Print give)."""
        rule = "-" * 60
        return "\n".join(
            [
                "NOTIFICATION E-MAIL (not secure)",
                rule,
                f"To: {self.notice_to}",
                f"From: {self.notice_from}",
                f"Subject: {self.notice_subject}",
                "",
                self.notice_body,
                "",
                "",
                "SECURE MESSAGE (read in the patient portal)",
                rule,
                f"Portal account: {self.recipient_name}",
                f"Regarding: {self.regarding_name}",
                f"From provider: {self.provider_name}",
                f"Subject: {self.subject}",
                "Attachments: " + self.attachments_text.replace("\n", "; "),
                "",
                self.body,
                "",
            ]
        )


def build_preview(session: Session, request: PreviewRequest) -> PreviewData:
    """The notification and the secure message as the patient will get them."""
    regarding = session.get(Patient, request.regarding_patient_id)
    if regarding is None:
        raise LookupError("patient not found")
    recipient = receiving_holder(session, regarding, request.recipient_patient_id)
    if recipient is None:
        raise LookupError("no portal account receives this message")
    notice = notices.render_notice(session, recipient)
    provider = providers.provider_row(session, request.provider_id)
    return PreviewData(
        notice_to=notice.to_address,
        notice_from=notice.from_address,
        notice_subject=notice.subject,
        notice_body=notice.body_text,
        recipient_name=recipient.display_name,
        regarding_name=regarding.display_name,
        provider_name=provider.name if provider else "",
        subject=request.subject,
        body=request.body,
        attachments=request.attachments,
    )
