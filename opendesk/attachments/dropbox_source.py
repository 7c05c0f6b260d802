"""The patient's A-to-Z folder in the practice's Dropbox, through the official `dropbox` SDK.

The access token comes from the OS keyring (`core.credentials.dropbox_key()`), never a file;
the A-to-Z root inside Dropbox is the DROPBOX_ROOT preference. Listing follows the SDK's
pagination (cursor / has_more); downloads stream in chunks so the caller can show progress
and cancel. Every failure becomes a `DropboxError` with a clear message (no PHI: paths are
never put into messages or logs).

Calls block: run them on a worker thread. One `DropboxSource` must not be used by two threads
at the same time.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import dropbox
import requests
from dropbox import exceptions as dbx_exc
from dropbox import files as dbx_files

from opendesk.attachments.atoz import kind_of, patient_folder_name
from opendesk.core import credentials
from opendesk.core.errors import OpenDeskError
from opendesk.core.file_names import format_size

log = logging.getLogger("opendesk.attachments.dropbox")

CHUNK_SIZE = 64 * 1024

ProgressFn = Callable[[int, int], None]
"""progress(done, total): entries listed so far (total 0 = unknown) or bytes downloaded."""
CancelledFn = Callable[[], bool]


class DropboxError(OpenDeskError):
    """Dropbox could not be used; the message says why in words the user can act on."""


class DropboxAuthError(DropboxError):
    """The token is missing, expired or revoked."""


class DropboxFolderMissing(DropboxError):
    """The patient's folder (or file) does not exist in Dropbox."""


class DropboxNetworkError(DropboxError):
    """Dropbox could not be reached or answered with a server error."""


class Cancelled(OpenDeskError):
    """The user cancelled the listing or download."""

    def __init__(self) -> None:
        super().__init__("Cancelled.")


@dataclass(frozen=True, slots=True)
class RemoteEntry:
    """One file in a Dropbox folder (metadata only)."""

    name: str
    path: str
    size: int
    modified: datetime | None
    kind: str


def dropbox_patient_path(root: str, last_name: str, first_name: str, patient_id: int) -> str:
    """The patient's folder inside Dropbox: <root>/<Letter>/<LastFirst><PatNum>."""
    name = patient_folder_name(last_name, first_name, patient_id)
    letter = name[0].upper() if name and name[0].isalpha() else "_"
    root = "/" + root.strip().strip("/") if root.strip().strip("/") else ""
    return f"{root}/{letter}/{name}"


def token_from_keyring() -> str:
    """The practice's Dropbox access token on this workstation, or a clear error."""
    token = credentials.get_secret(credentials.dropbox_key())
    if not token:
        raise DropboxAuthError(
            "No Dropbox access token is stored on this computer. Enter it in Setup, Data Paths."
        )
    return token


