"""The closed loop and the message settings in Spanish (issues 21 and 22 meet issue 24): the
reasons, the expected-reply line, the urgent-words page and its instructions, the automatic
reply's label, a message without replies and the refused reply, all in the patient's language
over HTTP; the practice's own texts shown as written."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import MessageReason, Patient
from opendesk.core.services import patient_loop, portal_messages, reasons_setup
from opendesk.core.services.message_settings import MessageSettings
from opendesk.portal import core_texts, i18n, loop_texts
from tests.portal.conftest import Browser, Practice, send
from tests.portal.test_loop_pages import MONDAY_10, MONDAY_19, URGENT, write
from tests.portal.test_loop_pages import reasons as reasons

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_MIDNIGHT = datetime(2026, 11, 30, 5, 0)  # 0:00 in New York


@pytest.fixture
def spanish(db: Database) -> None:
    with db.session() as s:
        s.execute(update(Patient).values(language="es"))
        s.commit()


def test_the_shipped_defaults_the_portal_translates_are_the_cores() -> None:
    assert prefs.EMERGENCY_INSTRUCTIONS.default == loop_texts.EMERGENCY_DEFAULT
    assert loop_texts.DEFAULT_REASONS == reasons_setup.DEFAULT_REASONS
    assert portal_messages.NO_REPLIES in core_texts.CORE_TEXTS


def _expected(due: datetime, now: datetime, overdue: bool = False) -> patient_loop.Expected:
    return patient_loop.Expected(8, due, overdue, "(555) 010-9111", NEW_YORK, now)


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (datetime(2026, 11, 30, 6, 0), "a más tardar hoy a la 1:00."),  # "la" for 1 o'clock
        (datetime(2026, 12, 1, 20, 30), "a más tardar el martes a las 15:30."),
        (datetime(2026, 12, 9, 14, 0), "a más tardar el miércoles 9/12/2026 a las 9:00."),
    ],
)
def test_the_expected_reply_line_in_spanish(due: datetime, words: str) -> None:
    i18n.use("es")
    try:
        line = loop_texts.expectation(_expected(due, MONDAY_MIDNIGHT))
    finally:
        i18n.use("en")
    assert line is not None
    assert line.startswith("La consulta suele responder en un plazo de 1 día hábil: espere")
    assert line.endswith(words)


def test_english_keeps_the_cores_words() -> None:
    found = _expected(datetime(2026, 12, 1, 14, 0), MONDAY_10)
    assert loop_texts.expectation(found) == patient_loop.expectation_words(found)
    late = _expected(MONDAY_10, MONDAY_10, overdue=True)
    i18n.use("es")
    try:
        line = loop_texts.expectation(late)
    finally:
        i18n.use("en")
    assert line == (
        "La consulta suele responder en un plazo de 1 día hábil. Su mensaje está tardando más "
        "de lo habitual; si no puede esperar, llame a la consulta al (555) 010-9111."
    )


def test_write_and_the_expected_reply_line_speak_spanish(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int], spanish: None
) -> None:
    browser.login(practice.head_user)
    page = browser.get("/compose").text
    assert ">Motivo</label>" in page and ">Elija…</option>" in page
    for name in ("Cita", "Facturación", "Pregunta para mi proveedor", "Receta", "Otro"):
        assert f">{name}</option>" in page
    r = write(browser, practice, "", "¿Cuándo es mi próxima cita?")
    assert r.status_code == 400 and "Elija el motivo de su mensaje." in r.text
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Billing"], "¿Por qué dos facturas?")
        page = browser.get(r.headers["location"]).text
    assert (
        "La consulta suele responder en un plazo de 1 día hábil: espere una respuesta a más "
        "tardar el martes a las 9:00." in page
    )
    assert "Guardar como PDF" in page


def test_a_reason_the_practice_named_is_shown_as_written(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int], spanish: None
) -> None:
    with db.session() as s:
        s.add(MessageReason(name="Ortodoncia (brackets)", sort_order=60))
        s.commit()
    browser.login(practice.head_user)
    assert ">Ortodoncia (brackets)</option>" in browser.get("/compose").text


def test_the_urgent_page_in_spanish_and_the_practices_own_instructions(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int], spanish: None
) -> None:
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Other"], URGENT + " And a fever.")
    assert r.status_code == 200 and "¿Es urgente?" in r.text
    assert "Su mensaje menciona <strong>swelling</strong> y <strong>fever</strong>." in r.text
    assert "llame ahora a la consulta al (555) 010-9111." in r.text
    assert ">Llamar a la consulta</button>" in r.text and "Enviar de todos modos" in r.text
    r = write(browser, practice, reasons["Other"], URGENT, urgent_choice="call")
    assert 'Llame a la consulta: <a href="tel:(555) 010-9111">' in r.text
    assert "Su texto sigue aquí abajo; no se ha enviado." in r.text

    own = "Para una urgencia llame al [PHONE] o al 555-0177 (Dra. Ruiz)."
    with db.session() as s:
        prefs.set_many(s, {prefs.EMERGENCY_INSTRUCTIONS: own})
        s.commit()
    with clock.frozen(MONDAY_10):
        r = write(browser, practice, reasons["Other"], URGENT)
    assert "Para una urgencia llame al (555) 010-9111 o al 555-0177 (Dra. Ruiz)." in r.text


def test_the_automatic_reply_is_labelled_in_spanish_its_text_is_the_practices(
    db: Database, practice: Practice, browser: Browser, reasons: dict[str, int], spanish: None
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.AFTER_HOURS_REPLY: "Cerrado. Abrimos [OPENS]."})
        s.commit()
    browser.login(practice.head_user)
    with clock.frozen(MONDAY_19):
        r = write(browser, practice, reasons["Appointment"], "¿Puedo cambiar mi cita?")
        page = browser.get(r.headers["location"]).text
    assert "Respuesta automática de la consulta" in page
    assert "Cerrado. Abrimos" in page  # as the practice wrote it
    assert "a más tardar el martes a las 16:00." in page


def test_a_message_without_replies_and_the_refused_reply_in_spanish(
    db: Database, practice: Practice, browser: Browser, spanish: None
) -> None:
    message_id = send(
        db,
        practice.doc_a,
        practice.head,
        practice.prov_a,
        "Cerrado el viernes",
        "El viernes cerramos por formación.",
        settings=MessageSettings(allow_reply=False),
    )
    browser.login(practice.head_user)
    page = browser.get(f"/messages/{message_id}").text
    assert "Este mensaje no admite respuestas</h2>" in page
    assert (
        'Si necesita comunicarse con la consulta, <a href="/compose">escriba un mensaje '
        "nuevo</a>." in page
    )
    token = browser.csrf(f"/messages/{message_id}")
    r = browser.client.post(
        f"/messages/{message_id}/reply",
        data={"body": "¿Abren el sábado?", "request_id": "r-1", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "No permitido" in r.text
    assert "escriba un mensaje nuevo desde su bandeja de entrada." in r.text
