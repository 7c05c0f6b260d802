"""Text search of web mail subjects and bodies (issue 25), one structure per database:

- SQLite: an FTS5 table `webmail_fts` over webmail_message (external content, unicode61), kept
  in step by triggers on insert, on a change of subject or body, and on delete;
- PostgreSQL: the GIN index `ix_webmail_fts` on to_tsvector('simple', subject || ' ' || body);
- MariaDB: `webmail_text`, each message's subject and body in a table clustered by (provider,
  message), kept in step by triggers, walked beside the provider's date index. Not a FULLTEXT
  index: InnoDB computes a FULLTEXT search's whole match set before the first row (1.4 s for
  a word in one message of ten at a million messages) and then reads every matching row; the
  provider's own text is a few contiguous megabytes that stay in the buffer pool
  (docs/PERFORMANCE.md has the measurements).

Each is written by the database in the statement that writes the message, so it is always in
step with the transaction that sends, saves a draft, edits or deletes.

What a search text means (`parse`): every word of three or more letters or digits that is not a
MariaDB stop word is matched as the start of a word ("amox" finds "amoxicillin"; "tooth sens"
finds "my tooth has been sensitive"), all of them required, in any order. What the index cannot
match is checked as a plain substring of subject or body, on the messages the words found:
words under three characters ("#19", "x"), MariaDB's stop words ("the", "with"), punctuation
and anything but letters, digits and spaces between words ("tooth #19", "X-ray", "today's").
A text with no such word at all ("#19", "of") is the old substring search. The rules are the
same on the three databases, so they find the same messages.

Fewer messages to check: a two-letter word of the substring that follows a sign or a space in
it ("19" of "tooth #19") begins a word wherever the substring is found, so SQLite's index
(every word) and PostgreSQL's (after a space and "#", "(" or quotes only: its parser reads
"x-19" and "a/19" differently) look it up as a prefix too (`SearchText.narrow`): 8,000
candidates instead of the 250,000 messages with "tooth" at a million. It only narrows; the
substring still decides, so nothing more or less is found.

Not matched any more (the index works on words): a piece from the middle of a word ("ooth"
for "tooth"); the last word typed is still a prefix, so results follow the typing.
"""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, or_, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.sqltypes import NullType

# Shorter words are matched as substrings: MariaDB's full-text minimum token length
# (innodb_ft_min_token_size, 3), kept on all three so they agree, and short prefixes would
# match too many words to narrow anything.
MIN_WORD = 3

# InnoDB's default full-text stop words (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD): they
# are not indexed, so they are matched as substrings instead.
STOPWORDS = frozenset(
    "a about an are as at be by com de en for from how i in is it la of on or that the this to "
    "was what when where who will with und www".split()
)

