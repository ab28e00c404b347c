"""Freshness report: which pages are overdue for review.

A page is overdue when its front matter `updated` (the day its content was last checked) is more
than --sensitive-days days ago for a time-sensitive page (`time_sensitive: true`: models, prices,
leaderboards), or more than --older-than days ago for any other page. Prints Markdown: first the
overdue pages, oldest first, then every time-sensitive page with its review date; a scheduled
workflow pastes it into its one reminder issue (.github/workflows/freshness.yml).

The first line after the title is always "状态：OVERDUE n" or "状态：OK 0", for scripts.

Exit status: 0 when the report was written (and, with --fail-if-overdue, nothing is overdue);
1 with --fail-if-overdue when a page is overdue; 2 when the pages cannot be read (an error in
front matter) or the arguments are wrong.

Example:
    uv run llmkb freshness                      # report only
    uv run llmkb freshness --fail-if-overdue    # exit 1 when something is due
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

SENSITIVE_DAYS = 90  # a quarter: model lists, prices and leaderboards change faster than that
OTHER_DAYS = 365


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sensitive-days", type=int, default=SENSITIVE_DAYS, metavar="DAYS",
                        help=f"a time-sensitive page is overdue after DAYS days (default {SENSITIVE_DAYS})")
    parser.add_argument("--older-than", type=int, default=OTHER_DAYS, metavar="DAYS",
                        help=f"any other page is overdue after DAYS days (default {OTHER_DAYS})")
    parser.add_argument("--fail-if-overdue", action="store_true", help="exit 1 when any page is overdue")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the day to measure from, YYYY-MM-DD (default: today)")


def overdue_pages(pages, today: dt.date, sensitive_days: int, other_days: int) -> list:
    """Pages past their review interval, oldest review first; a translation has its own `updated`."""
    due = [
        page
        for page in pages
        if (today - page.meta.updated).days > (sensitive_days if page.meta.time_sensitive else other_days)
    ]
    return sorted(due, key=lambda page: (page.meta.updated, page.src_uri))


def run(args: argparse.Namespace) -> int:
    from llmkb.errors import ContentErrors
    from llmkb.model.frontmatter import load_pages

    try:
        pages = sorted(load_pages().values(), key=lambda page: (page.meta.updated, page.src_uri))
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return 2
    overdue = overdue_pages(pages, args.today, args.sensitive_days, args.older_than)
    sensitive = [page for page in pages if page.meta.time_sensitive]

    def row(page) -> str:
        kind = "时效性" if page.meta.time_sensitive else "一般"
        return f"| {page.meta.updated.isoformat()} | {(args.today - page.meta.updated).days} | {kind} | {page.meta.title}（`docs/{page.src_uri}`） |"

    print(f"# 内容核实报告（{args.today.isoformat()}）\n")
    print(f"状态：{'OVERDUE' if overdue else 'OK'} {len(overdue)}\n")
    print(f"时效性页面超过 {args.sensitive_days} 天、其他页面超过 {args.older_than} 天未核实即为过期。"
          "核实完一页后，把它 front matter 中的 `updated` 改成当天日期；内容有改动时，再在 `changes` 中记一笔。\n")
    print(f"## 过期的页面（{len(overdue)} 页，最早核实的在前）\n")
    if overdue:
        print("| 最后核实 | 距今（天） | 类别 | 页面 |\n|---|---|---|---|")
        for page in overdue:
            print(row(page))
    else:
        print("无。")
    print(f"\n## 全部时效性页面（{len(sensitive)} 页）\n")
    print("| 最后核实 | 距今（天） | 类别 | 页面 |\n|---|---|---|---|")
    for page in sensitive:
        print(row(page))

    if args.fail_if_overdue and overdue:
        print(f"\n{len(overdue)} 个页面已过核实期限。", file=sys.stderr)
        return 1
    return 0