class DropboxSource:
    """Lists and downloads files of a Dropbox folder. `session` lets tests (or a proxy set-up)
    pass their own `requests.Session`."""

    def __init__(
        self,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        max_retries_on_error: int = 1,
    ) -> None:
        self._dbx = dropbox.Dropbox(
            oauth2_access_token=token if token is not None else token_from_keyring(),
            session=session,
            timeout=timeout,
            max_retries_on_error=max_retries_on_error,
            max_retries_on_rate_limit=1,
        )

    def list_folder(
        self,
        path: str,
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> list[RemoteEntry]:
        """The files of the folder at `path` (subfolders left out), images and documents
        first, each group by name. Follows every page of the listing."""
        entries: list[RemoteEntry] = []
        with _translated("list"):
            result = self._dbx.files_list_folder(path, include_non_downloadable_files=False)
            while True:
                entries.extend(_entry(m) for m in result.entries if _is_file(m))
                if progress:
                    progress(len(entries), 0)
                if not result.has_more:
                    break
                if cancelled and cancelled():
                    raise Cancelled()
                result = self._dbx.files_list_folder_continue(result.cursor)
        order = {"image": 0, "document": 1, "other": 2}
        entries.sort(key=lambda e: (order[e.kind], e.name.casefold()))
        return entries

    def download(
        self,
        path: str,
        *,
        max_bytes: int | None = None,
        progress: ProgressFn | None = None,
        cancelled: CancelledFn | None = None,
    ) -> bytes:
        """The content of the file at `path`, read in chunks (progress(bytes, total)).
        `max_bytes` stops early on a file larger than the attachment limit."""
        with _translated("download"):
            meta, response = self._dbx.files_download(path)
            try:
                total = int(meta.size)
                if max_bytes is not None and total > max_bytes:
                    raise TooLarge(total)
                parts: list[bytes] = []
                done = 0
                if progress:
                    progress(0, total)
                for chunk in response.iter_content(CHUNK_SIZE):
                    if cancelled and cancelled():
                        raise Cancelled()
                    parts.append(chunk)
                    done += len(chunk)
                    if max_bytes is not None and done > max_bytes:
                        raise TooLarge(done)
                    if progress:
                        progress(done, total)
                return b"".join(parts)
            finally:
                response.close()


class TooLarge(OpenDeskError):
    """The file is larger than the caller's `max_bytes`."""

    def __init__(self, size: int) -> None:

        super().__init__(f"The file is {format_size(size)}, larger than attachments may be.")
        self.size = size


def _lookup_error(error: object) -> object | None:
    """The LookupError inside a route error (ListFolderError, DownloadError, ...)."""
    is_path = getattr(error, "is_path", None)
    if callable(is_path) and is_path():
        lookup: object = error.get_path()  # type: ignore[attr-defined]
        return lookup
    return None


def _lookup_reason(lookup: object | None) -> str:
    for reason in (
        "not_found",
        "not_folder",
        "not_file",
        "restricted_content",
        "unsupported_content",
    ):
        check = getattr(lookup, f"is_{reason}", None)
        if callable(check) and check():
            return reason
    return "api_error"


def _is_file(meta: object) -> bool:
    return isinstance(meta, dbx_files.FileMetadata)


def _entry(meta: dbx_files.FileMetadata) -> RemoteEntry:
    return RemoteEntry(
        name=meta.name,
        path=meta.path_display or meta.path_lower or meta.id,
        size=int(meta.size),
        modified=meta.client_modified or meta.server_modified,
        kind=kind_of(meta.name),
    )


class _translated:
    """Turns SDK and network exceptions into DropboxError subclasses with clear messages."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if exc is None or isinstance(exc, OpenDeskError):
            return
        translated = _translate(exc, self.what)
        if translated is not None:
            raise translated from exc


def _translate(exc: BaseException, what: str) -> DropboxError | None:
    if isinstance(exc, dbx_exc.AuthError):
        err = exc.error
        expired = bool(err is not None and err.is_expired_access_token())
        log.info("dropbox %s refused: auth (%s)", what, "expired" if expired else "invalid")
        if expired:
            return DropboxAuthError(
                "The Dropbox access token has expired. Enter a new one in Setup, Data Paths."
            )
        return DropboxAuthError(
            "Dropbox refused the access token (invalid or revoked). Enter a new one in Setup, "
            "Data Paths."
        )
    if isinstance(exc, dbx_exc.ApiError):
        lookup = _lookup_error(exc.error)
        reason = _lookup_reason(lookup)
        log.info("dropbox %s refused: %s", what, reason)
        if reason == "not_found":
            if what == "list":
                return DropboxFolderMissing(
                    "This patient has no folder in the practice's Dropbox yet. Put the files "
                    "in the patient's A-to-Z folder in Dropbox, or use Select Local File."
                )
            return DropboxFolderMissing("The file is no longer in Dropbox; refresh the list.")
        if reason == "not_folder":
            return DropboxFolderMissing("The patient's Dropbox path is a file, not a folder.")
        if reason in ("restricted_content", "unsupported_content", "not_file"):
            return DropboxError("Dropbox does not allow this file to be downloaded.")
        if getattr(exc.error, "is_reset", lambda: False)():
            return DropboxError("The Dropbox folder changed while listing; refresh the list.")
        return DropboxError("Dropbox could not do this (it answered with an error).")
    if isinstance(exc, dbx_exc.RateLimitError):
        return DropboxNetworkError("Dropbox is busy (too many requests); try again shortly.")
    if isinstance(exc, (dbx_exc.InternalServerError, dbx_exc.HttpError, dbx_exc.BadInputError)):
        log.warning("dropbox %s failed: HTTP %s", what, getattr(exc, "status_code", "?"))
        return DropboxNetworkError("Dropbox answered with an error; try again in a moment.")
    if isinstance(exc, requests.exceptions.Timeout):
        log.warning("dropbox %s timed out", what)
        return DropboxNetworkError("Dropbox did not answer in time. Check the internet connection.")
    if isinstance(exc, requests.exceptions.RequestException):
        log.warning("dropbox %s failed: %s", what, type(exc).__name__)
        return DropboxNetworkError(
            "Dropbox cannot be reached. Check the internet connection and try again."
        )
    return None
