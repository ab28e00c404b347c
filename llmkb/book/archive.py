"""The offline copy: the whole site, every edition, in one zip to unzip and open without a network.

The site is built a second time into a temporary folder with ``use_directory_urls: false``, so that
every link points at a real file (theory/bpe.html, not theory/bpe/): the unzipped copy then works
both when opened straight from disk (file://) and when served with ``python3 -m http.server``.
Search (Pagefind) needs the server: browsers refuse to load its module and index from file://, and
the search box says so. Each edition's PDF and EPUB are added when the published build already holds
them (export the books first, as the publishing workflow does). The archive is reproducible.

Material's ``offline`` plugin is not used: it only switches off directory URLs (done here) and adds
a shim from a CDN for Material's own search worker, which this site does not run.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from llmkb.book.reproducible_zip import write_zip
from llmkb.build.run import QUIET_ENV
from llmkb.model.editions import EDITIONS, edition_prefix
from llmkb.paths import ARCHIVE_FOLDER, BOOK_KINDS, MKDOCS_FILE, book_file, display_path


def build_offline_copy(target: Path) -> None:
    """Build the site with file links (use_directory_urls: false) into `target`."""
    import os

    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(MKDOCS_FILE), site_dir=str(target), use_directory_urls=False)
    # The footer hides the link to this archive inside the archive itself.
    config.extra["offline_copy"] = True
    build(config)


def write_archive(source: Path, archive: Path) -> int:
    """Zip `source` under ARCHIVE_FOLDER/ in sorted order; returns the file count."""
    files = sorted((path for path in source.rglob("*") if path.is_file()), key=lambda path: path.relative_to(source).as_posix())
    archive.parent.mkdir(parents=True, exist_ok=True)
    return write_zip(archive, ((f"{ARCHIVE_FOLDER}/{path.relative_to(source).as_posix()}", path.read_bytes()) for path in files))


def package(site_dir: Path, out: Path, log=print) -> Path:
    """Write the offline copy to `out`, with the books already exported into `site_dir`."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        log("building the offline copy (file links)")
        build_offline_copy(copy)
        for edition in EDITIONS:
            for kind in BOOK_KINDS:
                book = site_dir / edition_prefix(edition) / book_file(edition, kind)
                if book.is_file():
                    shutil.copytree(book.parent, copy / edition_prefix(edition) / kind)
                    log(f"added the {kind.upper()} from {display_path(book.parent)}")
                else:
                    log(f"no {kind.upper()} in {display_path(book.parent)}: its links will not work in the copy (export the books first)")
        count = write_archive(copy, out)
    log(f"wrote {display_path(out)}: {count} files, {out.stat().st_size / 1024 / 1024:.1f} MiB "
        f"in {time.perf_counter() - start:.1f} s")
    return out
