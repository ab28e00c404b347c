"""Measure how the build grows with the site: the real site, then synthetic sites of N pages.

For each size (--sizes, default 0 and 3000 synthetic pages on top of the real ones) writes a
synthetic site into a temporary folder (`llmkb synthetic-site`), builds it with the real mkdocs.yml
in a separate process and prints: pages built, Chinese characters of source, build time and time per
100k characters (wall clock, and CPU time of the build and Pagefind, steadier on a shared machine), peak memory of the build process (and of Pagefind, its child), the size of the
search index on disk, and the bytes a cold first query transfers on the 简体 home page (gzip, as in
`llmkb search-benchmark`). Per-100k times that stay flat from the smallest to the largest size mean
the build grows linearly. By default only the 简体 edition is built (--editions all for three).

Example:
    uv run llmkb scale-benchmark
    uv run llmkb scale-benchmark --sizes 0 500 3000 --editions all
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, logging, resource, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from llmkb.build.synthetic import load_config
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
start = time.perf_counter()
config = load_config(Path(sys.argv[1]), Path(sys.argv[2]), editions=sys.argv[3] == "all")
build(config)
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "child_peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 3000], help="synthetic pages per run (default: 0 3000)")
    parser.add_argument("--editions", choices=["zh", "all"], default="zh", help="build the 简体 edition only (default) or all three")
    parser.add_argument("--no-query", action="store_true", help="skip the cold query in Chromium")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where they are")


def directory_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def measure(size: int, editions: str, query: bool, work: Path) -> dict:
    from llmkb.build.run import QUIET_ENV
    from llmkb.build.synthetic import write_site
    from llmkb.paths import ROOT
    from llmkb.text import HAN_RE

    folder, site = work / f"synthetic-{size}", work / f"site-{size}"
    write_site(folder, size)
    characters = sum(len(HAN_RE.findall(path.read_text(encoding="utf-8"))) for path in (folder / "docs").rglob("*.md")
                     if not path.name.endswith(".en.md"))
    result = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(site), editions], cwd=ROOT,
                            env={**os.environ, **QUIET_ENV}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the build of {size} synthetic pages failed:\n{result.stderr[-4000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    pages = sum(1 for _ in site.rglob("index.html")) - sum(1 for _ in (site / "pagefind").rglob("index.html"))
    figures |= {"size": size, "pages": pages, "characters": characters, "index": directory_size(site / "pagefind")}
    if query:
        from llmkb.browser import chromium, serve
        from llmkb.cli.search_benchmark import measure_edition

        with serve(site, compress=True) as base, chromium() as browser:
            figures["cold_bytes"] = measure_edition(browser, base, "zh", [])["cold_bytes"]
    return figures


def run(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="scale-benchmark-"))
    print(f"scale benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, "
          f"editions: {args.editions})")
    print(f"{'synthetic':>9} {'pages':>6} {'Han chars':>10} {'build':>8} {'s/100k':>7} {'CPU':>8} {'CPU/100k':>8} {'peak':>8} "
          f"{'Pagefind':>9} {'index':>9} {'cold query':>10}")
    for size in args.sizes:
        f = measure(size, args.editions, not args.no_query, work)
        cold = f"{f['cold_bytes'] / 1024:.0f} KiB" if "cold_bytes" in f else "-"
        print(f"{f['size']:>9} {f['pages']:>6} {f['characters']:>10,} {f['seconds']:>7.1f}s {f['seconds'] / f['characters'] * 1e5:>7.2f} "
              f"{f['cpu']:>7.1f}s {f['cpu'] / f['characters'] * 1e5:>8.2f} "
              f"{f['peak_kib'] / 1024:>6.0f}MB {f['child_peak_kib'] / 1024:>7.0f}MB {f['index'] / 1024 / 1024:>7.1f}MB {cold:>10}",
              flush=True)
    if args.keep:
        print(f"kept in {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0
