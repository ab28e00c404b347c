"""Check pages and data the way the build does, in seconds and without building.

Checks front matter (schema, tags, dates), bibliography entries, the reference data in data/, the
search words (data/search.yaml), the self-test questions (data/questions/), citation keys, placeholder text, Chinese typography and
abbreviations missing from the glossary.
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
    errors.extend(_search_word_errors())
    errors.extend(_question_errors())
    if errors:
        print(ContentErrors(errors).report(), file=sys.stderr)
        return 1
    print(f"{len(paths)} page(s), {len(bibliography.entries)} bibliography entries, the reference data, the search words and the self-test questions: no problems")
    return 0


def _search_word_errors() -> list:
    """data/search.yaml, checked against every page (a word must lead to something the pages say)."""
    from llmkb.build.context import page_texts
    from llmkb.errors import ContentErrors
    from llmkb.model.frontmatter import load_pages
    from llmkb.model.searchwords import parse_search_words, unused_words
    from llmkb.paths import DOCS_DIR

    try:
        words = parse_search_words()
    except ContentErrors as exc:
        return exc.errors
    try:
        pages = load_pages(DOCS_DIR)
    except ContentErrors:
        return []  # the page checks report these
    return unused_words(words, page_texts(pages))


def _question_errors() -> list:
    """data/questions/: every question valid, its page and section real, every content page with its questions."""
    from llmkb.errors import ContentErrors
    from llmkb.model.frontmatter import load_pages
    from llmkb.model.questions import check_against_pages, parse_questions
    from llmkb.paths import DOCS_DIR

    bank, errors = parse_questions()
    try:
        pages = load_pages(DOCS_DIR)
    except ContentErrors:
        return errors  # the page checks report these
    return errors + check_against_pages(bank, pages)
