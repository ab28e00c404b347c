"""Check pages and data the way the build does, in seconds and without building.

Checks front matter (schema, tags, dates), bibliography entries, the reference data in data/,
citation keys, placeholder text, Chinese typography and abbreviations missing from the glossary.
With no arguments every page under docs/ is checked; otherwise only the given Markdown files (the
bibliography and the data are always checked). Exit status 1 when anything is wrong, with one line
per problem naming the file, the line and the fix.

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
    from llmkb.errors import ContentError, ContentErrors
    from llmkb.model.bibliography import load_bibliography
    from llmkb.model.frontmatter import parse_page
    from llmkb.model.lint import allowed_abbreviations, lint_page, unexplained_abbreviations
    from llmkb.model.refdata import load_reference_data
    from llmkb.paths import DOCS_DIR
    from llmkb.render.citations import check_citations

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
