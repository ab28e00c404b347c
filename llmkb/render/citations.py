"""Inline citations ``[@key]`` and each page's generated 参考文献 section."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.bibliography import Bibliography
from llmkb.model.editions import DEFAULT, label, normalized_uri
from llmkb.model.frontmatter import Page
from llmkb.model.urls import relative_page_url
from llmkb.text import map_prose

CITATION_RE = re.compile(r"\[@([A-Za-z0-9_-]+)\]")
REFERENCES_ID = "references"
CITE_ID = "cite-{key}"  # the first place a page cites a source


def cited_keys(page: Page) -> list[tuple[str, int]]:
    """Inline citation keys in order, with the line number of each in the source file."""
    return list(_cited_keys(page.body, page.body_first_line))


@lru_cache(maxsize=512)  # every page's keys are read by the checks and by each bibliography page
def _cited_keys(body: str, first_line: int) -> tuple[tuple[str, int], ...]:
    found: list[tuple[str, int]] = []

    def collect(text: str, line: int) -> str:
        for match in CITATION_RE.finditer(text):
            found.append((match.group(1), line + text.count("\n", 0, match.start())))
        return text

    map_prose(body, collect, first_line=first_line)
    return tuple(found)


def check_citations(page: Page, bibliography: Bibliography) -> list[ContentError]:
    """Every key in sources and inline must exist; every inline key must also be listed in sources."""
    errors = bibliography.check_keys(page.meta.sources, page.path, page.field_lines.get("sources"), "'sources'")
    listed = set(page.meta.sources)
    for key, line in cited_keys(page):
        if key not in listed:
            if key in bibliography.entries:
                errors.append(
                    ContentError(page.path, f"inline citation [@{key}] is not listed in 'sources'", f"add {key} to the page's sources", line)
                )
            else:
                errors.extend(bibliography.check_keys([key], page.path, line, "an inline citation"))
    return errors


def render_citations(markdown: str, page: Page, bibliography: Bibliography) -> str:
    """Replace ``[@key]`` with numbered links and append the references list built from ``sources``.

    The keys the author wrote are checked with the whole site (check_citations, in the build context);
    keys that generated content adds are checked here.
    """
    # Number in order of appearance in the Markdown as rendered, which includes citations that
    # data tables add (their keys are checked against the bibliography with the data).
    order: list[str] = []
    map_prose(markdown, lambda text, _line: order.extend(CITATION_RE.findall(text)) or text)
    unknown = [key for key in order if key not in bibliography.entries]
    if unknown:
        raise ContentErrors(bibliography.check_keys(unknown, page.path, None, "generated content"))
    numbering: dict[str, int] = {}
    for key in order + page.meta.sources:
        numbering.setdefault(key, len(numbering) + 1)

    first: set[str] = set()

    def link(match: re.Match[str]) -> str:
        key = match.group(1)
        name = label("reference_n", page.language, n=numbering[key])
        # The first citation of a source carries an id: the bibliography page links back to it.
        anchor = "" if key in first else f' id="{CITE_ID.format(key=key)}"'
        first.add(key)
        # A name for screen readers, not a tooltip: "[1]" on screen already says what a tooltip would.
        return f'<sup class="kb-cite"{anchor}><a href="#ref-{key}" aria-label="{name}">[{numbering[key]}]</a></sup>'

    body = map_prose(markdown, lambda text, _line: CITATION_RE.sub(link, text))
    if not numbering:
        return body
    items = "\n".join(
        f'<li id="ref-{key}" value="{number}">{bibliography.entries[key].to_html(page.language)}</li>'
        for key, number in numbering.items()
    )
    references = (
        f"\n\n## {label('references', page.language)} {{#{REFERENCES_ID}}}\n\n"
        f'<ol class="kb-references">\n{items}\n</ol>\n'
    )
    return body.rstrip() + references


def citing_pages(pages: dict[str, Page]) -> dict[str, list[Page]]:
    """For each bibliography key, the pages that list it, in path order."""
    result: dict[str, list[Page]] = {}
    for page in pages.values():
        for key in page.meta.sources:
            result.setdefault(key, []).append(page)
    return result


BIBLIOGRAPHY_CHUNK = 25


def bibliography_html(bibliography: Bibliography, pages: dict[str, Page], from_uri: str, language: str = DEFAULT) -> str:
    """The whole bibliography as a list, each entry with links back to the pages citing it.

    Back-links go to the pages written in the bibliography page's language.
    """
    citing = citing_pages({uri: page for uri, page in pages.items() if page.language == language})
    inline = {uri: {key for key, _ in cited_keys(page)} for uri, page in pages.items() if page.language == language}
    items = []
    # Keys start with the first author's family name and the year, so key order is author-year order.
    for key, entry in sorted(bibliography.entries.items()):
        backlinks = ""
        if key in citing:
            def place(p: Page) -> str:
                # Where the page cites the source in its text, else its entry in the page's reference list.
                anchor = CITE_ID.format(key=key) if key in inline[p.src_uri] else f"ref-{key}"
                return f"{relative_page_url(normalized_uri(p.src_uri), normalized_uri(from_uri))}#{anchor}"

            links = label("list_separator", language).join(
                f'<a href="{html.escape(place(p))}">{html.escape(p.meta.title)}</a>' for p in citing[key]
            )
            backlinks = f'<br><span class="kb-cited-by">{label("cited_by", language)} {links}</span>'
        items.append(f'<li id="bib-{key}">{entry.to_html(language)}{backlinks}</li>')
    # Lists of BIBLIOGRAPHY_CHUNK entries: a browser lays out each list only when it scrolls near
    # (content-visibility in site.css), where one list of 600 entries cost a phone about a second.
    chunks = ['<ul class="kb-bibliography">\n' + "\n".join(items[start:start + BIBLIOGRAPHY_CHUNK]) + "\n</ul>"
              for start in range(0, len(items), BIBLIOGRAPHY_CHUNK)]
    return '<div class="kb-bibliography-list">\n' + "\n".join(chunks) + "\n</div>\n"
