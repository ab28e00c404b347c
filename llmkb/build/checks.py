"""Every check of the site's source, in one place: the build (hooks/build_context.py) and
``llmkb check`` run this same function, so the two can never disagree.

Reads every page, the bibliography, the reference data, the search words and the self-test questions, then checks each page:
citations, placeholders and headings, Chinese typography, abbreviations, markers (by expanding them),
formulas (by converting them), raw HTML, images, footnotes, diagram blocks, Traditional characters
in Simplified pages, and titles used twice. Everything found is returned together, so one run shows
every problem with its file, line and fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from llmkb.build import preview
from llmkb.errors import ContentError, ContentErrors
from llmkb.model.bibliography import Bibliography, load_bibliography
from llmkb.model.editions import DEFAULT, ENGLISH
from llmkb.model import frontmatter
from llmkb.model.frontmatter import Page
from llmkb.model.lint import allowed_abbreviations, lint_page, unexplained_abbreviations
from llmkb.model.links import link_errors
from llmkb.model.markup import markup_errors, prose_lines
from llmkb.model.questions import QuestionBank, check_against_pages, parse_questions
from llmkb.model.refdata import ReferenceData, load_reference_data
from llmkb.model.searchwords import SearchWords, parse_search_words, unused_words
from llmkb.model.translations import translation_errors
from llmkb.paths import DOCS_DIR
from llmkb.render.citations import check_citations
from llmkb.render.hant import traditional_in_simplified
from llmkb.render.mathml import MathError, tex_to_mathml
from llmkb.render.shortcodes import Context, marker_errors
from llmkb.text import HAN_RE, math_spans


@dataclass
class SiteCheck:
    """What was read (None where a file could not be read) and every problem found."""

    pages: dict[str, Page]
    bibliography: Bibliography | None
    data: ReferenceData | None
    search_words: SearchWords | None
    questions: QuestionBank = field(default_factory=lambda: QuestionBank({}, {}))
    errors: list[ContentError] = field(default_factory=list)


def _loaded(loader, errors: list[ContentError]):
    try:
        return loader()
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return None


def check_site(docs_dir: Path) -> SiteCheck:
    """Read and check everything; never raises for bad content (the errors are in the result)."""
    errors: list[ContentError] = []
    pages, page_errors = frontmatter.read_pages(docs_dir)
    errors.extend(page_errors)
    bibliography = _loaded(load_bibliography, errors)
    data = _loaded(load_reference_data, errors) if bibliography else None
    search_words = _loaded(parse_search_words, errors)
    allowed = allowed_abbreviations(data) if data else set()
    # The search words and the questions are about this site's pages; a fixture site built from a few
    # test pages has none of them.
    real_site = docs_dir.resolve() == DOCS_DIR.resolve()
    questions = QuestionBank({}, {})
    if real_site:
        questions, question_errors = parse_questions()
        errors.extend(question_errors + check_against_pages(questions, pages))
    for page in pages.values():
        errors.extend(page_check(page, pages, bibliography, data, allowed, docs_dir, questions))
    errors.extend(duplicate_titles(pages))
    errors.extend(translation_errors(pages))  # an English page lists its Chinese page's sources
    if real_site and search_words and not page_errors:
        errors.extend(unused_words(search_words, page_texts(pages)))
    return SiteCheck(pages, bibliography, data, search_words, questions, errors)


def check_outside_pages(paths: list[Path], site: SiteCheck) -> list[ContentError]:
    """Pages outside docs/ (a draft elsewhere), checked against the site's data like any page."""
    errors: list[ContentError] = []
    allowed = allowed_abbreviations(site.data) if site.data else set()
    for path in paths:
        try:
            page = frontmatter.parse_page(path, path.parent)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        errors.extend(page_check(page, site.pages, site.bibliography, site.data, allowed, path.parent))
    return errors


def page_texts(pages: dict[str, Page]) -> dict[str, str]:
    """All titles, descriptions and bodies per source language (zh, en): what each search index holds."""
    texts: dict[str, list[str]] = {}
    for page in pages.values():
        texts.setdefault(page.language, []).extend([page.meta.title, page.meta.description, page.body])
    return {language: "\n".join(parts) for language, parts in texts.items()}


