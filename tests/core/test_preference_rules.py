"""Preference values are checked in core: set_preferences refuses each bad value with its own
message whoever calls it (the Setup dialogs, opendesk-admin), and stores nothing then."""

from typing import Any

import pytest

from opendesk.admin.cli import main
from opendesk.core import preference_rules
from opendesk.core import preferences as prefs
from opendesk.core.actors import SystemActor
from opendesk.core.db import Database
from opendesk.core.preference_rules import PreferencesInvalid
from opendesk.core.services import practice_setup as ps

ADMIN = SystemActor("test")

BAD: list[tuple[prefs.Pref[Any], Any, str]] = [
    (prefs.PRACTICE_NAME, "  ", "Enter the practice name."),
    (prefs.PORTAL_URL, "http://portal.example", "must start with https://"),
    (prefs.PORTAL_URL, "portal", "not a web address"),
    (prefs.NOTIFY_SUBJECT, "Two\nlines", "a single line"),
    (prefs.NOTIFY_BODY, "No link here", "must contain [URL]"),
    (prefs.NOTIFY_FROM, "notices at example", "not an e-mail address"),
    (prefs.SMTP_HOST, "smtp example com", "letters, digits, dots and dashes"),
    (prefs.SMTP_PORT, 70000, "from 1 to 65535"),
    (prefs.SMTP_PORT, "587", "whole number"),
    (prefs.SMTP_SECURITY, "ssl", "starttls, tls or none"),
    (prefs.STORAGE_KIND, "cloud", "folder or dropbox"),
    (prefs.ATOZ_PATH, "images", "full path"),
    (prefs.DROPBOX_ROOT, "AtoZ", "starting with /"),
    (prefs.ATTACH_MAX_FILE_BYTES, 0, "from 1 to"),
    (prefs.MESSAGE_MAX_CHARS, -5, "from 100 to"),
    (prefs.OUTBOX_MAX_ATTEMPTS, 1000, "from 1 to 100"),
    (prefs.PORTAL_FAMILY_SCOPE, "yes", "yes or no"),
    (prefs.PRACTICE_PHONE, "555\x00", "not allowed"),
]


@pytest.mark.parametrize(("pref", "value", "words"), BAD, ids=[f"{b[0].name}" for b in BAD])
def test_each_bad_value_is_refused_with_its_own_message(
    db: Database, pref: prefs.Pref[Any], value: Any, words: str
) -> None:
    with db.session() as s, pytest.raises(PreferencesInvalid) as refused:
        ps.set_preferences(s, ADMIN, {pref: value})
    assert refused.value.field == pref.name and words in str(refused.value)
    with db.readonly_session() as s:
        assert prefs.get(s, pref) == pref.default  # nothing stored


def test_several_bad_values_are_all_named_and_good_ones_saved(db: Database) -> None:
    with db.session() as s, pytest.raises(PreferencesInvalid) as refused:
        ps.set_preferences(
            s, ADMIN, {prefs.SMTP_PORT: 0, prefs.NOTIFY_FROM: "x", prefs.SMTP_USER: "ok"}
        )
    assert set(refused.value.problems) == {"smtp_port", "notify_from"}
    text = str(refused.value)
    assert "SMTP port:" in text and "Notification From address:" in text
    good = {
        prefs.SMTP_HOST: "localhost",
        prefs.SMTP_SECURITY: "none",  # allowed for a server on this computer only
        prefs.PORTAL_URL: "https://portal.example",
        prefs.NOTIFY_BODY: "Your message: [URL]\nThanks.",
        prefs.PRACTICE_ADDRESS: "1 Main St\nSalem, OR",
    }
    with db.session() as s:
        ps.set_preferences(s, ADMIN, good)
    with db.session() as s, pytest.raises(PreferencesInvalid, match="localhost"):
        ps.set_preferences(s, ADMIN, {prefs.SMTP_HOST: "smtp.example.com"})  # security "none"
    with db.readonly_session() as s:
        assert all(prefs.get(s, p) == v for p, v in good.items())


def test_demo_allows_an_http_portal_on_this_computer() -> None:
    url = {prefs.PORTAL_URL: "http://127.0.0.1:8765"}
    assert preference_rules.problems(url, preference_rules.Context(demo=True)) == {}
    assert "portal_url" in preference_rules.problems(url)


def test_opendesk_admin_sets_preferences_with_the_same_rules(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "prefs", "set", "smtp_port=70000", "smtp_host=mail.example"]) == 2
    assert "from 1 to 65535" in capsys.readouterr().err
    assert main(["--db", url, "prefs", "set", "portal_family_scope=maybe"]) == 2
    assert "yes or no" in capsys.readouterr().err
    assert main(["--db", url, "prefs", "set", "colour=blue"]) == 2
    assert "not NAME=VALUE" in capsys.readouterr().err
    assert main(["--db", url, "prefs", "set", "smtp_port=465", "portal_family_scope=no"]) == 0
    assert "2 preferences saved." in capsys.readouterr().out
    assert main(["--db", url, "prefs", "list"]) == 0
    listing = capsys.readouterr().out
    assert "smtp_port                  465" in listing and "False" in listing
