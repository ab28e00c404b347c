"""Check pages and data the way the build does, in seconds and without building.

Runs the same checks as the build (llmkb/build/checks.py, one implementation): front matter
(schema, tags, dates), bibliography entries, the reference data in data/, the search words
(data/search.yaml), the self-test questions (data/questions/), citation keys, placeholder text and level-1 headings, Chinese typography,
abbreviations missing from the glossary, <!-- kb:... --> markers, formulas, raw HTML, images,
footnotes, diagram blocks, Traditional characters in Simplified pages, titles used twice, and links,
anchors, images and snippets in the source, and an English page's sources against its Chinese page's.
Only the nav, and anchors that data generates, are left to the build (MkDocs resolves them).
Stale translations (the Chinese page changed since the English page was translated, see `llmkb
translations`) are reported as warnings for the chosen pages or their translations; they do not
change the exit status.
With no arguments every page under docs/ is checked; otherwise only problems in the given Markdown
files are shown (the bibliography and the data are always checked). Exit status 1 when anything is
wrong, with one line per problem naming the file, the line and the fix.

Example:
    uv run llmkb check docs/theory/history.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="*", type=Path, help="Markdown files under docs/ (default: all)")


def run(args: argparse.Namespace) -> int:
    from llmkb.build.checks import check_outside_pages, check_site
    from llmkb.errors import ContentErrors
    from llmkb.model.translations import stale_translations, stale_warning
    from llmkb.paths import DOCS_DIR

    checked = check_site(DOCS_DIR)
    chosen = {path.resolve() for path in args.pages}
    docs = DOCS_DIR.resolve()

    def shown(error) -> bool:
        path = Path(error.path).resolve()
        # Problems in data files always show; page problems only for the chosen pages.
        return not chosen or path in chosen or not path.is_relative_to(docs)

    errors = [error for error in checked.errors if shown(error)]
    errors += check_outside_pages([path for path in chosen if not path.is_relative_to(docs)], checked)
    warnings = [stale_warning(item) for item in stale_translations(checked.pages)
                if not chosen or item.english.path.resolve() in chosen or item.chinese.path.resolve() in chosen]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if errors:
        print(ContentErrors(errors).report(), file=sys.stderr)
        return 1
    count = len(chosen) if chosen else len(checked.pages)
    entries = len(checked.bibliography.entries) if checked.bibliography else 0
    stale = f" ({len(warnings)} stale translation(s), see the warnings)" if warnings else ""
    print(f"{count} page(s), {entries} bibliography entries, the reference data, the search words and the self-test questions: no problems{stale}")
    return 0