SQLITE_TABLE = "webmail_fts"
MARIADB_TABLE = "webmail_text"
POSTGRES_INDEX = "ix_webmail_fts"
# The names the search adds beside the models (Alembic's model comparison leaves them alone).
SQLITE_TABLES = frozenset(
    {SQLITE_TABLE, *(f"{SQLITE_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))}
)
NAMES = frozenset({*SQLITE_TABLES, MARIADB_TABLE, POSTGRES_INDEX})


def in_models(name: str | None, _type: str, _parents: Any) -> bool:
    """For Alembic's comparison of the models with a database: the search index objects are
    not in the models (they differ per database) and are left alone."""
    return name not in NAMES


_WORD = re.compile(r"[^\W_]+")
# Signs PostgreSQL's text parser never makes part of a word (ts_debug: "#19", "(19", "'19").
_PG_SIGNS = "#([\"',;!?*"
_TSVECTOR = "to_tsvector('simple', webmail_message.subject || ' ' || webmail_message.body)"


@dataclass(frozen=True)
class SearchText:
    """A parsed search: `words` looked up in the index as prefixes (lower case), `substring`
    (the text as typed) checked on subject and body too when the index cannot match all of it."""

    words: tuple[str, ...]
    substring: str | None
    # Two-character words of the substring that follow a sign or space in it ("19" of "tooth
    # #19"): wherever the substring is found they begin a word, so SQLite's index (which holds
    # every word) narrows the messages to check by them too, as prefixes. Not on MariaDB (too
    # short to index).
    narrow: tuple[str, ...] = ()
    # Those of them that follow a space and at most signs PostgreSQL's parser never joins to a
    # word ("#", "(", quotes...): it reads "x-19" as "x" and "-19", "a/19" or "v1.19" as one
    # word, so only these begin a word in its index too.
    narrow_spaced: tuple[str, ...] = ()


def indexable(word: str) -> bool:
    return len(word) >= MIN_WORD and word not in STOPWORDS


def parse(raw: str) -> SearchText:
    typed = raw.strip()
    words = _WORD.findall(typed.lower())
    usable = tuple(w for w in words if indexable(w))
    exact = len(usable) == len(words) and " ".join(words) == " ".join(typed.lower().split())
    if exact:
        return SearchText(usable, None)
    lower = typed.lower()
    narrow: list[str] = []
    spaced: list[str] = []
    for m in _WORD.finditer(lower):
        word, start = m.group(), m.start()
        if len(word) != MIN_WORD - 1 or word in STOPWORDS or start == 0:
            continue
        if lower[start - 1] in "%_":
            continue  # dropped from the LIKE pattern (`_like`): "a_19" finds "a19"
        narrow.append(word)
        signs = lower[:start].rstrip(_PG_SIGNS)
        if signs and signs[-1].isspace():
            spaced.append(word)
    if not usable:  # alone, a two-character prefix is a long list to read
        return SearchText(usable, typed)
    return SearchText(usable, typed, tuple(narrow), tuple(spaced))


def _like(typed: str) -> str:
    return f"%{typed.replace('%', '').replace('_', '')}%"


def condition(search: SearchText) -> ColumnElement[Any]:
    """The WHERE condition on webmail_message (not aliased) for a parsed, non-empty search,
    written in each database's own terms when the statement is compiled."""
    return TextMatch(search)


class TextMatch(ColumnElement[Any]):
    """`search` in the subject or body of webmail_message."""

    # Not typed Boolean: SQLAlchemy would append "= 1" on MariaDB, and the condition is a
    # complete boolean expression on every database.
    type = NullType()
    inherit_cache = False  # the words are bound values made at compile time

    def __init__(self, search: SearchText) -> None:
        self.search = search


def _bound(compiler: SQLCompiler, value: str, kw: dict[str, Any]) -> str:
    return compiler.process(bindparam("fts_query", value, unique=True), **kw)


def _substring(compiler: SQLCompiler, typed: str, kw: dict[str, Any]) -> str:
    from opendesk.core.models import WebMailMessage

    like = _like(typed)
    either = or_(WebMailMessage.subject.ilike(like), WebMailMessage.body.ilike(like))
    return compiler.process(either.self_group(), **kw)


@compiles(TextMatch)
def _sqlite_match(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    words, typed = element.search.words, element.search.substring
    parts = []
    if words:
        terms = (*words, *element.search.narrow)
        query = _bound(compiler, " AND ".join(f'"{w}"*' for w in terms), kw)
        fts = "SELECT rowid FROM webmail_fts WHERE webmail_fts MATCH "  # + a bound value
        # "+id": not the rowid list as the way in (a lookup and a sort per match), but a
        # test on each row of the provider's date walk.
        parts.append(f"+webmail_message.id IN ({fts}{query})")
    if typed is not None:
        parts.append(_substring(compiler, typed, kw))
    return "(" + " AND ".join(parts) + ")"


@compiles(TextMatch, "postgresql")
def _postgres_match(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    words, typed = element.search.words, element.search.substring
    parts = []
    if words:
        terms = (*words, *element.search.narrow_spaced)
        query = _bound(compiler, " & ".join(f"{w}:*" for w in terms), kw)
        parts.append(f"{_TSVECTOR} @@ to_tsquery('simple', {query})")
    if typed is not None:
        parts.append(_substring(compiler, typed, kw))
    return "(" + " AND ".join(parts) + ")"


@compiles(TextMatch, "mysql")
@compiles(TextMatch, "mariadb")
def _mariadb_match(element: TextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    words, typed = element.search.words, element.search.substring
    parts = [
        "t.provider_id = webmail_message.provider_id",
        "t.message_id = webmail_message.id",
    ]
    # Cheapest test first (MariaDB stops at the first false one): the substring and each word
    # anywhere (LIKE), then each word at the start of a word (a regular expression).
    likes = ([_like(typed)] if typed is not None else []) + [f"%{w}%" for w in words]
    for like in likes:
        value = _bound(compiler, like, kw)
        parts.append(f"(t.subject LIKE {value} OR t.body LIKE {value})")
    for word in words:  # letters and digits only: nothing to escape in the pattern
        pattern = _bound(compiler, f"(*UCP)\\b{word}", kw)
        parts.append(f"(t.subject REGEXP {pattern} OR t.body REGEXP {pattern})")
    where = " AND ".join(parts)  # constant SQL and bound values
    return f"EXISTS (SELECT 1 FROM webmail_text t WHERE {where})"  # noqa: S608


# -- the index itself: used by migration 0014's upgrade and by the large demo's bulk load ------

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS webmail_fts USING fts5(subject, body, "
    "content='webmail_message', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS webmail_fts_ai AFTER INSERT ON webmail_message BEGIN "
    "INSERT INTO webmail_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS webmail_fts_ad AFTER DELETE ON webmail_message BEGIN "
    "INSERT INTO webmail_fts(webmail_fts, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS webmail_fts_au AFTER UPDATE OF subject, body "
    "ON webmail_message BEGIN INSERT INTO webmail_fts(webmail_fts, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); "
    "INSERT INTO webmail_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body); "
    "END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS webmail_fts_ai",
    "DROP TRIGGER IF EXISTS webmail_fts_ad",
    "DROP TRIGGER IF EXISTS webmail_fts_au",
    "DROP TABLE IF EXISTS webmail_fts",
)
MARIADB_CREATE = (
    "CREATE TABLE IF NOT EXISTS webmail_text (provider_id INTEGER NOT NULL, "
    "message_id INTEGER NOT NULL, subject VARCHAR(200) NOT NULL, body MEDIUMTEXT NOT NULL, "
    "PRIMARY KEY (provider_id, message_id)) ENGINE=InnoDB",
    "CREATE TRIGGER IF NOT EXISTS webmail_text_ai AFTER INSERT ON webmail_message "
    "FOR EACH ROW INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "VALUES (NEW.provider_id, NEW.id, NEW.subject, NEW.body)",
    "CREATE TRIGGER IF NOT EXISTS webmail_text_au AFTER UPDATE ON webmail_message "
    "FOR EACH ROW BEGIN IF NOT (NEW.provider_id <=> OLD.provider_id AND NEW.id <=> OLD.id "
    "AND NEW.subject <=> OLD.subject AND NEW.body <=> OLD.body) THEN "
    "DELETE FROM webmail_text WHERE provider_id = OLD.provider_id AND message_id = OLD.id; "
    "INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "VALUES (NEW.provider_id, NEW.id, NEW.subject, NEW.body); END IF; END",
    "CREATE TRIGGER IF NOT EXISTS webmail_text_ad AFTER DELETE ON webmail_message "
    "FOR EACH ROW DELETE FROM webmail_text "
    "WHERE provider_id = OLD.provider_id AND message_id = OLD.id",
)
MARIADB_FILL = (
    "INSERT INTO webmail_text (provider_id, message_id, subject, body) "
    "SELECT provider_id, id, subject, body FROM webmail_message ORDER BY provider_id, id"
)
MARIADB_DROP = (
    "DROP TRIGGER IF EXISTS webmail_text_ai",
    "DROP TRIGGER IF EXISTS webmail_text_au",
    "DROP TRIGGER IF EXISTS webmail_text_ad",
    "DROP TABLE IF EXISTS webmail_text",
)
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON webmail_message "
    "USING gin (to_tsvector('simple', subject || ' ' || body))"
)
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"


def create_index(conn: Connection, rebuild: bool = True) -> None:
    """Create the search structure of `conn`'s database, filled from the messages already
    stored (SQLite: only with `rebuild`)."""
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        for statement in MARIADB_CREATE[:1]:
            conn.execute(text(statement))
        conn.execute(text(MARIADB_FILL))  # the table is new: the triggers come after the copy
        for statement in MARIADB_CREATE[1:]:
            conn.execute(text(statement))
    elif dialect == "postgresql":
        conn.execute(text(POSTGRES_CREATE))
    else:
        for statement in SQLITE_CREATE:
            conn.execute(text(statement))
        if rebuild:
            conn.execute(text("INSERT INTO webmail_fts(webmail_fts) VALUES ('rebuild')"))


def drop_index(conn: Connection) -> None:
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        for statement in MARIADB_DROP:
            conn.execute(text(statement))
    elif dialect == "postgresql":
        conn.execute(text(POSTGRES_DROP))
    else:
        for statement in SQLITE_DROP:
            conn.execute(text(statement))
