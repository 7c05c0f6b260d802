"""Issue 24, languages: the shipped catalogs are complete and current (every text Babel
extracts from the portal's code and templates is in every catalog, translated, not fuzzy; the
committed .mo files say what the .po files say), no template text escapes the catalog, and
the portal speaks the patient's language: the log-in page's switch (a cookie), the
preferred language after log-in, Babel's dates and numbers."""

import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from sqlalchemy import update

from opendesk.core import languages
from opendesk.core.db import Database
from opendesk.core.models import Patient
from opendesk.core.services import portal_auth, portal_messages, portal_two_step
from opendesk.portal import core_texts, i18n
from tests.portal.conftest import Browser, Practice, send

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "opendesk" / "portal"
TEMPLATES = PORTAL / "templates"
SHIPPED = [lang for lang in languages.LANGUAGES if lang != languages.DEFAULT]


def extracted() -> set[object]:
    """Every msgid Babel extracts with the portal's babel.cfg (plural ids as tuples)."""
    with (PORTAL / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: set[object] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add(message)
    return found


def catalog(language: str) -> Catalog:
    path = PORTAL / "locale" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_extracted_text_is_translated_in_the_shipped_catalog(language: str) -> None:
    po = catalog(language)
    in_catalog = {m.id for m in po if m.id}
    wanted = extracted()
    assert wanted, "Babel extracted nothing: is babel.cfg right?"
    missing = sorted(map(str, wanted - in_catalog))
    stale = sorted(map(str, in_catalog - wanted))
    assert not missing, f"texts not in the {language} catalog (pybabel update): {missing}"
    assert not stale, f"texts in the {language} catalog that the portal no longer has: {stale}"
    untranslated = [
        str(m.id)
        for m in po
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert not untranslated, f"untranslated or fuzzy in {language}: {untranslated}"


def _messages(mo: Catalog) -> dict[object, object]:
    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list) else value

    return {key(m.id): key(m.string) for m in mo if m.id}


@pytest.mark.parametrize("language", SHIPPED)
def test_the_committed_mo_file_is_the_compiled_po_file(language: str) -> None:
    po = catalog(language)
    compiled = BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    fresh = _messages(read_mo(compiled))
    with (PORTAL / "locale" / language / "LC_MESSAGES" / "messages.mo").open("rb") as f:
        shipped = _messages(read_mo(f))
    assert shipped == fresh, "messages.mo is out of date: run pybabel compile (docs/PORTAL.md)"


class _Text(HTMLParser):
    """Words in a template's HTML outside `{{ }}`, `{% %}` and trans blocks: each is a text
    nobody marked for translation. Attribute values people read count too (a `value` is read
    on an input button or field, not on a `<button>`, an `<option>` or a hidden input)."""

    READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-label", "value")

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "script", "style"):
            self._skip += 1
        unread_value = tag in ("button", "option") or ("type", "hidden") in attrs
        for name, value in attrs:
            if name == "value" and unread_value:
                continue
            if name in self.READ_ATTRIBUTES and value and re.search(r"[A-Za-z]", value):
                self.words.append(f'{name}="{value}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and re.search(r"[A-Za-z]", data):
            self.words.append(data.strip())


def unmarked(source: str) -> list[str]:
    source = re.sub(r"{%-?\s*trans\b.*?endtrans\s*-?%}", "", source, flags=re.S)
    source = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "", source, flags=re.S)
    parser = _Text()
    parser.feed(source)
    return parser.words


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_template_text_is_left_unmarked(template: str) -> None:
    words = unmarked((TEMPLATES / template).read_text(encoding="utf-8"))
    assert not words, f"{template}: texts not marked for translation: {words}"


def test_the_unmarked_text_check_finds_unmarked_text() -> None:
    assert unmarked('<p>Hello</p><b title="Hi">{{ _("ok") }}</b>') == ["Hello", 'title="Hi"']
    assert unmarked("{% trans n=1 %}Hello {{ n }}{% endtrans %}<code>ABCD</code>") == []
    assert unmarked('<input type="submit" value="Go">') == ['value="Go"']
    assert unmarked('<button name="c" value="call">{{ _("Call") }}</button>') == []


def test_the_core_texts_the_portal_shows_are_in_the_catalog() -> None:
    shown = (
        portal_auth.LOGIN_FAILED,
        portal_auth.RESET_FAILED,
        portal_auth.SECOND_STEP_FAILED,
        portal_two_step.WRONG_CODE,
        portal_messages.REQUEST_ID_TAKEN,
    )
    assert set(shown) <= set(core_texts.CORE_TEXTS)


