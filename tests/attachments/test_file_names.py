"""The one file-name and size rule (opendesk.core.file_names): bidi and other invisible
characters, long names keeping their extension, download names that never fail."""

import pytest

from opendesk.core import file_names
from opendesk.core.errors import ValidationError
from opendesk.core.file_names import MAX_NAME_CHARS, clean_file_name, download_name

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("mark", list(BIDI) + ["\u200b", "\ufeff", "\u2028", "\x85"])
def test_every_bidi_and_invisible_character_is_dropped(mark: str) -> None:
    assert clean_file_name(f"scan{mark}gnp.pdf") == "scangnp.pdf"
    assert download_name(f"scan{mark}gnp.pdf") == "scangnp.pdf"


def test_long_names_keep_their_extension() -> None:
    for ext in (".pdf", ".jpeg", ".docx"):
        name = clean_file_name("Treatment plan " * 20 + ext)
        assert MAX_NAME_CHARS - 1 <= len(name) <= MAX_NAME_CHARS and name.endswith(ext)
        assert not name[: -len(ext)].endswith(" ")  # no space left before the extension
        assert download_name("Treatment plan " * 20 + ext) == name
    dotted = clean_file_name("a" * (MAX_NAME_CHARS - 6) + ". . . . .txt")
    assert dotted.endswith(".txt") and ". ." not in dotted[-8:] and len(dotted) <= MAX_NAME_CHARS


def test_download_names_never_fail() -> None:
    assert download_name("C:\\Users\\ann\\x\u202erays.png") == "xrays.png"
    assert download_name("../../etc/passwd") == "passwd"
    assert download_name("\u202e") == "attachment"
    assert download_name("CON.txt") == "attachment.txt"
    assert download_name('a"b<c>.pdf') == "a_b_c_.pdf"


def test_a_service_refuses_names_that_were_not_cleaned() -> None:
    assert file_names.require_clean_name("plan.pdf") == "plan.pdf"
    for bad in ("invoice\u202efdp.exe", "a" * 200 + ".pdf", "C:evil.txt", " x.pdf", ""):
        with pytest.raises(ValidationError):
            file_names.require_clean_name(bad)


def test_sizes_are_shown_one_way() -> None:
    assert [file_names.format_size(n) for n in (0, 1, 1023, 1536, 20 * 1024 * 1024)] == [
        "0 bytes",
        "1 byte",
        "1023 bytes",
        "1.5 KB",
        "20 MB",
    ]
