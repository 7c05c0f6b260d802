"""Thumbnails and preview images through Pillow, EXIF orientation honoured, cached on disk.

The cache lives in `core.paths.user_data_dir()/thumbnails` (per Windows user, like the rest of
OpenDesk's local data; thumbnails of patient photos are PHI, so never in a shared or temporary
folder). A file's thumbnail is keyed by its path, modification time, size and the thumbnail
size, so a changed file gets a new thumbnail; bytes (Dropbox downloads, attachments) are keyed
by their SHA-256. Keys are hashes: no file or patient name appears in the cache's file names.

Everything here is thread-safe and Qt-free: the desktop calls it from worker threads.
"""

import hashlib
import io
import logging
import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from opendesk.core import paths

log = logging.getLogger("opendesk.attachments.thumbnails")

THUMBNAIL_SIZE = 128
PREVIEW_MAX_PIXELS = 80_000_000


def default_cache_dir() -> Path:
    return paths.user_data_dir() / "thumbnails"


def open_oriented(source: Path | bytes, *, fit: int | None = None) -> Image.Image:
    """The image upright (EXIF orientation applied), in RGB or RGBA. With `fit`, JPEGs are
    decoded at a reduced scale first (fast) and the result fits in fit x fit pixels.
    Raises OSError / ValueError for unreadable images, and refuses decompression bombs."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(stream) as im:
            width, height = im.size
            if width * height > PREVIEW_MAX_PIXELS:
                raise ValueError("image too large to decode")
            if fit is not None and im.format == "JPEG":
                im.draft("RGB", (fit * 2, fit * 2))
            upright = ImageOps.exif_transpose(im)
            upright.load()
    if upright.mode not in ("RGB", "RGBA"):
        has_alpha = upright.mode in ("LA", "PA", "P") and "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha or upright.mode == "LA" else "RGB")
    if fit is not None:
        upright.thumbnail((fit, fit), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return upright


class ThumbnailCache:
    """Thumbnails (JPEG files) on disk; `for_path` / `for_bytes` return the cached file's path,
    making the thumbnail first if needed, or None when the content is not a readable image."""

    def __init__(self, cache_dir: Path | None = None, size: int = THUMBNAIL_SIZE) -> None:
        self.cache_dir = cache_dir or default_cache_dir()
        self.size = size

    def key_for_path(self, path: Path) -> str:
        st = path.stat()
        raw = f"{os.path.abspath(path)}|{st.st_mtime_ns}|{st.st_size}|{self.size}"
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

    def key_for_bytes(self, data: bytes) -> str:
        return hashlib.sha256(hashlib.sha256(data).digest() + f"|{self.size}".encode()).hexdigest()

    def cached(self, key: str) -> Path | None:
        target = self._file(key)
        return target if target.exists() else None

    def for_path(self, path: Path) -> Path | None:
        try:
            key = self.key_for_path(path)
        except OSError:
            return None
        hit = self.cached(key)
        if hit is not None:
            return hit
        return self._make(key, path)

    def for_bytes(self, data: bytes) -> Path | None:
        key = self.key_for_bytes(data)
        return self.cached(key) or self._make(key, data)

    def _file(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.jpg"

    def _make(self, key: str, source: Path | bytes) -> Path | None:
        try:
            image = open_oriented(source, fit=self.size)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
            return None  # not an image, damaged, or too large: the caller shows an icon
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        target = self._file(key)
        try:  # a full or read-only cache folder only costs the thumbnail
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        except OSError:
            log.warning("could not write a thumbnail to the cache")
            return None
        try:
            with os.fdopen(fd, "wb") as out:
                image.save(out, "JPEG", quality=85)
            os.replace(tmp, target)  # atomic: two workers making the same thumbnail is fine
        except OSError:
            log.warning("could not write a thumbnail to the cache")
            Path(tmp).unlink(missing_ok=True)
            return None
        return target