def test_dates_and_numbers_are_formatted_for_the_language() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    when = datetime(2026, 11, 30, 18, 36, tzinfo=ZoneInfo("America/Chicago"))
    i18n.use("en")
    assert (i18n.format_datetime(when), i18n.format_number(12345)) == (
        "11/30/2026 6:36 PM",
        "12,345",
    )
    i18n.use("es")
    assert (i18n.format_datetime(when), i18n.format_number(12345)) == (
        "30/11/2026 18:36",
        "12.345",
    )
    assert i18n.ago(datetime(2026, 1, 1, 12, 0), datetime(2026, 1, 1, 12, 12)) == (
        "hace 12 minutos"
    )
    i18n.use("xx")  # unknown: English
    assert i18n.current() == "en"


def test_accept_language_picks_the_first_language_the_portal_speaks() -> None:
    assert i18n.from_accept_language("fr-FR, es-MX;q=0.8, en;q=0.5") == "es"
    assert i18n.from_accept_language("de, fr") is None
    assert i18n.from_accept_language("en-US,en;q=0.9,es;q=0.8") == "en"


def test_the_log_in_page_switches_language_with_a_cookie_only(browser: Browser) -> None:
    page = browser.get("/login")
    assert '<html lang="en">' in page.text and "Log in" in page.text
    assert 'href="/language/es" lang="es"' in page.text
    switched = browser.get("/language/es", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/login"
    cookie = [c for c in switched.headers.get_list("set-cookie") if c.startswith("lang=")]
    assert cookie and cookie[0].startswith("lang=es;") and "HttpOnly" in cookie[0]
    page = browser.get("/login")
    assert '<html lang="es">' in page.text
    assert "Iniciar sesión" in page.text and "Nombre de usuario" in page.text
    assert browser.get("/language/xx", follow_redirects=False).status_code == 303
    assert '<html lang="es">' in browser.get("/forgot").text


def test_a_spanish_speaking_patient_gets_the_portal_in_spanish_after_log_in(
    db: Database, practice: Practice, browser: Browser
) -> None:
    send(db, practice.doc_a, practice.head, practice.prov_a)
    with db.session() as s:
        s.execute(update(Patient).where(Patient.id == practice.head).values(language="es"))
        s.commit()
    assert '<html lang="en">' in browser.get("/login").text  # nobody known yet
    assert browser.login(practice.head_user).status_code == 303
    inbox = browser.get("/inbox")
    assert '<html lang="es">' in inbox.text
    assert "Bandeja de entrada" in inbox.text and "1 mensaje," in inbox.text
    assert re.search(r"\d{1,2}/\d{1,2}/20\d\d \d{1,2}:\d\d<", inbox.text)  # d/M/yyyy H:mm
    assert "Página" not in inbox.text  # one page only
    bad = browser.post_form("/account/password", {"new_password": "a", "confirm_password": "b"})
    assert "Las dos contraseñas nuevas no coinciden." in bad.text
    out = browser.post_form("/logout", {}, form_page="/inbox")
    assert out.status_code == 303
    # after log-out the portal keeps the last holder's language until the switch says other
    assert "Ha cerrado la sesión." in browser.get("/login").text


def test_the_outbox_notice_is_in_the_recipients_language(db: Database, practice: Practice) -> None:
    from sqlalchemy import select

    from opendesk.core.models import OutboxNotice

    with db.session() as s:
        s.execute(update(Patient).where(Patient.id == practice.head).values(language="es"))
        s.commit()
    send(db, practice.doc_a, practice.child, practice.prov_a)  # to Ann's account, about Tim
    send(db, practice.doc_b, practice.stranger, practice.prov_b)  # Sam reads English
    with db.readonly_session() as s:
        subjects = sorted(s.execute(select(OutboxNotice.subject)).scalars())
    assert subjects == [
        "Mensaje seguro de Maple Street Dental",
        "Secure message from Maple Street Dental",
    ]


def test_english_dates_are_what_babel_makes_of_the_english_pattern() -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from babel import dates

    zone = ZoneInfo("America/Los_Angeles")
    start = datetime(2026, 1, 1, 0, 0, tzinfo=zone)
    for step in range(0, 400 * 24, 7):  # every hour of the clock, single and double digits
        when = start + timedelta(hours=step, minutes=step % 60)
        babel = dates.format_datetime(when, i18n.DATETIME_PATTERNS["en"], tzinfo=zone, locale="en")
        assert i18n.english_datetime(when) == babel
