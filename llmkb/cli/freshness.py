"""Freshness report: which pages are due for review.

Lists every time-sensitive page (front matter `time_sensitive: true`) by its `updated` date, oldest
first, then every other page whose `updated` date is older than --older-than days. Prints Markdown,
so a scheduled workflow can paste it into a reminder issue.

With --fail-older-than DAYS the exit status is 1 when any time-sensitive page was last reviewed
more than DAYS days ago.

Example:
    uv run llmkb freshness --older-than 180
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--older-than", type=int, default=180, metavar="DAYS", help="also list other pages not reviewed for DAYS days (default 180)")
    parser.add_argument("--fail-older-than", type=int, metavar="DAYS", help="exit 1 if a time-sensitive page is older than DAYS days")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from llmkb.model.frontmatter import load_pages

    pages = sorted(load_pages().values(), key=lambda page: (page.meta.updated, page.src_uri))
    sensitive = [page for page in pages if page.meta.time_sensitive]
    stale = [page for page in pages if not page.meta.time_sensitive and (args.today - page.meta.updated).days > args.older_than]

    print(f"# 内容核实报告（{args.today.isoformat()}）\n")
    print(f"## 时效性页面（{len(sensitive)} 页，最早核实的在前）\n")
    print("| 最后核实 | 距今（天） | 页面 |\n|---|---|---|")
    for page in sensitive:
        print(f"| {page.meta.updated.isoformat()} | {(args.today - page.meta.updated).days} | {page.meta.title}（`docs/{page.src_uri}`） |")
    print(f"\n## 超过 {args.older_than} 天未核实的其他页面（{len(stale)} 页）\n")
    for page in stale:
        print(f"- {page.meta.updated.isoformat()} {page.meta.title}（`docs/{page.src_uri}`）")
    if not stale:
        print("无。")

    if args.fail_older_than is not None:
        overdue = [page for page in sensitive if (args.today - page.meta.updated).days > args.fail_older_than]
        if overdue:
            print(f"\n{len(overdue)} 个时效性页面超过 {args.fail_older_than} 天未核实。", file=sys.stderr)
            return 1
    return 0
