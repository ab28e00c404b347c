"""The glossary as abbreviation tooltips, and the check that every abbreviation in the content has one."""

from __future__ import annotations

import re

from llmkb.errors import ContentError
from llmkb.frontmatter import Page
from llmkb.markdown_text import map_prose
from llmkb.refdata import ReferenceData

# An abbreviation in prose: two or more capitals/digits, at least two capitals, standing alone.
ABBREVIATION_RE = re.compile(r"(?<![A-Za-z0-9_./@#-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(?![A-Za-z0-9_])")
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}")


def tooltip_text(term, language: str = "zh") -> str:
    if language == "en":
        return f"{term.en}: {term.t('definition', language)}"
    return f"{term.zh}（{term.en}）：{term.definition}"


def abbreviation_glossary(data: ReferenceData, language: str = "zh") -> dict[str, str]:
    """Tooltip text for every glossary abbreviation that should get one (the `abbr` extension's glossary)."""
    return {term.abbr: tooltip_text(term, language) for term in data.glossary.values() if term.abbr and term.tooltip}


def abbreviations_in(page: Page) -> list[tuple[str, int]]:
    """Abbreviation-like words in the page's prose (not code, math, link targets or HTML tags), with lines."""
    found: list[tuple[str, int]] = []

    def collect(text: str, first_line: int) -> str:
        cleaned = LINK_TARGET_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for match in ABBREVIATION_RE.finditer(cleaned):
            found.append((match.group(1), first_line + cleaned.count("\n", 0, match.start())))
        return text

    map_prose(page.body, collect, first_line=page.body_first_line)
    return found


def unexplained_abbreviations(page: Page, data: ReferenceData, allowed: set[str]) -> list[ContentError]:
    """Abbreviations on the page that are neither in the glossary nor on the allowed list."""
    known = {term.abbr for term in data.glossary.values() if term.abbr} | allowed
    errors: list[ContentError] = []
    reported: set[str] = set()
    for word, line in abbreviations_in(page):
        if word not in known and word not in reported:
            reported.add(word)
            errors.append(
                ContentError(
                    page.path,
                    f"abbreviation '{word}' is not in the glossary",
                    "add a term with this 'abbr' to data/glossary.yaml, or, if it needs no explanation "
                    "(a product or model name, a unit), add it to data/abbreviations-allowed.yaml",
                    line,
                )
            )
    return errors


def allowed_abbreviations(data: ReferenceData) -> set[str]:
    """Capitalised words that need no glossary entry: the allow list plus benchmark names."""
    from llmkb.paths import DATA_DIR
    from llmkb.yamlfile import load_yaml_file

    raw, _ = load_yaml_file(DATA_DIR / "abbreviations-allowed.yaml")
    words = {word for group in raw.values() for word in group}
    words |= {part for bench in data.benchmarks.values() for part in re.findall(r"[A-Z][A-Z0-9]+", bench.name)}
    return words


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
