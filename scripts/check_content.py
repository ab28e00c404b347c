#!/usr/bin/env python3
"""Check pages and data the way the build and tests do, without building the site.

Checks front matter (schema, tags, dates), bibliography entries, the reference data in data/,
citation keys, placeholder text, Chinese typography and abbreviations missing from the glossary. With no arguments every page under docs/ is checked; otherwise only the
given Markdown files (the bibliography is always checked). Exit status 1 when anything is wrong,
with one line per problem naming the file, the line and the fix.

Example:
    uv run scripts/check_content.py docs/theory/history.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llmkb.bibliography import load_bibliography
from llmkb.citations import check_citations
from llmkb.errors import ContentError, ContentErrors
from llmkb.frontmatter import parse_page
from llmkb.lint import lint_page
from llmkb.glossary import allowed_abbreviations, unexplained_abbreviations
from llmkb.paths import DOCS_DIR
from llmkb.refdata import load_reference_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="Markdown files under docs/ (default: all)")
    args = parser.parse_args(argv)
    paths = args.pages or sorted(DOCS_DIR.rglob("*.md"))
    errors: list[ContentError] = []
    try:
        bibliography = load_bibliography()
        data = load_reference_data()
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    allowed = allowed_abbreviations(data)
    for path in paths:
        try:
            page = parse_page(path)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        errors.extend(check_citations(page, bibliography))
        errors.extend(lint_page(page))
        errors.extend(unexplained_abbreviations(page, data, allowed))
    if errors:
        print(ContentErrors(errors).report(), file=sys.stderr)
        return 1
    print(f"{len(paths)} page(s), {len(bibliography.entries)} bibliography entries and the reference data: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
