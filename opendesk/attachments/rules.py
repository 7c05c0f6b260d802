"""The rules every attachment passes before it is stored: a clean file name, size limits, a type
known by its content (not only its extension), images Pillow can decode without a
decompression bomb, PDFs pypdf can open (not encrypted), with scripts and automatic actions
flagged.

`check_attachment(name, data)` / `check_file(path)` return a `CheckedAttachment` or raise
`opendesk.core.errors.ValidationError`. The messages name the file the user chose (safe to show
to that user) and nothing else; they must not be logged, since a file name can hold PHI.
"""

import hashlib
import io
import logging
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opendesk.core.errors import ValidationError
from opendesk.core.file_names import (
    MAX_NAME_CHARS,
    Limits,
    check_size,
    clean_file_name,
    format_size,
    printable,
    split_extension,
)

# The name and size rules are defined once, in core (the send service and the portal use them
# too); these names stay importable from here for the callers of the attachment rules.
__all__ = [
    "ALLOWED",
    "BY_CONTENT_TYPE",
    "BY_EXTENSION",
    "MAX_NAME_CHARS",
    "PDF_FLAGS",
    "CheckedAttachment",
    "FileType",
    "Limits",
    "check_attachment",
    "check_file",
    "check_pdf",
    "clean_filename",
    "human_size",
    "sniff",
]
clean_filename = clean_file_name
human_size = format_size

MAX_IMAGE_PIXELS = 80_000_000
"""Largest image we decode (80 megapixels; below Pillow's own 89 MP bomb warning)."""


@dataclass(frozen=True)
class FileType:
    """One allowed kind of file: its MIME type, a label for messages, its extensions."""

    content_type: str
    label: str
    extensions: tuple[str, ...]
    image: bool = False


JPEG = FileType("image/jpeg", "JPEG image", (".jpg", ".jpeg", ".jpe", ".jfif"), image=True)
PNG = FileType("image/png", "PNG image", (".png",), image=True)
GIF = FileType("image/gif", "GIF image", (".gif",), image=True)
BMP = FileType("image/bmp", "BMP image", (".bmp",), image=True)
TIFF = FileType("image/tiff", "TIFF image", (".tif", ".tiff"), image=True)
WEBP = FileType("image/webp", "WebP image", (".webp",), image=True)
PDF = FileType("application/pdf", "PDF document", (".pdf",))
TEXT = FileType("text/plain", "text file", (".txt",))
CSV = FileType("text/csv", "CSV file", (".csv",))
XML = FileType("application/xml", "XML document (clinical summary)", (".xml",))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
    (".docx",),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel workbook",
    (".xlsx",),
)

ALLOWED: tuple[FileType, ...] = (JPEG, PNG, GIF, BMP, TIFF, WEBP, PDF, TEXT, CSV, XML, DOCX, XLSX)
"""The allow-list: photos and X-ray exports, PDFs (forms, clinical summaries, treatment plans),
plain text, CSV, Open Dental's XML clinical summary, and macro-free Word/Excel files."""

BY_EXTENSION: dict[str, FileType] = {ext: t for t in ALLOWED for ext in t.extensions}
BY_CONTENT_TYPE: dict[str, FileType] = {t.content_type: t for t in ALLOWED}

# Content recognised only to explain a refusal ("this is a Windows program", ...).
_KNOWN_REFUSED: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-style Office file (.doc/.xls), which can hold macros",
    ),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
)


@dataclass(frozen=True)
class CheckedAttachment:
    """An attachment that passed every rule, ready for `core.blobs.store_attachment`."""

    name: str
    content_type: str
    size: int
    sha256: str
    flags: tuple[str, ...] = ()
    data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def flags_text(self) -> str:
        """The flags as stored in `Attachment.flags` ("javascript,open_action")."""
        return ",".join(self.flags)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# -- content -----------------------------------------------------------------------------------


