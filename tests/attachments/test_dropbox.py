"""The Dropbox source through the real `dropbox` SDK against the local stand-in."""

import socket

import pytest

from opendesk.attachments import dropbox_source as dbs
from opendesk.core import credentials
from tests.attachments import samples
from tests.attachments.dropbox_standin import EXPIRED_TOKEN, GOOD_TOKEN, StandIn

FOLDER = "/OpenDesk/AtoZ/S/SmithJo7"


def source(standin: StandIn, token: str = GOOD_TOKEN) -> dbs.DropboxSource:
    return dbs.DropboxSource(token, session=standin.session())


def test_patient_path() -> None:
    assert dbs.dropbox_patient_path("/OpenDesk/AtoZ/", "Smith", "Jo", 7) == FOLDER
    assert dbs.dropbox_patient_path("", "o'Neil", "A", 1) == "/O/oNeilA1"


def test_listing_follows_every_page(standin: StandIn) -> None:
    names = [f"doc{i:02d}.pdf" for i in range(7)] + ["b.jpg", "a.PNG", "z.dat"]
    for name in names:
        standin.add(FOLDER, name, b"x" * 10)
    seen: list[int] = []
    entries = source(standin).list_folder(FOLDER, progress=lambda n, _t: seen.append(n))
    assert [e.name for e in entries][:3] == ["a.PNG", "b.jpg", "doc00.pdf"]
    assert entries[-1].name == "z.dat" and len(entries) == 10  # the subfolder is left out
    assert standin.requests_seen.count("/2/files/list_folder/continue") == 3  # 4 pages of 3
    assert seen == [3, 6, 9, 10]
    assert entries[0].path == f"{FOLDER}/a.PNG" and entries[0].size == 10
    assert entries[0].modified is not None and entries[0].kind == "image"


def test_listing_can_be_cancelled_between_pages(standin: StandIn) -> None:
    for i in range(10):
        standin.add(FOLDER, f"f{i}.pdf", b"x")
    with pytest.raises(dbs.Cancelled):
        source(standin).list_folder(FOLDER, cancelled=lambda: True)
    assert "/2/files/list_folder/continue" not in standin.requests_seen


def test_download_is_byte_identical_with_progress(standin: StandIn) -> None:
    data = samples.jpeg(900, 700) + b"\x00" * 200_000
    standin.add(FOLDER, "photo.jpg", data)
    progress: list[tuple[int, int]] = []
    got = source(standin).download(
        f"{FOLDER}/photo.jpg", progress=lambda d, t: progress.append((d, t))
    )
    assert got == data
    assert progress[0] == (0, len(data)) and progress[-1] == (len(data), len(data))
    assert len(progress) > 3


def test_download_cancel_and_size_limit(standin: StandIn) -> None:
    standin.add(FOLDER, "big.pdf", b"x" * 300_000)
    with pytest.raises(dbs.Cancelled):
        source(standin).download(f"{FOLDER}/big.pdf", cancelled=lambda: True)
    with pytest.raises(dbs.TooLarge, match="larger than attachments may be"):
        source(standin).download(f"{FOLDER}/big.pdf", max_bytes=1000)


def test_missing_folder_and_file(standin: StandIn) -> None:
    with pytest.raises(dbs.DropboxFolderMissing, match="no folder in the practice's Dropbox"):
        source(standin).list_folder(FOLDER)
    standin.add(FOLDER, "a.pdf", b"x")
    with pytest.raises(dbs.DropboxFolderMissing, match="no longer in Dropbox"):
        source(standin).download(f"{FOLDER}/gone.pdf")


def test_invalid_and_expired_tokens(standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    standin.add(FOLDER, "a.pdf", b"x")
    with pytest.raises(dbs.DropboxAuthError, match="invalid or revoked"):
        source(standin, "wrong").list_folder(FOLDER)
    with pytest.raises(dbs.DropboxAuthError, match="has expired"):
        source(standin, EXPIRED_TOKEN).list_folder(FOLDER)
    with pytest.raises(dbs.DropboxAuthError, match="invalid or revoked"):
        source(standin, "wrong").download(f"{FOLDER}/a.pdf")
    assert caplog.records and EXPIRED_TOKEN not in caplog.text  # no token in a log


def test_server_errors_and_unreachable_network(
    standin: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    standin.add(FOLDER, "a.pdf", b"x")
    standin.fail_with_500 = True
    src = dbs.DropboxSource(GOOD_TOKEN, session=standin.session(), max_retries_on_error=0)
    with pytest.raises(dbs.DropboxNetworkError, match="answered with an error"):
        src.list_folder(FOLDER)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    offline = dbs.DropboxSource(GOOD_TOKEN, session=standin.session(closed_port), timeout=5)
    with pytest.raises(dbs.DropboxNetworkError, match="cannot be reached"):
        offline.list_folder(FOLDER)
    with pytest.raises(dbs.DropboxNetworkError, match="cannot be reached"):
        offline.download(f"{FOLDER}/a.pdf")
    assert "dropbox list failed: HTTP 500" in caplog.text and GOOD_TOKEN not in caplog.text


def test_token_comes_from_the_keyring(standin: StandIn) -> None:
    credentials.delete_secret(credentials.dropbox_key())
    with pytest.raises(dbs.DropboxAuthError, match="No Dropbox access token"):
        dbs.DropboxSource(session=standin.session())
    credentials.set_secret(credentials.dropbox_key(), GOOD_TOKEN)
    try:
        standin.add(FOLDER, "a.pdf", b"x")
        assert [
            e.name for e in dbs.DropboxSource(session=standin.session()).list_folder(FOLDER)
        ] == ["a.pdf"]
    finally:
        credentials.delete_secret(credentials.dropbox_key())
