"""A-to-Z folders: names, creation when missing, and fast, ordered listing."""

import os
import time
from pathlib import Path

import pytest

from opendesk.attachments import atoz
from opendesk.core.errors import ConfigurationError


def test_folder_name_and_place(tmp_path: Path) -> None:
    assert atoz.patient_folder_name("O'Brien", "Mary Ann", 12) == "OBrienMaryAnn12"
    assert atoz.patient_folder(tmp_path, "smith", "Jo", 7) == tmp_path / "S" / "smithJo7"
    assert atoz.patient_folder(tmp_path, "", "", 7) == tmp_path / "_" / "7"


def test_patient_folder_is_created_when_missing(tmp_path: Path) -> None:
    folder = atoz.ensure_patient_folder(tmp_path, "Smith", "Jo", 7)
    assert folder == tmp_path / "S" / "SmithJo7" and folder.is_dir()
    (folder / "x.txt").write_text("kept")
    assert atoz.ensure_patient_folder(tmp_path, "Smith", "Jo", 7) == folder  # idempotent
    assert (folder / "x.txt").read_text() == "kept"


def test_missing_root_is_a_configuration_error_and_not_created(tmp_path: Path) -> None:
    root = tmp_path / "offline-share"
    with pytest.raises(ConfigurationError, match="cannot be reached"):
        atoz.ensure_patient_folder(root, "Smith", "Jo", 7)
    assert not root.exists()
    with pytest.raises(ConfigurationError, match="No A-to-Z images folder"):
        atoz.ensure_patient_folder("", "Smith", "Jo", 7)
    with pytest.raises(ConfigurationError, match="No A-to-Z images folder"):
        atoz.ensure_patient_folder(Path(""), "Smith", "Jo", 7)
    with pytest.raises(ConfigurationError, match="must be a full path"):
        atoz.ensure_patient_folder("relative/dir", "Smith", "Jo", 7)


def test_listing_puts_images_then_documents_first(tmp_path: Path) -> None:
    for name in ("zeta.PDF", "b.jpg", "A.png", "notes.txt", "x.dat", ".hidden.jpg", "Thumbs.db"):
        (tmp_path / name).write_bytes(b"12345")
    (tmp_path / "sub.jpg").mkdir()
    entries = atoz.list_folder(tmp_path)
    assert [e.name for e in entries] == ["A.png", "b.jpg", "notes.txt", "zeta.PDF", "x.dat"]
    assert [e.kind for e in entries] == ["image", "image", "document", "document", "other"]
    assert entries[0].size == 5 and entries[0].path == os.path.join(tmp_path, "A.png")
    assert abs(entries[0].mtime - (tmp_path / "A.png").stat().st_mtime) < 1e-6
    assert atoz.list_folder(tmp_path / "nope") == []


def test_listing_5000_files(tmp_path: Path) -> None:
    for i in range(5000):
        ext = (".jpg", ".pdf", ".dat")[i % 3]
        (tmp_path / f"f{i:05d}{ext}").write_bytes(b"x")
    start = time.perf_counter()
    entries = atoz.list_folder(tmp_path)
    elapsed = time.perf_counter() - start
    assert len(entries) == 5000
    assert entries[0].name == "f00000.jpg" and entries[-1].name == "f04997.dat"
    kinds = [e.kind for e in entries]
    assert kinds == sorted(kinds, key=atoz.KIND_ORDER.__getitem__)
    assert elapsed < 5  # a sanity bound only; the real number is in bench/bench_attach.py