def sniff(data: bytes) -> FileType | None:
    """The allowed type the content has by its magic bytes (None for text and unknown content;
    text is recognised only together with a text extension, see `check_attachment`)."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data.startswith(b"BM") and len(data) > 14:
        return BMP
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return None


def _office_type(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return None  # macro-enabled: refused as "not an allowed type"
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def _describe_unknown(data: bytes) -> str:
    for magic, label in _KNOWN_REFUSED:
        if data.startswith(magic):
            return label
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive or macro-enabled Office file"
    return "of a type that cannot be recognised"


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls <= max(2, len(text) // 200)


# -- checks ------------------------------------------------------------------------------------


def check_attachment(
    name: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    already_attached_bytes: int = 0,
) -> CheckedAttachment:
    """Apply every rule to one candidate (`already_attached_bytes`: the total of the files
    already on the message, for the per-message limit)."""
    limits = limits or Limits()
    clean = clean_file_name(name)
    check_size(clean, len(data), limits, already_attached_bytes)
    ext = split_extension(clean)[1].lower()
    by_ext = BY_EXTENSION.get(ext)
    detected = sniff(data)
    if detected is None and by_ext in (TEXT, CSV, XML) and _looks_like_text(data):
        detected = by_ext
        if by_ext is XML and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            detected = TEXT
    if detected is None:
        allowed = ", ".join(sorted({t.label.split(" (")[0] for t in ALLOWED}))
        raise ValidationError(
            f"“{clean}” is {_describe_unknown(data)} and cannot be attached. Allowed: {allowed}.",
            "file",
        )
    if not ext:
        clean = clean_file_name(clean + detected.extensions[0])
    elif by_ext is not detected:
        raise ValidationError(
            f"“{clean}” is named like a {by_ext.label if by_ext else ext + ' file'} but its "
            f"content is a {detected.label}. Rename it to end in {detected.extensions[0]} "
            "or choose another file.",
            "file",
        )
    flags: tuple[str, ...] = ()
    if detected.image:
        _check_image(clean, data)
    elif detected is PDF:
        flags = check_pdf(clean, data)
    return CheckedAttachment(
        name=clean,
        content_type=detected.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        flags=flags,
        data=data,
    )


def check_file(
    path: Path, *, limits: Limits | None = None, already_attached_bytes: int = 0
) -> CheckedAttachment:
    """`check_attachment` for a file on disk; the size is checked before the file is read."""
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ValidationError(f"“{printable(path.name)}” is not a file.", "file")
        check_size(printable(path.name), size, limits, already_attached_bytes)
        data = path.read_bytes()
    except PermissionError as exc:
        raise ValidationError(
            f"“{printable(path.name)}” cannot be read (access denied).", "file"
        ) from exc
    except FileNotFoundError as exc:
        raise ValidationError(f"“{printable(path.name)}” no longer exists.", "file") from exc
    except OSError as exc:
        raise ValidationError(
            f"“{printable(path.name)}” cannot be read ({exc.strerror or 'read error'}).", "file"
        ) from exc
    return check_attachment(
        path.name, data, limits=limits, already_attached_bytes=already_attached_bytes
    )


def _check_image(name: str, data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    bad = f"“{name}” is not a readable image (damaged or incomplete)."
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; our smaller limit below gives the clearer message
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _Bomb(width, height)
                im.verify()
            with Image.open(io.BytesIO(data)) as im:
                im.load()
    except _Bomb as exc:
        raise ValidationError(
            f"“{name}” is {exc.width} x {exc.height} pixels; images over "
            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels are refused (possible decompression "
            "bomb).",
            "file",
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"“{name}” has more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels and is refused "
            "(possible decompression bomb).",
            "file",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(bad, "file") from exc


class _Bomb(Exception):
    def __init__(self, width: int, height: int) -> None:
        super().__init__(width, height)
        self.width, self.height = width, height


# -- PDF ---------------------------------------------------------------------------------------

PDF_FLAGS = {
    "javascript": "contains JavaScript",
    "open_action": "runs an action when opened",
    "auto_action": "has automatic actions (on page open, close, print...)",
    "launch": "can launch other programs",
    "embedded_file": "carries embedded files",
}
"""Flags a PDF can get, with the words the UI shows next to them."""

_MAX_PDF_OBJECTS = 200_000

# pypdf logs each oddity of a damaged file ("EOF marker not found") as a warning in the
# application's log; the rules say what matters to the user themselves.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def check_pdf(name: str, data: bytes) -> tuple[str, ...]:
    """Open the PDF with pypdf; refuse encrypted or broken files; return its flags."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    broken = f"“{name}” is not a readable PDF (damaged or incomplete)."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about harmless oddities
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(
                    f"“{name}” is password-protected; the patient could not open it. "
                    "Save an unprotected copy and attach that.",
                    "file",
                )
            if len(reader.pages) < 1:
                raise ValidationError(broken, "file")
            for page in reader.pages:
                page.get("/Contents")  # forces every page object to resolve
            return _pdf_flags(reader.trailer)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ValidationError(broken, "file") from exc
    except RecursionError as exc:
        raise ValidationError(broken, "file") from exc


def _pdf_flags(trailer: Any) -> tuple[str, ...]:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [trailer.get("/Root")]
    root = trailer.get("/Root")
    root = root.get_object() if isinstance(root, IndirectObject) else root
    if isinstance(root, DictionaryObject):
        action = root.get("/OpenAction")
        action = action.get_object() if isinstance(action, IndirectObject) else action
        if isinstance(action, DictionaryObject):  # a bare destination array is harmless
            found.add("open_action")
    visited = 0
    while stack and visited < _MAX_PDF_OBJECTS:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if isinstance(obj, DictionaryObject):
            _flag_dict(obj, found)
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return tuple(f for f in PDF_FLAGS if f in found)


def _flag_dict(obj: Any, found: set[str]) -> None:
    keys: Iterable[str] = obj.keys()
    for key in keys:
        if key in ("/JS", "/JavaScript"):
            found.add("javascript")
        elif key == "/AA":
            found.add("auto_action")
        elif key in ("/EmbeddedFiles", "/EmbeddedFile"):
            found.add("embedded_file")
    action = obj.get("/S")
    if action == "/JavaScript":
        found.add("javascript")
    elif action == "/Launch":
        found.add("launch")
    if obj.get("/Type") == "/EmbeddedFile":
        found.add("embedded_file")
