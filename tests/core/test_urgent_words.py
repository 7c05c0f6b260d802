"""Urgent words: whole words and phrases, case and accents folded, the practice's list."""

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.urgent_words import matching_words, urgent_matches, word_list

DEFAULT = word_list(prefs.URGENT_WORDS.default)


def test_default_list_finds_dental_emergencies() -> None:
    text = "My face has SWELLING since the kids' fight; bleeding that won't stop and a FEVER."
    assert matching_words(text, DEFAULT) == ["swelling", "bleeding that won't stop", "fever"]
    assert matching_words("My son's tooth was knocked out at hockey", DEFAULT) == ["knocked out"]
    assert matching_words("a knocked-out tooth", DEFAULT) == ["knocked-out tooth", "knocked out"]
    assert matching_words("Trouble   breathing\nand trauma", DEFAULT) == [
        "trouble breathing",
        "trauma",
    ]


def test_default_list_finds_them_in_spanish_too() -> None:
    text = "Tengo la cara HINCHADA y fiebre; a mi hijo se le cayó un diente, no el mío."
    assert matching_words(text, DEFAULT) == ["hinchada", "fiebre"]
    assert matching_words("Se me cayo un diente jugando", DEFAULT) == ["se me cayó un diente"]
    assert matching_words("¿Puedo cambiar mi cita al martes?", DEFAULT) == []


def test_whole_words_only_and_nothing_for_ordinary_text() -> None:
    assert matching_words("Feverfew tea and traumatic news", DEFAULT) == []
    assert matching_words("Can I move my cleaning to Tuesday?", DEFAULT) == []
    assert matching_words("", DEFAULT) == []


def test_accents_and_case_are_folded_and_deterministic() -> None:
    words = word_list("fièvre, enflure, Saignement")
    assert matching_words("J'ai de la FIEVRE et un saignement", words) == ["fièvre", "Saignement"]
    assert matching_words("Ｆｅｖｅｒ", DEFAULT) == ["fever"]  # full-width letters fold too


def test_list_ignores_blanks_and_repeats() -> None:
    assert word_list("fever, , Fever\nswelling;;") == ["fever", "swelling"]


def test_practice_list_is_a_preference(db: Database) -> None:
    with db.session() as s:
        assert urgent_matches(s, "some swelling") == ["swelling"]
        prefs.set_many(s, {prefs.URGENT_WORDS: "abscess, dry socket"})
        assert urgent_matches(s, "some swelling") == []
        assert urgent_matches(s, "I think it is a dry socket") == ["dry socket"]
