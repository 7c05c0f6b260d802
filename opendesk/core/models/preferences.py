"""Practice-wide preferences as name/value rows (declared with types in core.preferences), and
the one-row change marker that every preference write moves (core.pref_cache)."""

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opendesk.core.models.base import Base


class PreferenceRow(Base):
    __tablename__ = "preference"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PreferenceMarker(Base):
    """One row (id 1): `version` goes up by one in the same transaction as every preference
    write (`preferences.set_many`), so a process that caches the preferences knows with one
    read by primary key whether its copy is still current."""

    __tablename__ = "preference_marker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
