"""Every attachment rule, refused with its message; good files pass with their type."""

import hashlib
from pathlib import Path

import pytest

from opendesk.attachments import rules
from opendesk.attachments.rules import Limits, check_attachment, check_file, clean_filename
from opendesk.core import file_names
from opendesk.core.errors import ValidationError
from tests.attachments import samples


def refused(name: str, data: bytes, **kw: object) -> str:
    with pytest.raises(ValidationError) as info:
        check_attachment(name, data, **kw)  # type: ignore[arg-type]
    return str(info.value)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("photo.jpg", samples.jpeg(), "image/jpeg"),
        ("PHOTO.JPEG", samples.jpeg(), "image/jpeg"),
        ("xray.png", samples.png(), "image/png"),
        ("a.gif", samples.image("GIF"), "image/gif"),
        ("a.bmp", samples.image("BMP"), "image/bmp"),
        ("a.tif", samples.image("TIFF"), "image/tiff"),
        ("a.webp", samples.image("WEBP"), "image/webp"),
        ("summary.pdf", samples.pdf(2), "application/pdf"),
        ("notes.txt", "Zähne gut.\r\n".encode(), "text/plain"),
        ("list.csv", b"a,b\n1,2\n", "text/csv"),
        ("ccd.xml", b'<?xml version="1.0"?><ClinicalDocument/>', "application/xml"),
        ("letter.docx", samples.docx(), rules.DOCX.content_type),
    ],
)
def test_allowed_types_pass(name: str, data: bytes, content_type: str) -> None:
    att = check_attachment(name, data)
    assert att.content_type == content_type
    assert att.name == name and att.size == len(data) and att.data == data
    assert att.sha256 == hashlib.sha256(data).hexdigest() and att.flags == ()


def test_missing_extension_is_added_from_the_content() -> None:
    assert check_attachment("scan", samples.pdf()).name == "scan.pdf"


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.txt", "..\\..\\boot.ini.txt", "dir/x.pdf", "C:\\Users\\x.pdf", "..", "."],
)
def test_path_traversal_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="folder path"):
        clean_filename(name)
    assert "folder path" in refused(name, b"hello")


@pytest.mark.parametrize(
    "name",
    ["CON", "con.txt", "PRN.pdf", "aux.jpg", "NUL.tar.gz", "COM1.txt", "lpt9.pdf", "Con .txt"],
)
def test_reserved_windows_names_are_refused(name: str) -> None:
    assert "reserved device name" in refused(name, b"hello")


def test_names_are_cleaned() -> None:
    assert clean_filename("a\x00b\x1fc\x7f.txt") == "abc.txt"
    assert clean_filename("invoice\u202efdp.exe") == "invoicefdp.exe"  # no RTL override trick
    assert clean_filename("  report. . ") == "report"
    assert clean_filename(".hidden.pdf") == "hidden.pdf"
    assert clean_filename('x<y>:"z"|?*.pdf') == "x_y___z____.pdf"
    assert clean_filename("e\u0301cole.pdf") == "\u00e9cole.pdf"  # NFC
    long = clean_filename("x" * 300 + ".pdf")
    assert len(long) == rules.MAX_NAME_CHARS and long.endswith(".pdf")
    assert clean_filename("CONTRACT.pdf") == "CONTRACT.pdf"  # only the exact device names
    with pytest.raises(ValidationError, match="no usable name"):
        clean_filename(" \x01. ")


def test_empty_file_is_refused() -> None:
    assert refused("x.pdf", b"") == "“x.pdf” is empty (0 bytes)."


def test_file_over_the_limit_is_refused() -> None:
    data = samples.pdf()
    msg = refused("big.pdf", data, limits=Limits(max_file_bytes=len(data) - 1))
    assert msg.startswith("“big.pdf” is ") and "the largest file allowed is" in msg


def test_message_over_the_limit_is_refused() -> None:
    data = samples.pdf()
    limits = Limits(max_message_bytes=len(data) + 10)
    assert check_attachment("a.pdf", data, limits=limits, already_attached_bytes=10)
    msg = refused("b.pdf", data, limits=limits, already_attached_bytes=11)
    assert "a message may carry at most" in msg
    att = check_attachment("a.pdf", data)
    with pytest.raises(ValidationError, match="The attachments total"):
        file_names.check_message_total(2 * att.size, limits)


