"""Patient search as you type: indexed prefix ranges, keyset pages of ids.

Search text is read as:
  "smi"            last name starting with "smi"
  "smi, jo"        last name "smi…" and first name "jo…"; ", jo" first name only
  "#1234"          patient number 1234
  "503555", "(503) 555-01"   patient number (when it is one) or a phone (home or wireless)
                   starting with those digits (3 digits at least), then phones ending with
                   them (4 digits at least: "8672", "555-8672", "5558672"), then phones
                   whose local number (last 7 digits) starts with them ("555-86")
  "1/31/1980", "1980-01-31", "1-31-80"   birthdate
Every form is answered from an index: prefix search is `key >= p AND key < p + U+10FFFF`, never
LIKE, and pages continue from the last row's sort key (keyset), so page 500 costs what page 1
does.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, or_, select, text
from sqlalchemy.orm import Session

from opendesk.core.models import Patient
from opendesk.core.text import LOCAL_DIGITS, phone_digits, prefix_upper_bound, search_key

PAGE_SIZE = 100
MIN_PHONE_DIGITS = 3
MIN_SUFFIX_DIGITS = 4  # "8672": the last four digits


@dataclass(frozen=True)
class SearchQuery:
    kind: Literal["all", "name", "first", "number", "digits", "birthdate"]
    last: str = ""
    first: str = ""
    digits: str = ""
    number: int | None = None
    birthdate: date | None = None

    @property
    def by_first_name(self) -> bool:
        return self.kind == "first"


_DATE_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d", "%m/%d/%y", "%m-%d-%y", "%Y/%m/%d")
_PHONE_CHARS = re.compile(r"^[\d\s().+\-]+$")


def parse_date(text: str) -> date | None:
    """A date typed the common US ways (1/31/1980, 01-31-1980, 1980-01-31, 1/31/80); None if
    it is not one. Two-digit years after this year are taken as 19xx."""
    text = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt.endswith("%y") and parsed > date.today():
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed
    return None


def parse_query(text: str) -> SearchQuery:
    raw = text.strip()
    if not raw:
        return SearchQuery("all")
    if raw.startswith("#") and raw[1:].strip().isdigit():
        return SearchQuery("number", number=int(raw[1:].strip()))
    if any(c in raw for c in "/-") and any(c.isdigit() for c in raw):
        born = parse_date(raw)
        if born is not None:
            return SearchQuery("birthdate", birthdate=born)
    if _PHONE_CHARS.match(raw) and any(c.isdigit() for c in raw):
        digits = phone_digits(raw)
        return SearchQuery("digits", digits=digits, number=int(digits[:18]))
    if "," in raw:
        last, _, first = raw.partition(",")
        last_key, first_key = search_key(last), search_key(first)
        if not last_key:
            return SearchQuery("first", first=first_key) if first_key else SearchQuery("all")
        return SearchQuery("name", last=last_key, first=first_key)
    return SearchQuery("name", last=search_key(raw))


def _prefix(column: Any, prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < prefix_upper_bound(prefix))


Cursor = tuple[str, str, int]


@dataclass(frozen=True)
class SearchPage:
    ids: tuple[int, ...]
    cursor: Cursor | None  # give it back for the next page; None when there are no more


def search_patients(
    session: Session, text: str, *, limit: int = PAGE_SIZE, after: Cursor | None = None
) -> SearchPage:
    """One page of patient ids matching `text` (see the module docstring), in name order
    (first-name order for ", first" searches)."""
    query = parse_query(text)
    if query.by_first_name:
        k1, k2 = Patient.first_name_key, Patient.last_name_key
    else:
        k1, k2 = Patient.last_name_key, Patient.first_name_key
    conditions: list[ColumnElement[bool]] = []
    if query.kind == "name":
        if query.last:
            conditions.append(_prefix(Patient.last_name_key, query.last))
        if query.first:
            conditions.append(_prefix(Patient.first_name_key, query.first))
    elif query.kind == "first":
        conditions.append(_prefix(Patient.first_name_key, query.first))
    elif query.kind == "number":
        conditions.append(Patient.id == query.number)
    elif query.kind == "birthdate":
        conditions.append(Patient.birthdate == query.birthdate)
    elif query.kind == "digits":
        return _digits_page(session, query, limit, after)
    if after is not None:
        a, b, c = after
        conditions.append(k1 >= a)  # lets the index range start at the cursor
        conditions.append(or_(k1 > a, and_(k1 == a, or_(k2 > b, and_(k2 == b, Patient.id > c)))))
    stmt = (
        select(Patient.id, k1, k2).where(*conditions).order_by(k1, k2, Patient.id).limit(limit + 1)
    )
    rows = session.execute(stmt).all()
    more = len(rows) > limit
    rows = rows[:limit]
    cursor: Cursor | None = None
    if more and rows:
        last = rows[-1]
        cursor = (last[1], last[2], last[0])
    return SearchPage(tuple(r[0] for r in rows), cursor)


def _phone_segments(digits: str) -> list[tuple[str, str, str]]:
    """The index ranges a run of digits is looked up in, in the order results are listed:
    numbers starting with the digits (home, then wireless), numbers ending with them (a prefix
    of the reversed digits: "8672", "555-8672"), then local numbers (the last seven digits)
    starting with them ("555-86" while the number is being typed). Each is (cursor segment
    name, indexed column, prefix); the names sort in list order."""
    segments: list[tuple[str, str, str]] = []
    if len(digits) >= MIN_PHONE_DIGITS:
        segments += [("1", "home_phone_digits", digits), ("2", "wireless_phone_digits", digits)]
    if len(digits) >= MIN_SUFFIX_DIGITS:
        rev = digits[::-1]
        segments += [("3", "home_phone_rev", rev), ("4", "wireless_phone_rev", rev)]
    if MIN_PHONE_DIGITS <= len(digits) < LOCAL_DIGITS:  # the whole local number is a suffix
        segments += [("5", "home_phone_local", digits), ("6", "wireless_phone_local", digits)]
    return segments


def _digits_page(
    session: Session, query: SearchQuery, limit: int, after: Cursor | None
) -> SearchPage:
    """Digits: the patient with that number first, then the phone matches of each segment of
    `_phone_segments` that an earlier one did not list, in that segment's key order. Each
    segment is one index range read in order, and a later one is read only when the page is
    not full yet, so a prefix every patient shares ("503") costs what a full number does, and
    "8672" (the last four digits) what "503555" does. The statements are plain SQL text with
    bound values (the same on every database): building SQLAlchemy expressions for up to six
    ranges with their exclusions cost more than the index reads on every keystroke."""
    number = query.number if query.number is not None and query.number < 2**31 else None
    ids: list[int] = []
    segment = after[0] if after else "0"
    if segment == "0" and number is not None:
        found = session.execute(select(Patient.id).where(Patient.id == number)).scalar()
        if found is not None:
            ids.append(found)
    params: dict[str, Any] = {"num": number if number is not None else -1}
    earlier: list[str] = []
    for i, (name, column, prefix) in enumerate(_phone_segments(query.digits)):
        params[f"lo{i}"], params[f"hi{i}"] = prefix, prefix_upper_bound(prefix)
        in_range = f"({column} >= :lo{i} AND {column} < :hi{i})"
        where = [in_range, *(f"NOT {r}" for r in earlier), "id <> :num"]
        earlier.append(in_range)
        if segment > name:
            continue
        wanted = limit - len(ids)
        if after is not None and segment == name:
            params["ck"], params["cid"] = after[1], after[2]
            where.append(f"{column} >= :ck AND ({column} > :ck OR ({column} = :ck AND id > :cid))")
        params["n"] = wanted + 1
        # column names come from _phone_segments' fixed list; every value is a bound parameter
        sql = (
            f"SELECT id, {column} FROM patient WHERE {' AND '.join(where)} "  # noqa: S608
            f"ORDER BY {column}, id LIMIT :n"
        )
        rows = session.execute(text(sql), params).all()
        ids.extend(r[0] for r in rows[:wanted])
        if len(rows) > wanted:
            last = rows[wanted - 1] if wanted else None
            if last is None:  # the page filled up exactly at the segment's start
                cursor = (name, "", 0) if after is None or segment != name else after
            else:
                cursor = (name, last[1], last[0])
            return SearchPage(tuple(ids), cursor)
        segment = name
        after = None
    return SearchPage(tuple(ids), None)
