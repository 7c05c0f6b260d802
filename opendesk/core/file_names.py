"""The one definition of attachment file names and size limits, used by every path that names
or stores a file: the attachment rules (`opendesk.attachments.rules`), the send service, the
desktop's attachment list and the portal's downloads.

A name is cleaned, not refused, where it can be: Unicode NFC; control, invisible formatting
(right-to-left override and the other bidi controls, zero-width characters) and separator
characters removed; the characters Windows forbids (`<>:"|?*`) replaced by `_`; runs of white
space made one space; no leading dots, no trailing dots or spaces; at most `MAX_NAME_CHARS`
characters with the extension kept. Refused: a folder path, a reserved Windows device name and
a name with nothing left. Sizes are shown as Windows Explorer shows them (1024-based).
"""

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from opendesk.core import preferences
from opendesk.core.errors import ValidationError

MAX_NAME_CHARS = 150
"""Longest cleaned file name (characters, extension included)."""

FORBIDDEN_CHARS = '<>:"|?*'
"""Characters Windows does not allow in a file name; cleaning replaces each with `_`."""

_DROPPED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")
"""Control, format (bidi overrides, zero-width), surrogate, line and paragraph separators."""

_FORBIDDEN = re.compile("[" + re.escape(FORBIDDEN_CHARS) + "]")
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
_MAX_EXTENSION = 10
_FALLBACK = "attachment"


def _drop_invisible(name: str) -> str:
    return "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED_CATEGORIES)


def printable(name: str) -> str:
    """The name as it can safely appear in a message (control and format characters shown as
    '?', cut to 80 characters)."""
    text = "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in name)
    return text if len(text) <= 80 else text[:77] + "..."


def split_extension(name: str) -> tuple[str, str]:
    """("report", ".pdf") for "report.pdf"; a dot at the start, a long or spaced "extension"
    is part of the stem."""
    dot = name.rfind(".")
    if dot <= 0 or len(name) - dot > _MAX_EXTENSION or " " in name[dot:]:
        return name, ""
    return name[:dot], name[dot:]


def _cleaned(name: str) -> str:
    cleaned = _drop_invisible(unicodedata.normalize("NFC", name))
    cleaned = _FORBIDDEN.sub("_", cleaned)
    return re.sub(r"\s+", " ", cleaned).strip().lstrip(".").rstrip(". ")


def _shortened(name: str) -> str:
    if len(name) <= MAX_NAME_CHARS:
        return name
    stem, ext = split_extension(name)
    return stem[: MAX_NAME_CHARS - len(ext)].rstrip(". ") + ext


def _is_reserved(name: str) -> bool:
    stem = split_extension(name)[0]
    return bool(_RESERVED.match(stem.rstrip(". ")) or _RESERVED.match(name.split(".")[0].strip()))


def clean_file_name(name: str) -> str:
    """The name to store and show (see the module's rules); ValidationError when it is a folder
    path, a reserved device name or has nothing left."""
    shown = printable(name)
    if "/" in name or "\\" in name or name.strip() in (".", ".."):
        raise ValidationError(
            f"The file name “{shown}” contains a folder path; choose the file itself.", "name"
        )
    cleaned = _cleaned(name)
    if not cleaned:
        raise ValidationError("The file has no usable name.", "name")
    if _is_reserved(cleaned):
        raise ValidationError(
            f"“{shown}” is a reserved device name on Windows; rename the file first.", "name"
        )
    return _shortened(cleaned)


def require_clean_name(name: str) -> str:
    """`name` when the name rule keeps it as it is; otherwise ValidationError. For a service
    receiving names that should already have been cleaned (it stores nothing else)."""
    if clean_file_name(name) != name:
        raise ValidationError(
            f"The file name “{printable(name)}” holds characters a file name may not have, or "
            f"is longer than {MAX_NAME_CHARS} characters; rename the file.",
            "attachments",
        )
    return name


def download_name(name: str) -> str:
    """A name safe to offer for saving whatever was stored: the last path part, cleaned as
    `clean_file_name` does, "attachment" (with the extension) when nothing usable is left."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _cleaned(base)
    if not cleaned or _is_reserved(cleaned):
        return _FALLBACK + split_extension(cleaned)[1]
    return _shortened(cleaned)


def format_size(n: int) -> str:
    """1536 → "1.5 KB", 20 MiB → "20 MB", 1 → "1 byte" (1024-based, as Windows Explorer)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{n} bytes" if n != 1 else "1 byte"
            return f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Limits:
    """Size limits in bytes (practice preferences ATTACH_MAX_FILE_BYTES / _MESSAGE_BYTES)."""

    max_file_bytes: int = preferences.ATTACH_MAX_FILE_BYTES.default
    max_message_bytes: int = preferences.ATTACH_MAX_MESSAGE_BYTES.default

    @classmethod
    def from_preferences(cls, session: Session) -> "Limits":
        return cls(
            max_file_bytes=preferences.get(session, preferences.ATTACH_MAX_FILE_BYTES),
            max_message_bytes=preferences.get(session, preferences.ATTACH_MAX_MESSAGE_BYTES),
        )


def check_file_size(name: str, size: int, limits: Limits) -> None:
    """Refuse an empty file or a file over the per-file limit."""
    if size == 0:
        raise ValidationError(f"“{name}” is empty (0 bytes).", "file")
    if size > limits.max_file_bytes:
        raise ValidationError(
            f"“{name}” is {format_size(size)}; the largest file allowed is "
            f"{format_size(limits.max_file_bytes)}.",
            "file",
        )


def check_size(name: str, size: int, limits: Limits, already_attached_bytes: int = 0) -> None:
    """`check_file_size`, and refuse a file that would take the message over its limit
    (`already_attached_bytes`: the files already on it)."""
    check_file_size(name, size, limits)
    total = already_attached_bytes + size
    if total > limits.max_message_bytes:
        raise ValidationError(
            f"Adding “{name}” ({format_size(size)}) would make the attachments "
            f"{format_size(total)}; a message may carry at most "
            f"{format_size(limits.max_message_bytes)}.",
            "file",
        )


def check_message_total(total: int, limits: Limits) -> None:
    """Refuse a message whose attachments together exceed the per-message limit."""
    if total > limits.max_message_bytes:
        raise ValidationError(
            f"The attachments total {format_size(total)}; a message may carry at most "
            f"{format_size(limits.max_message_bytes)}.",
            "attachments",
        )
