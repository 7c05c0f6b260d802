"""Providers for pickers: abbreviation, name, specialty and whether a staff user is linked."""

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from opendesk.core.models import Provider, User, provider_name
from opendesk.core.text import search_key


@dataclass(frozen=True)
class ProviderRow:
    id: int
    abbr: str
    name: str
    specialty: str
    has_users: bool
    is_hidden: bool

    @property
    def label(self) -> str:
        return f"{self.abbr} - {self.name}"

    def matches(self, text: str) -> bool:
        """Filter as you type: the abbreviation starts with, or a name word starts with, the
        text (case- and accent-insensitive)."""
        key = search_key(text)
        if not key:
            return True
        if search_key(self.abbr).startswith(key):
            return True
        name = search_key(self.name)
        return name.startswith(key) or any(w.startswith(key) for w in name.split())


def list_providers(
    session: Session,
    filter_text: str = "",
    *,
    only_with_users: bool = False,
    include_hidden: bool = False,
) -> list[ProviderRow]:
    """Providers in abbreviation order. A practice has tens of providers, so the filter runs
    over the list rather than in SQL (pickers filter the cached list with `filter_rows`)."""
    linked = exists().where(User.provider_id == Provider.id, User.is_disabled.is_(False))
    stmt = select(
        Provider.id,
        Provider.abbr,
        Provider.first_name,
        Provider.last_name,
        Provider.suffix,
        Provider.specialty,
        linked.label("has_users"),
        Provider.is_hidden,
    ).order_by(Provider.abbr)
    if not include_hidden:
        stmt = stmt.where(Provider.is_hidden.is_(False))
    rows = []
    for pid, abbr, first, last, suffix, specialty, has_users, hidden in session.execute(stmt):
        name = provider_name(first, last, suffix)
        rows.append(ProviderRow(pid, abbr, name, specialty, bool(has_users), bool(hidden)))
    return filter_rows(rows, filter_text, only_with_users=only_with_users)


def filter_rows(
    rows: list[ProviderRow], text: str, *, only_with_users: bool = False
) -> list[ProviderRow]:
    return [r for r in rows if (r.has_users or not only_with_users) and r.matches(text)]


def provider_row(session: Session, provider_id: int) -> ProviderRow | None:
    for row in list_providers(session, include_hidden=True):
        if row.id == provider_id:
            return row
    return None
