"""Measure how soon a save shows under `mkdocs serve`: from writing a page to the browser being told to reload.

Starts `mkdocs serve` (one edition, KB_EDITION=zh unless --edition all) on a free local port, waits
for the first build, then saves a page --saves times, each time with one more sentence before its
first section heading, and times each save until the server tells browsers to reload (its log line
"Reloading browsers"): that is file-change detection, the rebuild and the reload signal. Prints each
time, the median and the server's own build times. The page is put back as it was at the end, also
when interrupted. The target in MAINTAINING.md: at most 3 s.

Example:
    uv run llmkb preview-benchmark
    uv run llmkb preview-benchmark --page docs/practice/gpu-memory.md --saves 10
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from llmkb.build.run import QUIET_ENV
from llmkb.paths import ROOT

RELOADED = "Reloading browsers"
BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--page", type=Path, default=Path("docs/theory/scaling-laws.md"),
                        help="the page to save, from the repository root (default: %(default)s)")
    parser.add_argument("--saves", type=int, default=8, help="how many saves to time (default: %(default)s)")
    parser.add_argument("--edition", default="zh", choices=["zh", "zh-Hant", "en", "all"],
                        help="KB_EDITION for the server; all builds every edition (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for any one build (default: %(default)s)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edited(text: str, number: int) -> str:
    """The page with one sentence more before its first section heading (a real edit the checks accept)."""
    return text.replace("\n## ", f"\n预览测试第 {number} 次保存。\n\n## ", 1)


def run(args: argparse.Namespace) -> int:
    page = (ROOT / args.page).resolve()
    original = page.read_text(encoding="utf-8")
    if "\n## " not in original:
        print(f"{args.page} has no section heading to write before; choose another --page")
        return 2
    env = {**os.environ, **QUIET_ENV}
    env.pop("KB_EDITION", None)
    if args.edition != "all":
        env["KB_EDITION"] = args.edition
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        def log_text() -> str:
            log.flush()
            log.seek(0)
            return log.read()

        def wait_for(text: str, seen: int) -> None:
            deadline = time.monotonic() + args.timeout
            while log_text().count(text) <= seen:
                if server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve stopped:\n{log_text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no '{text}' after {args.timeout:.0f} s:\n{log_text()[-3000:]}")
                time.sleep(0.02)

        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        times: list[float] = []
        try:
            wait_for("Serving on", 0)
            print(f"first build and start: {time.perf_counter() - start:.1f} s (KB_EDITION={args.edition})")
            for number in range(1, args.saves + 1):
                time.sleep(1.5)  # let the file watcher settle between saves
                seen = log_text().count(RELOADED)
                saved = time.perf_counter()
                page.write_text(edited(original, number), encoding="utf-8")
                wait_for(RELOADED, seen)
                times.append(time.perf_counter() - saved)
                print(f"save {number}: {times[-1]:.2f} s to reload")
        finally:
            page.write_text(original, encoding="utf-8")
            time.sleep(1.5)  # the server rebuilds the page as it was before it stops
            server.terminate()
            server.wait(timeout=30)
        builds = [float(seconds) for seconds in BUILT_RE.findall(log_text())]
    print(f"median {statistics.median(times):.2f} s, slowest {max(times):.2f} s over {len(times)} saves (target: at most 3 s)")
    if len(builds) > 1:
        print(f"server build times: first {builds[0]:.1f} s, then median {statistics.median(builds[1:]):.2f} s")
    return 0
