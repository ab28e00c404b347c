#!/usr/bin/env python3
"""Export the knowledge base as a book-quality PDF, one per language edition: site/pdf/llm-notes-zh.pdf,
site/zh-Hant/pdf/llm-notes-zh-Hant.pdf and site/en/pdf/llm-notes-en.pdf.

Builds the site (unless --no-build), assembles every page in nav order into one book (cover,
contents with page numbers, parts), prints it with Debian's Chromium through Playwright (A4, bookmarks, tagged PDF,
running part names and page numbers), then repairs the text layer so that copying and searching
give real Chinese characters, not look-alike Kangxi radicals. Prints progress and, at the end, the
time taken and the file size.

Example:
    uv run scripts/export_pdf.py
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from llmkb.book import BOOK_NAME, add_export_arguments, book_pages, editions_to_export, pages_by_part
from llmkb.i18n import edition_prefix, section_title
from llmkb.paths import MKDOCS_FILE, ROOT
from llmkb.pdf import assemble_book, contents_anchors, destination_pages, fix_text_layer

CHROMIUM = "/usr/bin/chromium"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


def _print_pdf(browser, url: str, target: Path) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
    page.close()


def export(site_dir: Path, edition: str = "zh", log=print, browser=None) -> Path:
    """Write <edition folder>/pdf/<name>-<edition>.pdf from the built site; uses `browser` if given (tests share one).

    ``site_dir`` is the whole built site; the edition's pages are in its folder (site/en/ for en).
    The book is printed twice: Chromium cannot number the contents (no target-counter()), so the
    first print tells on which page each part and page starts, and the second prints those numbers.
    """
    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE))
    edition_dir = site_dir / edition_prefix(edition)
    part_title = functools.partial(section_title, edition=edition, config=config)
    pages = book_pages(config.nav, part_title)
    parts = pages_by_part(pages)
    part_names = [part.title for part in parts if part.title is not None]
    anchors = contents_anchors(parts, part_names)
    book_file = edition_dir / f"_book-{edition}.html"
    target = edition_dir / "pdf" / f"{BOOK_NAME}-{edition}.pdf"
    target.parent.mkdir(exist_ok=True)
    # The whole site is served: the edition's pages may use the default edition's assets.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{edition_prefix(edition)}{book_file.name}"
    playwright = own = None
    try:
        if browser is None:
            playwright = sync_playwright().start()
            browser = own = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-background-networking"]
            )
        numbers = None
        for attempt in ("first print (page numbers)", "second print (numbered contents)"):
            log(f"[{time.perf_counter() - start:5.1f}s] {edition}: assembling {len(pages)} pages, {attempt}")
            book_file.write_text(assemble_book(site_dir, config.nav, config.site_url, edition, part_title, numbers), encoding="utf-8")
            _print_pdf(browser, url, target)
            printed = destination_pages(target)
            missing = [anchor for anchor in anchors if anchor not in printed]
            if missing:
                raise RuntimeError(f"the printed book has no destination for {', '.join(missing[:5])}")
            found = {anchor: printed[anchor] for anchor in anchors}
            if numbers is not None and found != numbers:
                raise RuntimeError("filling in the contents' page numbers moved pages; check .kb-toc-number in templates/print.css")
            numbers = found
    finally:
        if own is not None:
            own.close()
            playwright.stop()
        server.shutdown()
        book_file.unlink(missing_ok=True)
    log(f"[{time.perf_counter() - start:5.1f}s] repairing the text layer")
    fixed = fix_text_layer(target)
    size = target.stat().st_size / 1024 / 1024
    log(f"[{time.perf_counter() - start:5.1f}s] wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
        f" ({size:.1f} MiB; {fixed} text-layer entries repaired)")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_export_arguments(parser, "PDF")
    args = parser.parse_args(argv)
    editions = editions_to_export(args)
    if editions is None:
        return 2
    for edition in editions:
        export(args.site_dir, edition)
    return 0

if __name__ == "__main__":
    sys.exit(main())
