"""The glossary as abbreviation tooltips: definitions for the ``abbr`` extension, each kept once per page."""

from __future__ import annotations

import re

from llmkb.model.editions import DEFAULT, ENGLISH
from llmkb.model.refdata import ReferenceData

# The glossary page itself spells out every definition next to the term: tooltips there would only
# repeat them (and its 300-odd abbreviations cost 15 KB of HTML and a tooltip component each).
GLOSSARY_MARKER = "<!-- kb:glossary -->"


def tooltip_text(term, language: str = DEFAULT) -> str:
    if language == ENGLISH:
        return f"{term.en}: {term.t('definition', language)}"
    return f"{term.zh}（{term.en}）：{term.definition}"


def abbreviation_glossary(data: ReferenceData, language: str = DEFAULT) -> dict[str, str]:
    """Tooltip text for every glossary abbreviation that should get one (the `abbr` extension's glossary)."""
    return {term.abbr: tooltip_text(term, language) for term in data.glossary.values() if term.abbr and term.tooltip}


_ABBR_RE = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')


# Where an abbreviation is never marked: headings and table headers (the marking would compete with
# what they announce). Matched whole, so the abbreviations inside are unwrapped.
_NEVER_MARKED_RE = re.compile(r"<(h[1-6]|th)\b[^>]*>.*?</\1>", re.S)
_SECTION_RE = re.compile(r"(?=<h2\b)")


def mark_abbreviations(page_html: str) -> str:
    """Mark each abbreviation once per h2 section, never in headings or table headers; the rest is plain text.

    Marking every occurrence underlined GPT 50 times on a page and put dotted lines into headings and
    table headers. Now the first occurrence in each section keeps the tooltip (hover, tap, and
    keyboard focus: it gets ``tabindex="0"``), which is where a reader meets the term. The definition
    (``title``) is written on the first occurrence in the page only: a 100-character definition repeated per section would make pages
    larger, so the others carry ``data-kb-abbr`` and docs/assets/javascripts/abbreviations.js copies
    the definition to them before Material sets up its tooltips.
    """
    page_html = _NEVER_MARKED_RE.sub(lambda match: without_abbreviations(match.group(0)), page_html)
    defined: set[tuple[str, str]] = set()
    sections = []
    for section in _SECTION_RE.split(page_html):
        marked: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            title, word = match.group(1), match.group(2)
            if word in marked:
                return word
            marked.add(word)
            # Focusable, so the tooltip opens for keyboard readers too (Material shows it on focus).
            if (word, title) in defined:
                return f'<abbr data-kb-abbr tabindex="0">{word}</abbr>'
            defined.add((word, title))
            return f'<abbr title="{title}" tabindex="0">{word}</abbr>'

        sections.append(_ABBR_RE.sub(replace, section))
    return "".join(sections)


def without_abbreviations(page_html: str) -> str:
    """The page with every generated ``<abbr>`` unwrapped to its plain text."""
    return _ABBR_RE.sub(lambda match: match.group(2), page_html)
