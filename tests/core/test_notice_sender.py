"""The notice e-mail names the practice: From display name and default subject."""

from opendesk.core import notices
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from tests import factories


def _prefs(db: Database, **values: str) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.ALL[name]: value for name, value in values.items()})
        s.commit()


def test_the_practice_name_is_the_from_display_name(db: Database) -> None:
    _prefs(db, notify_from="notices@maple.example", practice_name="Maple Street Dental")
    with db.readonly_session() as s:
        assert notices.notice_sender(s) == "Maple Street Dental <notices@maple.example>"
    _prefs(db, practice_name="Smith, Jones & Co")
    with db.readonly_session() as s:
        assert notices.notice_sender(s) == '"Smith, Jones & Co" <notices@maple.example>'
    _prefs(db, notify_from="Front Desk <notices@maple.example>")  # a name of its own wins
    with db.readonly_session() as s:
        assert notices.notice_sender(s) == "Front Desk <notices@maple.example>"
    _prefs(db, notify_from="notices@maple.example", practice_name="x" * 300)  # too long
    with db.readonly_session() as s:
        assert notices.notice_sender(s) == "notices@maple.example"


def test_default_subject_names_the_practice_and_the_body_stays(db: Database) -> None:
    _prefs(
        db,
        notify_from="notices@maple.example",
        practice_name="Maple Street Dental",
        portal_url="https://portal.maple.example",
    )
    with db.session() as s:
        patient = factories.patient(s, factories.provider(s), email="ann@example.com")
        notice = notices.render_notice(s, patient)
    assert notice.subject == "Secure message from Maple Street Dental"
    assert notice.body_text == (
        "Please go to this link and login using your credentials. https://portal.maple.example"
    )
    assert notice.from_address == "Maple Street Dental <notices@maple.example>"


def test_a_patient_gets_the_notice_of_their_preferred_language(db: Database) -> None:
    """Issue 24: one subject and body per language; the Spanish defaults are translated; an
    unknown stored language gets English; every language's body must hold [URL]."""
    _prefs(
        db,
        notify_from="notices@maple.example",
        practice_name="Maple Street Dental",
        portal_url="https://portal.maple.example",
    )
    with db.session() as s:
        prov = factories.provider(s)
        ana = factories.patient(s, prov, first="Ana", email="ana@example.com", language="es")
        odd = factories.patient(s, prov, first="Odd", email="odd@example.com", language="xx")
        spanish = notices.render_notice(s, ana)
        fallback = notices.render_notice(s, odd)
        assert notices.template_problems(s) == []
    assert spanish.subject == "Mensaje seguro de Maple Street Dental"
    assert spanish.body_text == (
        "Vaya a este enlace e inicie sesión con sus credenciales. https://portal.maple.example"
    )
    assert fallback.subject == "Secure message from Maple Street Dental"
    _prefs(db, notify_body_es="Lea su mensaje en el portal.")
    with db.readonly_session() as s:
        assert notices.template_problems(s) == [
            "The notification body (Spanish) must contain [URL] (Setup > Patient Portal)."
        ]
