"""Create a new page with valid front matter from templates/page.md.

Example:
    uv run llmkb new-page theory/scaling-laws.md --title "数据量、参数量与 epoch 的平衡" \\
        --tags 训练 --sources kaplan2020scaling hoffmann2022training

The page starts as a skeleton whose paragraphs are marked 【待写】: the content lint fails until
every one is replaced with real text. The script prints the nav line to add to mkdocs.yml and
refuses to overwrite an existing file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from llmkb.model.bibliography import load_bibliography
from llmkb.model.frontmatter import allowed_tags
from llmkb.model.lint import SKELETON_MARK
from llmkb.paths import DOCS_DIR, TEMPLATES_DIR

SLUG_PATH_RE = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="path inside docs/, ASCII kebab-case, e.g. theory/scaling-laws.md")
    parser.add_argument("--title", required=True, help="page title (Chinese), shown as the heading and in the nav")
    parser.add_argument(
        "--description",
        default=None,
        help="one-sentence summary for the meta description and index cards (defaults to a reminder you must replace)",
    )
    parser.add_argument("--tags", nargs="+", required=True, help=f"tags from data/tags.yaml: {', '.join(allowed_tags())}")
    parser.add_argument("--sources", nargs="*", default=[], help="bibliography keys from data/bibliography.yaml")
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    if not SLUG_PATH_RE.match(args.path):
        print(f"error: {args.path!r} is not an ASCII kebab-case path ending in .md (e.g. theory/scaling-laws.md)", file=sys.stderr)
        return 2
    unknown_tags = [tag for tag in args.tags if tag not in allowed_tags()]
    if unknown_tags:
        print(f"error: unknown tag(s) {', '.join(unknown_tags)}; allowed: {', '.join(allowed_tags())}", file=sys.stderr)
        return 2
    bibliography = load_bibliography()
    unknown_keys = [key for key in args.sources if key not in bibliography.entries]
    if unknown_keys:
        print(f"error: unknown bibliography key(s) {', '.join(unknown_keys)}; add them to data/bibliography.yaml first", file=sys.stderr)
        return 2
    target = args.docs_dir / args.path
    if target.exists():
        print(f"error: {target} already exists; not overwriting it", file=sys.stderr)
        return 1
    description = args.description or f"{SKELETON_MARK}用一句话概括《{args.title}》讲什么、为什么重要（40 到 80 个汉字）。"
    text = (TEMPLATES_DIR / "page.md").read_text(encoding="utf-8").format(
        title=args.title,
        description=description,
        tags=", ".join(args.tags),
        today=dt.date.today().isoformat(),
        sources=", ".join(args.sources),
        mark=SKELETON_MARK,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    section = args.path.split("/")[0]
    print(f"created {target}")
    print("next steps:")
    print(f"  1. add it to the nav in mkdocs.yml, under the section for {section}/ (the title comes from front matter):")
    print(f"       - {args.path}")
    print("  2. replace the skeleton text with the real content (see CONTRIBUTING.md)")
    print("  3. check it: uv run llmkb check " + str(Path("docs") / args.path))
    return 0
