"""Practice-wide preferences as name/value rows (declared with types in core.preferences)."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opendesk.core.models.base import Base


class PreferenceRow(Base):
    __tablename__ = "preference"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
