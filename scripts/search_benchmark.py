#!/usr/bin/env python3
"""Measure site search: index build time and size, cold-query cost in Chromium, and recall.

Builds the site (unless --no-build), times Pagefind over it, then opens the home page in Debian's
Chromium, runs one query through the search box with an empty cache and reports the bytes and
time it took, and finally runs every query of tests/search_queries.yaml and prints recall@5.

Example:
    uv run scripts/search_benchmark.py
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from llmkb.paths import ROOT
from llmkb.search import build_index

CHROMIUM = "/usr/bin/chromium"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


def directory_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def run_query(page, query: str) -> list[str]:
    page.locator(".kb-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.kb-search__list').dataset.query === q", arg=query)
    return [href.lstrip("/") for href in page.eval_on_selector_all(".kb-search__list > li > a:first-child", "l => l.map(a => a.pathname)")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="use the existing site/ instead of building into a temporary folder")
    parser.add_argument("--query", default="低秩适配", help="the cold query to measure (default: 低秩适配)")
    args = parser.parse_args(argv)

    if args.no_build:
        site = ROOT / "site"
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        print(f"site build (including search index): {time.perf_counter() - start:.2f} s")
    seconds = build_index(site)
    pages = len(list(site.glob("**/index.html")))
    print(f"pagefind index build: {seconds:.2f} s for {pages} pages")
    print(f"index size on disk: {directory_size(site / 'pagefind') / 1024:.0f} KiB")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/", wait_until="networkidle")
        before = page.evaluate("performance.getEntriesByType('resource').length")
        start = time.perf_counter()
        page.keyboard.press("/")
        run_query(page, args.query)
        elapsed = time.perf_counter() - start
        transferred = page.evaluate(
            "n => performance.getEntriesByType('resource').slice(n).filter(e => e.name.includes('/pagefind/'))"
            ".reduce((sum, e) => sum + e.transferSize, 0)", before)
        print(f"cold first query {args.query!r}: {elapsed * 1000:.0f} ms, {transferred / 1024:.0f} KiB transferred")
        hits = sum(item["page"] in run_query(page, item["query"])[:5] for item in queries)
        print(f"recall@5 on the query set: {hits}/{len(queries)} = {hits / len(queries):.1%}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
