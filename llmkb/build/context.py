"""The build context: what every page hook needs about the site, read and validated once per build.

One build (``mkdocs build``, or one rebuild under ``mkdocs serve``) renders three editions, one
after another in one process. The pages and their front matter, the bibliography and the reference
data are the same for all three, so hooks/build_context.py loads them when the first edition starts
and only sets the edition for the others; every other hook asks ``current()``. Citations are checked
here, once, for every page, and so is every translation: its sources must be its Chinese page's,
and whether the Chinese page changed since it was translated (``translations``, llmkb/model/translations.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llmkb.errors import ContentErrors
from llmkb.model import frontmatter
from llmkb.model.bibliography import Bibliography, load_bibliography
from llmkb.model.editions import DEFAULT
from llmkb.model.frontmatter import Page
from llmkb.model.refdata import ReferenceData, load_reference_data
from llmkb.model.searchwords import SearchWords, parse_search_words
from llmkb.model.translations import Translation, translation_errors, translations
from llmkb.render.citations import check_citations


@dataclass
class BuildContext:
    docs_dir: Path
    pages: dict[str, Page]  # every Markdown page under docs_dir, by src_uri
    bibliography: Bibliography
    data: ReferenceData
    search_words: SearchWords  # data/search.yaml
    translations: dict[str, Translation]  # every English page and its Chinese page, by the English src_uri
    edition: str = DEFAULT  # the edition being built (zh, zh-Hant, en)


_current: BuildContext | None = None


def load(docs_dir: Path) -> BuildContext:
    """Read and validate every page, the bibliography and the reference data; raises ContentErrors with every problem."""
    global _current
    _current = None
    pages = frontmatter.load_pages(docs_dir)
    bibliography = load_bibliography()
    data = load_reference_data()
    search_words = parse_search_words()
    errors = [error for page in pages.values() for error in check_citations(page, bibliography)]
    errors += translation_errors(pages)
    if errors:
        raise ContentErrors(errors)
    _current = BuildContext(docs_dir, pages, bibliography, data, search_words, translations(pages))
    return _current


def page_texts(pages: dict[str, Page]) -> dict[str, str]:
    """All titles, descriptions and bodies per source language (zh, en): what each search index holds."""
    texts: dict[str, list[str]] = {}
    for page in pages.values():
        texts.setdefault(page.language, []).extend([page.meta.title, page.meta.description, page.body])
    return {language: "\n".join(parts) for language, parts in texts.items()}


def current() -> BuildContext:
    if _current is None:
        raise RuntimeError("no build context: hooks/build_context.py must be listed in mkdocs.yml and load it first")
    return _current
