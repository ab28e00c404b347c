#!/usr/bin/env python3
"""Export the knowledge base as a reflowable EPUB 3 for phones and e-readers, one per language edition:
site/epub/llm-notes-zh.epub, site/zh-Hant/epub/llm-notes-zh-Hant.epub and site/en/epub/llm-notes-en.epub.

Builds the site (unless --no-build), then turns every page of the built site into one XHTML file
of the book, in nav order and grouped into parts: cover, title page, a contents page with every
part, page and second-level heading, formulas as MathML, diagrams and charts as SVG, internal links
that stay inside the book. Dates come from the pages' `updated` dates, so exporting the same commit
twice gives byte-identical files. Finally validates the book with epubcheck (needs Java) and fails
on any error or warning. Prints progress and, at the end, the time taken and the file size.

Example:
    uv run scripts/export_epub.py
    uv run scripts/export_epub.py --no-build --edition en
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

from mkdocs.config import load_config

from llmkb.book import BOOK_NAME, add_export_arguments, editions_to_export
from llmkb.epub import epubcheck, write_epub
from llmkb.i18n import edition_prefix, section_title
from llmkb.paths import MKDOCS_FILE, display_path


def export(site_dir: Path, edition: str = "zh", log=print, check: bool = True) -> Path:
    """Write <edition folder>/epub/<name>-<edition>.epub from the built site; raise if epubcheck reports anything.

    ``site_dir`` is the whole built site; the edition's pages are in its folder (site/en/ for en).
    """
    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE))
    edition_dir = site_dir / edition_prefix(edition)
    target = edition_dir / "epub" / f"{BOOK_NAME}-{edition}.epub"
    log(f"[{time.perf_counter() - start:5.1f}s] converting the built pages of {display_path(edition_dir)}")
    write_epub(edition_dir, config.nav, target, edition, config.site_url,
               part_title=functools.partial(section_title, edition=edition, config=config),
               log=lambda message: log(f"        {message.strip()}"))
    size = target.stat().st_size / 1024 / 1024
    log(f"[{time.perf_counter() - start:5.1f}s] wrote {display_path(target)} ({size:.1f} MiB)")
    if check:
        log(f"[{time.perf_counter() - start:5.1f}s] validating with epubcheck")
        problems = epubcheck(target)
        if problems:
            raise RuntimeError(f"epubcheck: {len(problems)} problems in {target}:\n" + "\n".join(problems))
        log(f"[{time.perf_counter() - start:5.1f}s] epubcheck: no errors, no warnings")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_export_arguments(parser, "EPUB")
    parser.add_argument("--no-check", action="store_true", help="skip the epubcheck validation (which needs Java)")
    args = parser.parse_args(argv)
    editions = editions_to_export(args)
    if editions is None:
        return 2
    try:
        for edition in editions:
            export(args.site_dir, edition, check=not args.no_check)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
