"""Check pages and data the way the build does, in seconds and without building.

Checks front matter (schema, tags, dates), bibliography entries, the reference data in data/, the
search words (data/search.yaml), citation keys, placeholder text, Chinese typography,
abbreviations missing from the glossary, and translations: an English page must list the same
sources as its Chinese page (an error) and is reported as a warning when the Chinese page changed
since it was translated (see `llmkb translations`; warnings do not change the exit status).
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
    translation_errors, warnings = _translation_problems(paths)
    errors.extend(translation_errors)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if errors:
        print(ContentErrors(errors).report(), file=sys.stderr)
        return 1
    stale = f" ({len(warnings)} stale translation(s), see the warnings)" if warnings else ""
    print(f"{len(paths)} page(s), {len(bibliography.entries)} bibliography entries, the reference data and the search words: no problems{stale}")
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


def _translation_problems(paths: list) -> tuple[list, list[str]]:
    """Errors (sources unlike the Chinese page's) and warnings (stale translations) for the checked pages.

    A page is concerned when it or its translation is checked: editing a Chinese page warns about
    the English page it leaves behind.
    """
    from llmkb.errors import ContentErrors
    from llmkb.model.frontmatter import load_pages
    from llmkb.model.translations import stale_translations, stale_warning, translation_errors
    from llmkb.paths import DOCS_DIR

    try:
        pages = load_pages(DOCS_DIR)
    except ContentErrors:
        return [], []  # the page checks report these
    checked = {Path(path).resolve() for path in paths}

    def concerned(*docs) -> bool:
        return any(page.path.resolve() in checked for page in docs)

    errors = [error for error in translation_errors(pages) if Path(error.path).resolve() in checked
              or Path(str(error.path).replace(".en.md", ".md")).resolve() in checked]
    warnings = [stale_warning(item) for item in stale_translations(pages) if concerned(item.english, item.chinese)]
    return errors, warnings
