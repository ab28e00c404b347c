"""The build context: what every page hook needs about the site, read and validated once per build.

One build (``mkdocs build``, or one rebuild under ``mkdocs serve``) renders three editions, one
after another in one process. The pages and their front matter, the bibliography and the reference
data are the same for all three, so hooks/build_context.py loads them when the first edition starts
and only sets the edition for the others; every other hook asks ``current()``. Every source check
(llmkb/build/checks.py) runs here, once per build, and all problems are reported together. Every
English page is paired with its Chinese page here too, with whether the Chinese page changed since it
was translated (``translations``, llmkb/model/translations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from llmkb.build.checks import check_site, page_texts  # noqa: F401 - page_texts is used through this module too
from llmkb.errors import ContentErrors
from llmkb.model.bibliography import Bibliography
from llmkb.model.editions import DEFAULT
from llmkb.model.frontmatter import Page
from llmkb.model.questions import QuestionBank
from llmkb.model.refdata import ReferenceData
from llmkb.model.searchwords import SearchWords
from llmkb.model.translations import Translation, translations


@dataclass
class BuildContext:
    docs_dir: Path
    pages: dict[str, Page]  # every Markdown page under docs_dir, by src_uri
    bibliography: Bibliography
    data: ReferenceData
    search_words: SearchWords  # data/search.yaml
    questions: QuestionBank  # data/questions/, the self-test questions
    translations: dict[str, Translation]  # every English page and its Chinese page, by the English src_uri
    edition: str = DEFAULT  # the edition being built (zh, zh-Hant, en)
    # What Python-Markdown made of each Simplified page, for the 繁體 edition (llmkb/build/render_reuse.py).
    rendered: dict[str, object] = field(default_factory=dict)
    # Under `mkdocs serve`: per edition, what its conversions read besides the Markdown (render_reuse.py).
    conversion_settings: dict[str, tuple] = field(default_factory=dict)


_current: BuildContext | None = None


def load(docs_dir: Path) -> BuildContext:
    """Read and check every page, the bibliography and the reference data (llmkb/build/checks.py, the
    same checks as ``llmkb check``); raises ContentErrors with every problem."""
    global _current
    _current = None
    checked = check_site(docs_dir)
    if checked.errors:
        raise ContentErrors(checked.errors)
    _current = BuildContext(docs_dir, checked.pages, checked.bibliography, checked.data, checked.search_words,
                            checked.questions, translations(checked.pages))
    return _current


def current() -> BuildContext:
    if _current is None:
        raise RuntimeError("no build context: hooks/build_context.py must be listed in mkdocs.yml and load it first")
    return _current
