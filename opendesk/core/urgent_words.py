"""Urgent words: which of the practice's urgent words or phrases a patient's text contains.

Deterministic, no guessing model: case and accents are folded, apostrophes and dashes count
as spaces ("won't" = "won t", "knocked-out" = "knocked out"), and a word or phrase matches
only whole words ("fever" matches "Fever!" but not "feverfew"). The list is the URGENT_WORDS
preference: entries separated by commas or new lines.
"""

import re
import unicodedata

from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, accents removed, every run of non-letters one space, padded with spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return f" {_NON_WORD.sub(' ', plain).strip()} "


def word_list(text: str) -> list[str]:
    """The entries of the preference text, in order, without blanks or repeats."""
    seen: dict[str, str] = {}
    for entry in re.split(r"[,\n;]+", text):
        if fold(entry).strip() and fold(entry) not in seen:
            seen[fold(entry)] = entry.strip()
    return list(seen.values())


def matching_words(text: str, words: list[str]) -> list[str]:
    """The entries of `words` found in `text` as whole words, in the list's order."""
    folded = fold(text)
    return [w for w in words if fold(w).strip() and fold(w) in folded]


def urgent_matches(session: Session, text: str) -> list[str]:
    """The practice's urgent words that `text` contains (empty: nothing urgent found)."""
    return matching_words(text, word_list(prefs.get(session, prefs.URGENT_WORDS)))
