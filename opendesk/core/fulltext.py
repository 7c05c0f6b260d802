"""Full-text search of web mail subjects and bodies (issue 25), one index per database:

- SQLite: an FTS5 table `webmail_fts` over webmail_message (external content, unicode61), kept
  in step by triggers on insert, on a change of subject or body, and on delete;
- MariaDB: the FULLTEXT index `ft_webmail_text` on (subject, body), searched in boolean mode;
- PostgreSQL: the GIN index `ix_webmail_fts` on to_tsvector('simple', subject || ' ' || body).

Each is written by the database in the statement that writes the message, so it is always in
step with the transaction that sends, saves a draft, edits or deletes.

What a search text means (`parse`): every word of three or more letters or digits that is not a
MariaDB stop word is looked up in the index as a prefix ("amox" finds "amoxicillin"; "tooth
sens" finds "my tooth has been sensitive"), all of them required. What no index can match is
checked as a plain substring of subject or body, on the messages the index found: words under
three characters ("#19", "x"), MariaDB's stop words ("the", "with"), punctuation and anything
but letters, digits and spaces between words ("tooth #19", "X-ray", "today's",
"pre-auth"). A text with no indexable word at all ("#19", "of") is the old substring search.
The rules are the same on the three databases, so they find the same messages.

Not matched any more (the index works on words): a piece from the middle of a word ("ooth"
for "tooth"); the last word of a text is still a prefix, so typing finds as it goes.
"""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, bindparam, or_, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.sqltypes import NullType

# Tokens shorter than this are not in MariaDB's FULLTEXT index (innodb_ft_min_token_size, 3 by
# default); the same limit on the other two keeps the results alike.
MIN_WORD = 3

# InnoDB's default full-text stop words (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD): they
# are not indexed, so they are matched as substrings instead.
STOPWORDS = frozenset(
    "a about an are as at be by com de en for from how i in is it la of on or that the this to "
    "was what when where who will with und www".split()
)