def page_check(
    page: Page, pages: dict[str, Page], bibliography: Bibliography | None, data: ReferenceData | None, allowed: set[str],
    docs_dir: Path, questions: QuestionBank | None = None,
) -> list[ContentError]:
    """Every check of one page's source, sorted by line."""
    errors = own_errors(page, bibliography, data, allowed) + link_errors(page, pages, docs_dir)
    if bibliography and data:
        context = Context(page.src_uri, [], pages, bibliography, data, language=page.language, edition=DEFAULT,
                          questions=questions or QuestionBank({}, {}))
        errors += marker_errors(page.body, context, page.path, page.body_first_line)
    return sorted(errors, key=lambda error: error.line or 0)


def own_errors(page: Page, bibliography: Bibliography | None, data: ReferenceData | None, allowed: set[str]) -> list[ContentError]:
    """The checks that read only the page and the data folder (not other pages): under ``mkdocs serve``
    kept from the previous rebuild while the page's text and the data folder are unchanged."""
    if not preview.active():
        return _own_errors(page, bibliography, data, allowed)
    key = (str(page.path), page.src_uri, page.body, page.body_first_line, repr(page.meta), repr(page.field_lines),
           bibliography is not None, data is not None, preview.data_stamps())
    return list(preview.remembered("page checks", key, lambda: _own_errors(page, bibliography, data, allowed)))


def _own_errors(page: Page, bibliography: Bibliography | None, data: ReferenceData | None, allowed: set[str]) -> list[ContentError]:
    errors = lint_page(page) + markup_errors(page) + formula_errors(page)
    if page.language != ENGLISH:
        errors += traditional_errors(page)
    if bibliography:
        errors += check_citations(page, bibliography)
    if bibliography and data:
        errors += unexplained_abbreviations(page, data, allowed)
    return errors


def formula_errors(page: Page) -> list[ContentError]:
    """Every formula converted as the build converts it (cached, so the build does not pay twice)."""
    errors = []
    for tex, display, line in math_spans(page.body, page.body_first_line):
        try:
            tex_to_mathml(tex, display)
        except MathError as exc:
            errors.append(ContentError(page.path, f"{exc.problem} in ${tex.strip()}$", exc.fix, line))
        if page.language == ENGLISH and HAN_RE.search(tex):
            errors.append(ContentError(page.path, f"Chinese in a formula of an English page: ${tex.strip()}$",
                                       r"translate the words in \text{…} (subscripts too): readers of the English edition see the formula as written", line))
    return errors


# Names written in Traditional characters on purpose: the edition's own name.
TRADITIONAL_NAMES = ("繁體中文", "繁體")


def traditional_errors(page: Page) -> list[ContentError]:
    """Traditional-only characters in a Simplified page, outside code, math, text marked lang="zh-Hant"
    and the names in TRADITIONAL_NAMES."""
    errors = []
    lines = prose_lines(page)
    for name in TRADITIONAL_NAMES:
        lines = [(line, text.replace(name, " " * len(name))) for line, text in lines]
    if not traditional_in_simplified("\n".join(text for _, text in lines)):  # one OpenCC pass for a clean page
        return errors
    for line, text in lines:
        found = traditional_in_simplified(text)
        if found:
            errors.append(
                ContentError(
                    page.path,
                    f"Traditional characters in a Simplified page: {' '.join(sorted(found))}",
                    "write the Simplified form (the 繁體 edition is converted from it); to quote Traditional text, "
                    'mark it: <span lang="zh-Hant">…</span>',
                    line,
                )
            )
    return errors


def duplicate_titles(pages: dict[str, Page]) -> list[ContentError]:
    """Two pages of one language with the same title: readers cannot tell them apart in nav and search."""
    errors = []
    seen: dict[tuple[str, str], Page] = {}
    for page in pages.values():
        key = (page.language, page.meta.title.strip().casefold())
        first = seen.setdefault(key, page)
        if first is not page:
            errors.append(
                ContentError(
                    page.path,
                    f"title '{page.meta.title}' is also the title of {first.src_uri}",
                    "give each page its own title (say what distinguishes this page)",
                    page.field_lines.get("title"),
                )
            )
    return errors
