"""Measure site search: index build time and size, cold-query cost in Chromium, and recall.

Builds the site (unless --no-build), times Pagefind over it, then opens the home page in Debian's
Chromium, runs one query through the search box with an empty cache and reports the bytes and
time it took, and finally runs every query of tests/search_queries.yaml and prints recall@5.

Example:
    uv run llmkb search-benchmark
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from llmkb.browser import chromium, serve
from llmkb.build.run import build_site
from llmkb.paths import ROOT, SITE_DIR
from llmkb.render.search import build_index


def directory_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def run_query(page, query: str) -> list[str]:
    page.locator(".kb-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.kb-search__list').dataset.query === q", arg=query)
    return [href.lstrip("/") for href in page.eval_on_selector_all(".kb-search__list > li > a:first-child", "l => l.map(a => a.pathname)")]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-build", action="store_true", help="use the existing site/ instead of building into a temporary folder")
    parser.add_argument("--query", default="低秩适配", help="the cold query to measure (default: 低秩适配)")


def run(args: argparse.Namespace) -> int:
    if args.no_build:
        site = SITE_DIR
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        start = time.perf_counter()
        build_site(site, capture=True).check_returncode()
        print(f"site build (including search index): {time.perf_counter() - start:.2f} s")
    seconds = build_index(site)
    pages = len(list(site.glob("**/index.html")))
    print(f"pagefind index build: {seconds:.2f} s for {pages} pages")
    print(f"index size on disk: {directory_size(site / 'pagefind') / 1024:.0f} KiB")

    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    with serve(site) as base, chromium() as browser:
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
    return 0
