"""Thumbnails honour EXIF orientation and are cached by path+mtime+size or by content."""

import os
from pathlib import Path

from PIL import Image

from opendesk.attachments.thumbnails import ThumbnailCache, default_cache_dir, open_oriented
from tests.attachments import samples


def test_exif_orientation_is_applied() -> None:
    # orientation 6: the camera was turned; upright the image is taller than wide,
    # and the left (red) half ends up at the top
    im = open_oriented(samples.jpeg(64, 48, orientation=6))
    assert im.size == (48, 64)
    r, _g, b = im.getpixel((24, 5))  # type: ignore[misc]
    assert r > 200 and b < 60
    assert open_oriented(samples.jpeg(64, 48)).size == (64, 48)


def test_thumbnail_for_a_file_is_cached_and_renewed_when_the_file_changes(
    tmp_path: Path,
) -> None:
    cache = ThumbnailCache(tmp_path / "cache", size=32)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(samples.jpeg(400, 300, orientation=6))
    first = cache.for_path(photo)
    assert first is not None and first.is_relative_to(tmp_path / "cache")
    with Image.open(first) as im:
        assert im.size == (24, 32)  # upright, fitted into 32 x 32
    mtime = first.stat().st_mtime_ns
    assert cache.for_path(photo) == first and first.stat().st_mtime_ns == mtime
    assert "p.jpg" not in str(first)  # keys are hashes: no file names in the cache
    photo.write_bytes(samples.jpeg(300, 300))
    os.utime(photo, ns=(1, 2_000_000_000))
    second = cache.for_path(photo)
    assert second is not None and second != first


def test_thumbnail_for_bytes_and_non_images(tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path)
    data = samples.png(300, 100)
    made = cache.for_bytes(data)
    assert made is not None and cache.for_bytes(data) == made
    with Image.open(made) as im:
        assert im.size == (128, 43)
    assert cache.for_bytes(samples.pdf()) is None
    assert cache.for_bytes(samples.png_bomb()) is None
    assert cache.for_path(tmp_path / "missing.jpg") is None


def test_default_cache_is_in_the_user_data_dir() -> None:
    assert default_cache_dir().parts[-2:] == ("opendesk", "thumbnails")
