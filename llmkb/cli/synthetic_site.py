"""Write a synthetic site of N pages made from the real ones (for the scale benchmark).

Copies docs/ into FOLDER/docs and adds N pages, each a copy of a real topic page with a numbered
title and its prose varied (sentences swapped with other pages' sentences, sources following the
citations), so the site keeps the real features: formulas, tables, data markers, citations and
glossary terms. Writes FOLDER/nav.yml, the real navigation plus a part 合成 in groups of 100 pages.
The same N and --seed give the same files. `llmkb scale-benchmark` builds such sites and measures them.

Example:
    uv run llmkb synthetic-site /tmp/kb-3000 --pages 3000
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="where to write docs/ and nav.yml (docs/ is replaced)")
    parser.add_argument("--pages", type=int, default=3000, help="synthetic pages to add to the real ones (default: 3000)")
    parser.add_argument("--seed", type=int, default=21, help="seed of the text variation (default: 21)")


def run(args: argparse.Namespace) -> int:
    from llmkb.build.synthetic import write_site

    write_site(args.folder, args.pages, args.seed)
    total = sum(1 for _ in (args.folder / "docs").rglob("*.md"))
    print(f"wrote {args.folder / 'docs'} ({total} Markdown files, {args.pages} synthetic) and {args.folder / 'nav.yml'}")
    return 0
