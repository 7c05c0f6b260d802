"""Normalisation of names and phone numbers for indexed, case- and accent-insensitive search."""

import re
import unicodedata

_NON_DIGITS = re.compile(r"\D+")


def search_key(value: str | None) -> str:
    """Lower-case, accent-free form of a name: "Zoë O'Brien" → "zoe o'brien"."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().strip()


def phone_digits(value: str | None) -> str:
    """Only the digits of a phone number: "(503) 555-0142" → "5035550142"."""
    return _NON_DIGITS.sub("", value or "")


LOCAL_DIGITS = 7


def local_number(digits: str) -> str:
    """The local part of a phone number's digits: the last seven ("5035558672" → "5558672"),
    or all of them when there are fewer."""
    return digits[-LOCAL_DIGITS:]


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`.

    `col >= prefix AND col < prefix_upper_bound(prefix)` is a prefix match that every
    database answers from an index (LIKE does not, on SQLite, without a NOCASE column).
    """
    return prefix + "\U0010ffff"


def storable(value: str) -> bool:
    """Whether every database can store `value` as text: PostgreSQL refuses the NUL
    character, which no real name, password or message needs."""
    return "\x00" not in value
