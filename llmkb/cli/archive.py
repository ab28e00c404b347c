"""Package the whole site for offline reading: site/download/llm-notes-site-all.zip.

Builds the site a second time with file links (theory/bpe.html, not theory/bpe/) into a temporary
folder and zips it with every edition and the books already exported into --site-dir (export the
PDF and EPUB first, as the publishing workflow does). Unzipped, the copy works opened from disk
(search then explains that it needs `python3 -m http.server`) and served. The archive is
reproducible: the same commit gives the same bytes.

Example:
    uv run llmkb archive                     # writes site/download/llm-notes-site-all.zip
    uv run llmkb archive --out /tmp/kb.zip
"""

from __future__ import annotations

import argparse
from pathlib import Path

from llmkb.cli.common import add_site_arguments
from llmkb.paths import ARCHIVE_FILE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser, builds=False)
    parser.add_argument("--out", type=Path, default=None, help=f"archive to write (default: <site-dir>/{ARCHIVE_FILE})")


def run(args: argparse.Namespace) -> int:
    from llmkb.book.archive import package

    package(args.site_dir, args.out or args.site_dir / ARCHIVE_FILE)
    return 0
