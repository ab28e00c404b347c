"""Measure the site against its performance budget; print the figures for MAINTAINING.md.

1. Build speed: builds the site in this process with every hook and plugin event timed, and prints
   the total, the time per 100k Chinese characters of source (docs/**/*.md) and where the time goes
   (per hook or plugin, Pagefind separately; the rest is MkDocs and Material rendering pages).
2. Reproducibility: builds the same tree again in a separate process and compares every file,
   printing the files that differ.
3. Page weight: median and largest HTML page of the built site (raw and gzip), the math font, and
   for a first visit to each page type below in Debian's Chromium: requests, bytes and the bytes of
   fonts, then the same after opening search and running one query.
4. Lighthouse (mobile preset, performance and accessibility) for the same pages, if installed
   with `npm ci --prefix tools/lighthouse` (Lighthouse 12; 13 needs Node 22).

Page types: the home page, a theory page with formulas and a diagram, the GPU-memory tool, the
glossary, the bibliography, a 繁體 page and an English page. The site is served by a local server
that gzips text like GitHub Pages does. Targets: median HTML <= 60 KiB, math font <= 40 KiB per
page, Lighthouse performance >= 98 and accessibility 100 on every page type, identical builds.

Example:
    npm ci --prefix tools/lighthouse && uv run llmkb site-benchmark
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import inspect
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from llmkb.browser import CHROMIUM, CHROMIUM_ARGS, chromium, start_server
from llmkb.build.run import QUIET_ENV, build_site
from llmkb.cli.compare_builds import differing_files
from llmkb.paths import DOCS_DIR, MKDOCS_FILE, ROOT
from llmkb.render.mathfont import SITE_FONT
from llmkb.text import HAN_RE

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_VERSION = json.loads((ROOT / "tools" / "lighthouse" / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lighthouse"]
# Page types measured in the browser and by Lighthouse (the budgets in MAINTAINING.md name these).
PAGES = {
    "home": "",
    "theory": "theory/architectures/",  # formulas, a diagram, tables
    "tool": "practice/gpu-memory/",  # the GPU-memory estimator
    "glossary": "reference/glossary/",
    "biblio": "reference/bibliography/",
    "zh-Hant": "zh-Hant/theory/llama-architecture/",
    "en": "en/theory/llama-architecture/",
}
SEARCH_QUERY = "显存"


# ---- 1. Build speed -----------------------------------------------------------------------------------

def owner_of(method) -> str:
    """`hooks/search.py`, or the plugin's class name."""
    if inspect.ismethod(method):
        return type(method.__self__).__name__
    module = inspect.getmodule(method)
    file = getattr(module, "__file__", None)
    return Path(file).resolve().relative_to(ROOT).as_posix() if file else str(module)


