#!/usr/bin/env python3
"""Package the whole site for offline reading: site/download/llm-notes-site-all.zip.

Builds the site a second time into a temporary folder with `use_directory_urls: false`, so that
every link points at a real file (theory/bpe.html, not theory/bpe/): the unzipped copy then works
both when opened straight from disk (file://) and when served with `python3 -m http.server`.
Search (Pagefind) needs the server: browsers refuse to load its module and index from file://,
and the search box says so. Each edition's PDF and EPUB are added when the published build
already holds them (run scripts/export_pdf.py and export_epub.py first, as the publishing workflow does). The archive is reproducible: fixed
entry order and timestamps, so the same commit gives the same bytes.

Material's `offline` plugin is not used: it only switches off directory URLs (done here) and adds
a shim from a CDN for Material's own search worker, which this site does not run.

Example:
    uv run scripts/package_site.py               # writes site/download/llm-notes-site-all.zip
    uv run scripts/package_site.py --out /tmp/kb.zip
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from llmkb.i18n import EDITIONS, edition_prefix
from llmkb.paths import MKDOCS_FILE, ROOT, display_path

ARCHIVE_NAME = "llm-notes-site-all.zip"
FOLDER = "llm-notes-site"  # top-level folder inside the archive
# Every entry gets this timestamp (the earliest a zip file can hold), so rebuilding gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_offline_copy(target: Path) -> None:
    """Build the site with file links (use_directory_urls: false) into `target`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(MKDOCS_FILE), site_dir=str(target), use_directory_urls=False)
    # The footer hides the link to this archive inside the archive itself.
    config.extra["offline_copy"] = True
    build(config)


def write_zip(source: Path, archive: Path) -> int:
    """Zip `source` under FOLDER/ with sorted entries and fixed timestamps; returns the file count."""
    files = sorted((path for path in source.rglob("*") if path.is_file()), key=lambda path: path.relative_to(source).as_posix())
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(source).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return len(files)


def package(site_dir: Path, out: Path, log=print) -> Path:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        log("building the offline copy (file links)")
        build_offline_copy(copy)
        for edition in EDITIONS:
            for kind in ("pdf", "epub"):
                books = site_dir / edition_prefix(edition) / kind
                if books.is_dir() and any(books.glob(f"*.{kind}")):
                    shutil.copytree(books, copy / edition_prefix(edition) / kind)
                    log(f"added the {kind.upper()} from {display_path(books)}")
                else:
                    log(f"no {kind.upper()} in {display_path(books)}: its links will not work in the copy (export the books first)")
        count = write_zip(copy, out)
    log(f"wrote {display_path(out)}: {count} files, {out.stat().st_size / 1024 / 1024:.1f} MiB "
        f"in {time.perf_counter() - start:.1f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site",
                        help="the published build, for its PDF (default: site/)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"archive to write (default: <site>/download/{ARCHIVE_NAME})")
    args = parser.parse_args(argv)
    package(args.site, args.out or args.site / "download" / ARCHIVE_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
