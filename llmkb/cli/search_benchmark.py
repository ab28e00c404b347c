"""Measure site search: recall per edition on the query set, zero results, and the cost of a cold query.

Builds the site (unless --no-build), then in Debian's Chromium, for each edition: opens its home page
with an empty cache, runs one query through the search box and reports the bytes transferred (gzip,
as a host serves the site) and the time until the results showed; then runs every query of the
edition in tests/search_queries.yaml (or --queries FILE) and prints recall@1, recall@5, mean
reciprocal rank and the queries that found nothing. With --misses, lists every query whose page was
not in the top five.

Example:
    uv run llmkb search-benchmark
    uv run llmkb search-benchmark --no-build --misses
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from llmkb.browser import chromium, search_box, serve
from llmkb.build.run import build_site
from llmkb.model.editions import EDITIONS, edition_prefix
from llmkb.paths import ROOT, SITE_DIR

QUERIES_FILE = ROOT / "tests" / "search_queries.yaml"
COLD_QUERY = {"zh": "显存怎么算", "zh-Hant": "顯存怎麼算", "en": "how much gpu memory"}


def load_queries(path: Path) -> dict[str, list[dict]]:
    """Queries by edition; a file may also be a flat list of {edition, query, page}."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(raw, list):
        by_edition: dict[str, list[dict]] = {}
        for item in raw:
            by_edition.setdefault(item["edition"], []).append(item)
        return by_edition
    return raw


def directory_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def rank_of(found: list[str], page: str) -> int | None:
    return found.index(page) + 1 if page in found else None


def measure_edition(browser, base: str, edition: str, queries: list[dict]) -> dict:
    """Cold-query cost and, for each query, the rank of its page (None: not among the results shown)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    prefix = edition_prefix(edition)
    page.goto(f"{base}/{prefix}", wait_until="networkidle")
    before = page.evaluate("performance.getEntriesByType('resource').length")
    start = time.perf_counter()
    page.keyboard.press("/")
    search_box(page, COLD_QUERY[edition])
    elapsed = time.perf_counter() - start
    transferred = page.evaluate(
        "n => performance.getEntriesByType('resource').slice(n).reduce((sum, e) => sum + e.transferSize, 0)", before)
    ranks = []
    for item in queries:
        found = search_box(page, item["query"])
        ranks.append((item, rank_of(found, prefix + item["page"]), found))
    context.close()
    return {"cold_ms": elapsed * 1000, "cold_bytes": transferred, "ranks": ranks}


def summary(ranks) -> dict:
    count = len(ranks) or 1
    return {
        "recall1": sum(1 for _, rank, _ in ranks if rank == 1) / count,
        "recall5": sum(1 for _, rank, _ in ranks if rank and rank <= 5) / count,
        "mrr": sum(1 / rank for _, rank, _ in ranks if rank) / count,
        "zero": [item["query"] for item, _, found in ranks if not found],
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-build", action="store_true", help="use the existing site/ instead of building into a temporary folder")
    parser.add_argument("--site", type=Path, help="a built site to measure (implies --no-build)")
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE, help="query file (default: tests/search_queries.yaml)")
    parser.add_argument("--misses", action="store_true", help="list the queries whose page was not in the top five")


def run(args: argparse.Namespace) -> int:
    if args.site:
        site = args.site
    elif args.no_build:
        site = SITE_DIR
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        start = time.perf_counter()
        build_site(site, capture=True).check_returncode()
        print(f"site build (including search index): {time.perf_counter() - start:.2f} s")
    print(f"search bundle on disk: {directory_size(site / 'pagefind') / 1024:.0f} KiB")
    queries = load_queries(args.queries)
    print(f"{'edition':8} {'queries':>7} {'recall@1':>9} {'recall@5':>9} {'MRR':>6} {'zero':>5} {'cold query':>24}")
    with serve(site, compress=True) as base, chromium() as browser:
        for edition in EDITIONS:
            if edition not in queries:
                continue
            result = measure_edition(browser, base, edition, queries[edition])
            figures = summary(result["ranks"])
            cold = f"{result['cold_ms']:.0f} ms, {result['cold_bytes'] / 1024:.0f} KiB"
            print(f"{edition:8} {len(result['ranks']):>7} {figures['recall1']:>9.1%} {figures['recall5']:>9.1%} {figures['mrr']:>6.3f} "
                  f"{len(figures['zero']):>5} {cold:>24}")
            for query in figures["zero"]:
                print(f"    no result: {query}")
            if args.misses:
                for item, rank, found in result["ranks"]:
                    if not rank or rank > 5:
                        print(f"    miss: {item['query']!r} -> {item['page']} (rank {rank}); top: {found[:5]}")
    return 0
