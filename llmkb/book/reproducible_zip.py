"""Zip files whose bytes depend only on their content: the EPUB and the offline copy of the site.

Every entry gets the same timestamp and permissions, entries are written in the order given, and
deflate runs at level 9, so the same input always gives the same archive.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

EARLIEST = (1980, 1, 1, 0, 0, 0)  # the earliest timestamp a zip entry can hold


def write_zip(target: Path | object, entries: Iterable[tuple[str, bytes]], date_time: tuple = EARLIEST,
              stored: frozenset[str] = frozenset()) -> int:
    """Write ``entries`` (name, bytes) to ``target`` (a path or a binary file); names in ``stored`` are not compressed.

    Returns the number of entries written.
    """
    count = 0
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system writes the archive
            archive.writestr(info, data, compresslevel=9)
            count += 1
    return count