def timed_build(site: Path) -> tuple[float, dict[str, float]]:
    """Build into `site` with every plugin and hook event timed; returns total seconds and seconds per owner."""
    os.environ.update(QUIET_ENV)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent: dict[str, float] = collections.defaultdict(float)
    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE), site_dir=str(site))

    def wrap(method, event):
        name = owner_of(method)

        @functools.wraps(method)
        def timed(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[f"{name} ({event})" if event == "post_build" and "search" in name else name] += time.perf_counter() - begin
        return timed

    for event, methods in config.plugins.events.items():
        config.plugins.events[event] = [wrap(method, event) for method in methods]
    build(config)
    return time.perf_counter() - start, dict(spent)


def cjk_characters() -> int:
    return sum(len(HAN_RE.findall(path.read_text(encoding="utf-8"))) for path in DOCS_DIR.rglob("*.md"))


def article_characters(site: Path) -> int:
    """Characters of the article text of every page of every edition, spaces collapsed (the budget's unit)."""
    from bs4 import BeautifulSoup

    total = 0
    for path in html_pages(site):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article")
        if article is not None:
            total += len(" ".join(article.get_text(" ").split()))
    return total


# ---- 2. Reproducibility -------------------------------------------------------------------------------

# ---- 3. Page weight -----------------------------------------------------------------------------------

def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html") if "pagefind" not in path.relative_to(site).parts)


def first_visit(browser, base: str, path: str) -> dict[str, tuple[int, int]]:
    """Requests and bytes transferred (compressed, with headers) on a first visit, then after one
    search; and the bytes of the fonts of the first visit (``"fonts"``, as (requests, bytes)).

    Requests are collected on the context, which also sees those of Pagefind's web worker."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    requests = []
    collect = lambda request: requests.append(request)  # noqa: E731 - Playwright needs a Python function
    context.on("requestfinished", collect)

    def total() -> tuple[int, int]:
        return len(requests), sum(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] for request in requests)

    page = context.new_page()
    page.goto(f"{base}/{path}", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    visit = total()
    fonts = [request for request in requests if request.resource_type == "font"]
    font_bytes = (len(fonts), sum(request.sizes()["responseBodySize"] for request in fonts))
    page.locator(".md-header__button[for='__search']").click()
    page.locator(".kb-search__input").fill(SEARCH_QUERY)
    page.wait_for_function("q => document.querySelector('.kb-search__list').dataset.query === q", arg=SEARCH_QUERY)
    page.wait_for_load_state("networkidle")
    searched = total()
    context.remove_listener("requestfinished", collect)
    context.close()
    return {"visit": visit, "with search": searched, "fonts": font_bytes}


# ---- 4. Lighthouse ------------------------------------------------------------------------------------

def lighthouse(url: str, runs: int) -> dict[str, int]:
    """Median score per category over `runs` runs (total blocking time varies a lot from run to run)."""
    scores = [lighthouse_once(url) for _ in range(runs)]
    return {category: round(statistics.median(score[category] for score in scores)) for category in scores[0]} | {
        "runs": " ".join("/".join(str(value) for value in score.values()) for score in scores)}


def lighthouse_once(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility", f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
        )
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(category["score"] * 100) for name, category in categories.items()}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--no-repro", action="store_true", help="skip the second build and the comparison")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is reported (default: 3)")
    parser.add_argument("--site", type=Path, help="measure a site built before (skips the build and the comparison)")


def measure_build(site: Path) -> None:
    print(f"== Build speed ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
    cpu = time.process_time()
    total, spent = timed_build(site)
    cpu = time.process_time() - cpu
    characters = cjk_characters()
    print(f"full build: {total:.2f} s for {characters:,} Chinese characters of source "
          f"= {total / characters * 100_000:.2f} s per 100k characters "
          f"(CPU time of this process {cpu:.2f} s; Pagefind runs in a child process)")
    text = article_characters(site)
    print(f"article text of every edition: {text:,} characters = {total / text * 100_000:.2f} s per 100k characters (budget 1.5 s)")
    rest = total - sum(spent.values())
    for name, seconds in sorted({**spent, "MkDocs + Material (reading, Markdown, templates, writing)": rest}.items(),
                                key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"  {seconds:6.2f} s {seconds / total:5.1%}  {name}")


def run(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="site-benchmark-"))
    if args.site:
        site = args.site.resolve()
        args.no_repro = True
    else:
        site = work / "first"
        measure_build(site)

    if not args.no_repro:
        print("\n== Reproducibility (the same tree built twice)")
        second = work / "second"
        build_site(second, capture=True).check_returncode()
        differ = differing_files(site, second)
        files = sum(1 for path in site.rglob("*") if path.is_file())
        print(f"{files} files, {len(differ)} differ" + "".join(f"\n  {name}" for name in differ))

    print("\n== Page weight")
    sizes = {path.relative_to(site).parent.as_posix(): path.stat().st_size for path in html_pages(site)}
    zipped = [len(gzip.compress((site / name / "index.html").read_bytes(), 6)) for name in sizes]
    largest = max(sizes, key=sizes.get)
    print(f"HTML of {len(sizes)} pages: median {statistics.median(sizes.values()) / 1024:.1f} KiB "
          f"(gzip {statistics.median(zipped) / 1024:.1f} KiB), max {sizes[largest] / 1024:.1f} KiB ({largest}/)")
    font = site / SITE_FONT
    print(f"math font: {font.stat().st_size / 1024:.1f} KiB ({font.relative_to(site)})")
    server, base = start_server(site, compress=True)
    with chromium() as browser:
        for name, path in PAGES.items():
            result = first_visit(browser, base, path)
            visit, searched, fonts = result["visit"], result["with search"], result["fonts"]
            print(f"  {name:8} /{path:35} first visit {visit[0]:3} requests {visit[1] / 1024:6.1f} KiB "
                  f"(fonts {fonts[1] / 1024:4.1f} KiB); with search {searched[0]:3} requests {searched[1] / 1024:6.1f} KiB")

    if not args.no_lighthouse:
        print(f"\n== Lighthouse {LIGHTHOUSE_VERSION} (mobile, simulated slow 4G; median of {args.runs} runs)")
        if not LIGHTHOUSE.is_file():
            print(f"  skipped: {LIGHTHOUSE.relative_to(ROOT)} is missing; run `npm ci --prefix tools/lighthouse`")
        else:
            for name, path in PAGES.items():
                scores = lighthouse(f"{base}/{path}", args.runs)
                print(f"  {name:8} /{path:35} " + ", ".join(f"{category} {score}" for category, score in scores.items()))
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    return 0
