"""Search with Pagefind: what each page adds to the index, and how the index is built.

Pagefind indexes the built HTML. Each page carries, inside its article, a block the reader never
sees: its part of the site as a filter, its description as metadata (shown as the excerpt when a
query matches the title), and the names of glossary terms the page explains, so that a Chinese name
finds the page about the English term and the other way round.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from pathlib import Path

import icu

from llmkb.refdata import ReferenceData

CJK_RE = re.compile(r"[\u3400-\u9fff]")

# Parts of the site, by top-level folder, offered as search filters. Filter values are these ids;
# the search box shows them with the labels section_<id> (data/labels.yaml).
SECTIONS = ("theory", "practice", "applications", "reference")

# The article only; permalink symbols, page status and each page's reference list stay out.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".kb-reviewed", ".kb-references", ".kb-cite", ".md-source-file"]
FILTER_NAME = "section"


def section_of(src_uri: str) -> str:
    top = src_uri.split("/", 1)[0]
    return top if top in SECTIONS else "home"


def query_forms(text: str) -> str:
    """A name as the browser will cut a query for it, so that the index contains those words.

    Pagefind segments Chinese queries in the browser with Intl.Segmenter (ICU) but segments the
    indexed text with its own dictionary; the two disagree (显存 becomes 显 + 存 in the query). The
    index therefore also gets each name cut by ICU (the same library and version family as
    Chromium's) and cut into single characters, which ICU produces for words it does not know.
    """
    if not CJK_RE.search(text):
        return text
    breaker = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    breaker.setText(text)
    words, start = [], breaker.first()
    for end in breaker:
        words.append(text[start:end])
        start = end
    icu_words = " ".join(word for word in words if word.strip())
    characters = " ".join(CJK_RE.findall(text))
    return f"{text} {icu_words} {characters}"


def aliases_for(src_uri: str, data: ReferenceData, language: str = "zh") -> list[str]:
    """Every name of every glossary term whose explaining page is this page (English names only on English pages)."""
    names: list[str] = []
    for term in data.glossary.values():
        if term.page.split("#", 1)[0] == src_uri:
            if language == "en":
                names += [term.en, *([term.abbr] if term.abbr else [])]
            else:
                names += [term.zh, term.en, *([term.abbr] if term.abbr else []), *term.aliases]
    return list(dict.fromkeys(names))


def search_markup(src_uri: str, title: str, description: str, data: ReferenceData, language: str = "zh") -> str:
    """Hidden HTML appended to a page's content for the index (filter, excerpt, title and glossary aliases)."""
    parts = [
        f'<div class="kb-search-data" hidden data-pagefind-ignore>'
        f'<span data-pagefind-filter="{FILTER_NAME}">{html.escape(section_of(src_uri))}</span>'
        f'<span data-pagefind-meta="description">{html.escape(description)}</span></div>'
    ]
    names = [title, *aliases_for(src_uri, data, language)]
    # Indexed (not ignored) but never displayed; weighted like a heading.
    text = " · ".join(query_forms(name) for name in names)
    parts.append(f'<div class="kb-search-aliases" hidden data-pagefind-weight="7">{html.escape(text)}</div>')
    return "\n".join(parts)


def build_index(site_dir: Path) -> float:
    """Run Pagefind (extended, with Chinese segmentation) over the built site; returns seconds taken."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start
