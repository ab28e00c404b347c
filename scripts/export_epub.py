#!/usr/bin/env python3
"""Export the knowledge base as a reflowable EPUB 3 for phones and e-readers: site/epub/llm-notes-zh.epub.

Builds the site (unless --no-build), then turns every page of the built site into one XHTML file
of the book, in nav order and grouped into parts: cover, title page, a contents page with every
part, page and second-level heading, formulas as MathML, diagrams and charts as SVG, internal links
that stay inside the book. Dates come from the pages' `updated` dates, so exporting the same commit
twice gives byte-identical files. Finally validates the book with epubcheck (needs Java) and fails
on any error or warning. Prints progress and, at the end, the time taken and the file size.

Example:
    uv run scripts/export_epub.py
    uv run scripts/export_epub.py --no-build --site-dir site/en --language en
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config import load_config

from llmkb.book import BOOK_NAME
from llmkb.epub import epubcheck, write_epub
from llmkb.paths import MKDOCS_FILE, ROOT, display_path


def export(site_dir: Path, language: str = "zh", log=print, check: bool = True) -> Path:
    """Write site/epub/<name>-<language>.epub from the built site; raise if epubcheck reports anything."""
    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE))
    target = site_dir / "epub" / f"{BOOK_NAME}-{language}.epub"
    log(f"[{time.perf_counter() - start:5.1f}s] converting the built pages of {display_path(site_dir)}")
    write_epub(site_dir, config.nav, target, language, config.site_url, log=lambda message: log(f"        {message.strip()}"))
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
    parser.add_argument("--no-build", action="store_true", help="use the site already built in --site-dir")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site",
                        help="built site folder of one language edition (default: site/)")
    parser.add_argument("--language", default="zh", help="language tag of that edition, e.g. zh, zh-TW, en (default: zh)")
    parser.add_argument("--no-check", action="store_true", help="skip the epubcheck validation (which needs Java)")
    args = parser.parse_args(argv)
    if not args.no_build:
        print("building the site ...")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(args.site_dir)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if not (args.site_dir / "index.html").exists():
        print(f"error: {args.site_dir} has no built site; run without --no-build", file=sys.stderr)
        return 2
    try:
        export(args.site_dir, args.language, check=not args.no_check)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