def test_default_limits_are_20_mb() -> None:
    assert Limits().max_file_bytes == Limits().max_message_bytes == 20 * 1024 * 1024
    msg = refused("huge.txt", b"a" * (20 * 1024 * 1024 + 1))
    assert "20 MB" in msg


def test_limits_come_from_the_practice_preferences(db: object) -> None:
    from opendesk.core import preferences
    from opendesk.core.db import Database

    assert isinstance(db, Database)
    with db.session() as s:
        preferences.set_many(s, {preferences.ATTACH_MAX_FILE_BYTES: 1000})
        s.commit()
        assert Limits.from_preferences(s) == Limits(1000, 20 * 1024 * 1024)


def test_decompression_bomb_png_is_refused() -> None:
    bomb = samples.png_bomb()
    assert len(bomb) < 100_000
    msg = refused("innocent.png", bomb)
    assert "12000 x 12000 pixels" in msg and "decompression bomb" in msg
    # beyond twice Pillow's own limit, Pillow refuses while opening: the same refusal
    msg = refused("worse.png", samples.png_bomb(15_000, 15_000))
    assert "more than 80 megapixels" in msg and "decompression bomb" in msg


def test_content_disagreeing_with_the_extension_is_refused() -> None:
    msg = refused("report.pdf", samples.png())
    assert msg == (
        "“report.pdf” is named like a PDF document but its content is a PNG image. "
        "Rename it to end in .png or choose another file."
    )
    assert "content is a PDF document" in refused("photo.jpg", samples.pdf())
    assert "named like a .exe file" in refused("setup.exe", samples.pdf())


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 100, "a Windows program"),
        ("notes.txt", b"MZ\x90\x00" + b"\x00" * 100, "a Windows program"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Office"),
        ("macro.docx", samples.docx(macros=True), "macro-enabled"),
        ("data.bin", bytes(range(256)), "cannot be recognised"),
        ("fake.txt", b"abc\x00def", "cannot be recognised"),
    ],
)
def test_unknown_or_dangerous_content_is_refused(name: str, data: bytes, words: str) -> None:
    msg = refused(name, data)
    assert words in msg and "Allowed:" in msg


def test_damaged_image_is_refused() -> None:
    data = samples.jpeg(200, 200)
    assert "not a readable image" in refused("cut.jpg", data[: len(data) // 2])
    assert "not a readable image" in refused("junk.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)


def test_encrypted_pdf_is_refused() -> None:
    msg = refused("locked.pdf", samples.pdf_encrypted())
    assert msg.startswith("“locked.pdf” is password-protected")


def test_broken_pdf_is_refused() -> None:
    assert "not a readable PDF" in refused("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Cat")
    good = samples.pdf()
    assert "not a readable PDF" in refused("cut.pdf", good[: len(good) // 3])


def test_pdf_javascript_and_automatic_actions_are_flagged() -> None:
    js = check_attachment("form.pdf", samples.pdf_with_javascript())
    assert "javascript" in js.flags
    act = check_attachment("auto.pdf", samples.pdf_with_open_action())
    assert act.flags == ("open_action", "auto_action")
    assert act.flags_text == "open_action,auto_action"
    assert set(rules.PDF_FLAGS) >= set(js.flags) | set(act.flags)


def test_check_file_reads_from_disk_and_checks_size_first(tmp_path: Path) -> None:
    path = tmp_path / "xray.png"
    path.write_bytes(samples.png())
    assert check_file(path).content_type == "image/png"
    with pytest.raises(ValidationError, match="largest file allowed"):
        check_file(path, limits=Limits(max_file_bytes=10))
    with pytest.raises(ValidationError, match="no longer exists"):
        check_file(tmp_path / "gone.png")
    with pytest.raises(ValidationError, match="not a file"):
        check_file(tmp_path)


def test_human_size() -> None:
    assert rules.human_size(1) == "1 byte"
    assert rules.human_size(1536) == "1.5 KB"
    assert rules.human_size(20 * 1024 * 1024) == "20 MB"
