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


def define_abbreviations_once(page_html: str) -> str:
    """Keep each abbreviation's definition (``title``) on its first occurrence in the page only.

    Repeating a 100-character definition on every occurrence made some pages 15 KB larger (GPT occurs
    52 times on the history page). The later occurrences carry ``data-kb-abbr`` instead, and a short
    script in overrides/main.html copies the definition back before Material sets up its tooltips,
    so every occurrence still shows it; without scripts, screen readers and the index still get the
    first one.
    """
    seen: set[tuple[str, str]] = set()

    def replace(match: re.Match[str]) -> str:
        key = (match.group(2), match.group(1))
        if key in seen:
            return f"<abbr data-kb-abbr>{match.group(2)}</abbr>"
        seen.add(key)
        return match.group(0)

    return _ABBR_RE.sub(replace, page_html)


def without_abbreviations(page_html: str) -> str:
    """The page with every generated ``<abbr>`` unwrapped to its plain text."""
    return _ABBR_RE.sub(lambda match: match.group(2), page_html)
