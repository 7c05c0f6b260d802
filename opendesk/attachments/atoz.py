"""The practice's A-to-Z folder layout (Open Dental's): <root>/<Letter>/<LastFirst><PatNum>.

`ensure_patient_folder` creates the letter and patient folders when missing (never the root:
a missing root means the network share is offline or the Data Paths setting is wrong), and
`list_folder` lists a patient folder quickly (one `os.scandir` pass; on Windows the sizes and
times come with the directory entries) with images and documents first.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from opendesk.core.errors import ConfigurationError

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
)
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".txt", ".csv", ".xml", ".docx", ".xlsx", ".doc", ".xls", ".rtf", ".odt"}
)
KIND_ORDER = {"image": 0, "document": 1, "other": 2}


def patient_folder_name(last_name: str, first_name: str, patient_id: int) -> str:
    """Open Dental's folder name: last and first name without spaces or punctuation, then the
    patient number ("O'Brien", "Mary Ann", 12 → "OBrienMaryAnn12")."""
    return f"{_NOT_ALNUM.sub('', last_name)}{_NOT_ALNUM.sub('', first_name)}{patient_id}"


def patient_folder(root: Path, last_name: str, first_name: str, patient_id: int) -> Path:
    """Where the patient's folder is (whether or not it exists yet)."""
    name = patient_folder_name(last_name, first_name, patient_id)
    letter = name[0].upper() if name and name[0].isalpha() else "_"
    return root / letter / name


def ensure_patient_folder(
    root: Path | str, last_name: str, first_name: str, patient_id: int
) -> Path:
    """The patient's folder, created (with its letter folder) when missing. `root` is the
    ATOZ_PATH preference: it must be set, absolute (a drive or \\\\server\\share path) and
    reachable."""
    if not str(root).strip() or str(root).strip() == ".":
        raise ConfigurationError("No A-to-Z images folder is set. Set it in Setup, Data Paths.")
    root = Path(root)
    if not root.is_absolute():
        raise ConfigurationError(
            "The A-to-Z images folder must be a full path (for example \\\\server\\AtoZ)."
        )
    if not root.is_dir():
        raise ConfigurationError(
            "The A-to-Z images folder cannot be reached. Check that the network share is "
            "available and the Data Paths setting is right."
        )
    folder = patient_folder(root, last_name, first_name, patient_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(
            "The patient's folder could not be created in the A-to-Z images folder "
            f"({exc.strerror or 'write error'})."
        ) from exc
    return folder


def kind_of(name: str) -> str:
    """ "image", "document" or "other", by the file's extension (for sorting and icons)."""
    ext = os.path.splitext(name)[1].lower()
    if ext in IMAGE_EXTENSIONS:
        return "image"
    if ext in DOCUMENT_EXTENSIONS:
        return "document"
    return "other"


@dataclass(frozen=True, slots=True)
class FolderEntry:
    """One file in a patient folder (no content read)."""

    name: str
    path: str
    size: int
    mtime: float
    kind: str


def list_folder(folder: Path) -> list[FolderEntry]:
    """The files of `folder` (not subfolders, not hidden files): images first, then documents,
    then the rest, each group by name (case-insensitive). A missing folder lists as empty."""
    entries: list[FolderEntry] = []
    try:
        it = os.scandir(folder)
    except FileNotFoundError:
        return []
    with it:
        for entry in it:
            name = entry.name
            if name.startswith(".") or name.lower() in ("thumbs.db", "desktop.ini"):
                continue
            try:
                if not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:
                continue  # vanished or unreadable while listing
            entries.append(FolderEntry(name, entry.path, st.st_size, st.st_mtime, kind_of(name)))
    entries.sort(key=lambda e: (KIND_ORDER[e.kind], e.name.casefold()))
    return entries
