"""List English pages whose Chinese page changed since they were translated; mark a page as in step.

Each English page records in its front matter `translated_from`: a hash of its Chinese page's title,
description and body (not `updated`, `tags`, `sources` or `time_sensitive`; see
llmkb/model/translations.py). When the Chinese text changes, the hash no longer matches: the English
page is stale, the build shows a notice on it linking the Chinese page, `llmkb check` warns about it,
and this command lists it. Staleness never fails the build or CI (see CONTRIBUTING.md).

After bringing a translation up to date with its Chinese page, record that with --mark, which writes
the current hash into the English page's front matter.

Exit status 0, also when pages are stale; with --fail-if-stale, 1 when any page is stale.

Examples:
    uv run llmkb translations                                  # every stale translation and what changed
    uv run llmkb translations --mark docs/theory/bpe.en.md     # after updating the translation
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from llmkb.paths import DOCS_DIR

    parser.add_argument("--mark", nargs="+", type=Path, metavar="PAGE.en.md",
                        help="record that these English pages translate their Chinese pages as they are now")
    parser.add_argument("--fail-if-stale", action="store_true", help="exit 1 when any translation is stale")
    parser.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from llmkb.errors import ContentErrors
    from llmkb.model.frontmatter import load_pages
    from llmkb.model.translations import mark, stale_translations, translations

    if args.mark:
        status = 0
        for path in args.mark:
            try:
                value = mark(path, args.docs_dir)
            except (ValueError, ContentErrors) as exc:
                print(f"error: {exc}", file=sys.stderr)
                status = 1
                continue
            print(f"{path}: translated_from: \"{value}\"")
        return status

    try:
        pages = load_pages(args.docs_dir)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    stale = stale_translations(pages)
    total = len(translations(pages))
    if not stale:
        print(f"{total} translations, all in step with their Chinese pages")
        return 0
    print(f"{len(stale)} of {total} translations are stale (the Chinese page changed since):\n")
    print("| English page | Chinese page | Chinese page updated | recorded | now |\n|---|---|---|---|---|")
    for item in stale:
        print(f"| docs/{item.english.src_uri} | docs/{item.chinese.src_uri} | {item.chinese.meta.updated.isoformat()} "
              f"| {item.english.meta.translated_from} | {item.current_hash} |")
    print("\nSee what changed: git log -p -- <Chinese page>. After updating a translation: "
          "uv run llmkb translations --mark <English page>")
    return 1 if args.fail_if_stale else 0
