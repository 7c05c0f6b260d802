"""The practice's A-to-Z folder layout (Open Dental's): <root>/<Letter>/<LastFirst><PatNum>.

The folder rules themselves (`patient_folder`, `ensure_patient_folder`) live in
`core.atoz_folders` (filing to the chart needs them too) and are re-exported here;
`list_folder` lists a patient folder quickly (one `os.scandir` pass; on Windows the sizes and
times come with the directory entries) with images and documents first.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from opendesk.core.atoz_folders import (
    ensure_patient_folder,
    patient_folder,
    patient_folder_name,
)

__all__ = [
    "FolderEntry",
    "ensure_patient_folder",
    "kind_of",
    "list_folder",
    "patient_folder",
    "patient_folder_name",
]

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
)
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".txt", ".csv", ".xml", ".docx", ".xlsx", ".doc", ".xls", ".rtf", ".odt"}
)
KIND_ORDER = {"image": 0, "document": 1, "other": 2}


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