SQLITE_TABLE = "webmail_fts"
MARIADB_INDEX = "ft_webmail_text"
POSTGRES_INDEX = "ix_webmail_fts"
# The names the search adds beside the models (Alembic's model comparison leaves them alone).
SQLITE_TABLES = frozenset(
    {SQLITE_TABLE, *(f"{SQLITE_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))}
)
NAMES = frozenset({*SQLITE_TABLES, MARIADB_INDEX, POSTGRES_INDEX})


def in_models(name: str | None, _type: str, _parents: Any) -> bool:
    """For Alembic's comparison of the models with a database: the search index objects are
    not in the models (they differ per database) and are left alone."""
    return name not in NAMES


_WORD = re.compile(r"[^\W_]+")
_TSVECTOR = "to_tsvector('simple', webmail_message.subject || ' ' || webmail_message.body)"


@dataclass(frozen=True)
class SearchText:
    """A parsed search: `words` looked up in the index as prefixes (lower case), `substring`
    (the text as typed) checked on subject and body too when the index cannot match all of it."""

    words: tuple[str, ...]
    substring: str | None


def indexable(word: str) -> bool:
    return len(word) >= MIN_WORD and word not in STOPWORDS


def parse(raw: str) -> SearchText:
    typed = raw.strip()
    words = _WORD.findall(typed.lower())
    usable = tuple(w for w in words if indexable(w))
    exact = len(usable) == len(words) and " ".join(words) == " ".join(typed.lower().split())
    return SearchText(usable, None if exact else typed)


def _like(typed: str) -> str:
    return f"%{typed.replace('%', '').replace('_', '')}%"


def condition(search: SearchText) -> ColumnElement[bool]:
    """The WHERE condition on webmail_message (not aliased) for a parsed, non-empty search;
    the index part is written in each database's own syntax when the statement is compiled."""
    from opendesk.core.models import WebMailMessage

    parts: list[ColumnElement[bool]] = []
    if search.words:
        parts.append(IndexMatch(search.words))
    if search.substring is not None:
        like = _like(search.substring)
        parts.append(or_(WebMailMessage.subject.ilike(like), WebMailMessage.body.ilike(like)))
    return and_(*parts)


class IndexMatch(ColumnElement[bool]):
    """Every word, as a prefix, in the subject or body of webmail_message (the full-text
    index of the database the statement runs on)."""

    # Not typed Boolean: SQLAlchemy would write "MATCH (...) AGAINST (...) = 1" on MariaDB,
    # which compares the relevance with 1 instead of asking for any match.
    type = NullType()
    inherit_cache = False  # the words are bound values made at compile time

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words


def _bound(compiler: SQLCompiler, value: str, kw: dict[str, Any]) -> str:
    return compiler.process(bindparam("fts_query", value, unique=True), **kw)


@compiles(IndexMatch)
def _sqlite_match(element: IndexMatch, compiler: SQLCompiler, **kw: Any) -> str:
    query = _bound(compiler, " AND ".join(f'"{w}"*' for w in element.words), kw)
    return (
        f"webmail_message.id IN (SELECT rowid FROM {SQLITE_TABLE} "
        f"WHERE {SQLITE_TABLE} MATCH {query})"
    )


@compiles(IndexMatch, "mysql")
@compiles(IndexMatch, "mariadb")
def _mariadb_match(element: IndexMatch, compiler: SQLCompiler, **kw: Any) -> str:
    query = _bound(compiler, " ".join(f"+{w}*" for w in element.words), kw)
    return (
        f"MATCH (webmail_message.subject, webmail_message.body) AGAINST ({query} IN BOOLEAN MODE)"
    )


@compiles(IndexMatch, "postgresql")
def _postgres_match(element: IndexMatch, compiler: SQLCompiler, **kw: Any) -> str:
    query = _bound(compiler, " & ".join(f"{w}:*" for w in element.words), kw)
    return f"{_TSVECTOR} @@ to_tsquery('simple', {query})"


# -- the index itself: used by migration 0013's upgrade and by the large demo's bulk load ------

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5(subject, body, "
    "content='webmail_message', content_rowid='id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_ai AFTER INSERT ON webmail_message BEGIN "
    f"INSERT INTO {SQLITE_TABLE}(rowid, subject, body) VALUES (new.id, new.subject, new.body); "
    "END",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_ad AFTER DELETE ON webmail_message BEGIN "
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_au AFTER UPDATE OF subject, body "
    f"ON webmail_message BEGIN INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, subject, body) "
    "VALUES ('delete', old.id, old.subject, old.body); "
    f"INSERT INTO {SQLITE_TABLE}(rowid, subject, body) VALUES (new.id, new.subject, new.body); "
    "END",
)
SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_{t}" for t in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
)
MARIADB_CREATE = f"CREATE FULLTEXT INDEX {MARIADB_INDEX} ON webmail_message (subject, body)"
MARIADB_DROP = f"DROP INDEX IF EXISTS {MARIADB_INDEX} ON webmail_message"
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON webmail_message "
    "USING gin (to_tsvector('simple', subject || ' ' || body))"
)
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"


def create_index(conn: Connection, rebuild: bool = True) -> None:
    """Create the search index of `conn`'s database; `rebuild` fills it from the messages
    already stored (MariaDB and PostgreSQL always do; SQLite's FTS5 table starts empty)."""
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        conn.execute(text(MARIADB_CREATE))
    elif dialect == "postgresql":
        conn.execute(text(POSTGRES_CREATE))
    else:
        for statement in SQLITE_CREATE:
            conn.execute(text(statement))
        if rebuild:
            conn.execute(text(f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')"))


def drop_index(conn: Connection) -> None:
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        conn.execute(text(MARIADB_DROP))
    elif dialect == "postgresql":
        conn.execute(text(POSTGRES_DROP))
    else:
        for statement in SQLITE_DROP:
            conn.execute(text(statement))
