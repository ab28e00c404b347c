"""Content lint: what a reader must never see (placeholders), Chinese typography rules, and
abbreviations without a glossary entry.

Typography uses autocorrect (a maintained CJK copywriting linter): a space between Chinese and
Latin letters or digits, full-width punctuation in Chinese sentences.
"""

from __future__ import annotations

import re

import autocorrect_py

from llmkb.errors import ContentError, excerpt
from llmkb.model.editions import ENGLISH
from llmkb.model.frontmatter import Page
from llmkb.model.refdata import ReferenceData
from llmkb.model.yamlfile import load_yaml_file
from llmkb.paths import DATA_DIR
from llmkb.text import HAN, blank_fenced_code, map_prose

# An abbreviation in prose: two or more capitals/digits, at least two capitals, standing alone.
ABBREVIATION_RE = re.compile(r"(?<![A-Za-z0-9_./@#-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(?![A-Za-z0-9_])")
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}")
ALLOWED_ABBREVIATIONS_FILE = DATA_DIR / "abbreviations-allowed.yaml"

# Paragraphs of the page skeleton (templates/page.md) start with this mark until they are written.
SKELETON_MARK = "【待写】"
PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])(?:TODO|TBD|FIXME|XXX)(?![A-Za-z])|待补充|待完善|待定|占位|lorem ipsum|coming soon|" + re.escape(SKELETON_MARK), re.I
)
H1_RE = re.compile(r"^# \S", re.M)


def placeholder_errors(page: Page) -> list[ContentError]:
    errors: list[ContentError] = []

    def scan(text: str, first_line: int) -> str:
        for match in PLACEHOLDER_RE.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            errors.append(
                ContentError(page.path, f"placeholder text '{match.group(0)}'", "write the real content or remove the sentence", line)
            )
        for match in H1_RE.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            errors.append(
                ContentError(page.path, "level-1 heading in the body", "the title comes from front matter 'title': start sections at '##'", line)
            )
        return text

    map_prose(page.body, scan, first_line=page.body_first_line)
    for field in ("title", "description"):
        match = PLACEHOLDER_RE.search(getattr(page.meta, field))
        if match:
            errors.append(
                ContentError(page.path, f"placeholder text '{match.group(0)}' in '{field}'", f"write the real {field}", page.field_lines.get(field))
            )
    return errors


# autocorrect's parser gives up ("call limit reached") on very large input: the body is linted in
# pieces of at most this many characters, split at blank lines (at line ends, or anywhere, for one huge
# paragraph or line).
LINT_PIECE = 20_000


def _pieces(text: str, limit: int = LINT_PIECE) -> list[tuple[int, str]]:
    """(line offset, text) pieces of at most ``limit`` characters, cut at paragraph or line ends."""
    pieces: list[tuple[int, str]] = []
    start, line = 0, 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            cut = cut if cut > start else text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        piece = text[start:end]
        pieces.append((line, piece))
        line += piece.count("\n")
        start = end
    return pieces


def typography_errors(page: Page) -> list[ContentError]:
    """autocorrect's findings for the page body; code blocks are skipped (autocorrect lints ```text)."""
    errors = []
    for line_offset, piece in _pieces(blank_fenced_code(page.body)):
        result = autocorrect_py.lint_for(piece, page.path.name)
        errors += [
            ContentError(
                page.path,
                f"Chinese typography: {excerpt(repr(item.old.strip()))}",
                f"write {excerpt(repr(item.new.strip()))} (space between Chinese and Latin/digits, full-width punctuation in Chinese)",
                item.line + page.body_first_line - 1 + line_offset,
            )
            for item in result.lines
        ]
    return errors + link_spacing_errors(page)


# autocorrect reads a link as a unit of its own, so 见[LLM 构建流程](…) passes, yet readers see "见LLM 构建流程".
LINK_SPACING_RE = re.compile(rf"(?P<before>[{HAN}])\[(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])\](?P<target>\([^)\s]*\))(?P<after>[{HAN}])")


def link_spacing_errors(page: Page) -> list[ContentError]:
    """A link whose text starts (or ends) with Latin letters or digits, touching Chinese text outside it."""
    errors = []

    def scan(text: str, first_line: int) -> str:
        for match in LINK_SPACING_RE.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            if match.group("before"):
                old, new = text[match.start():match.end() + 12], match.group("before") + " " + text[match.start() + 1:match.end() + 12]
            else:
                start = max(0, match.start() - 12)
                old, new = text[start:match.end()], text[start:match.end() - 1] + " " + match.group("after")
            errors.append(ContentError(page.path, f"Chinese typography: {excerpt(repr(old))}",
                                       f"write {excerpt(repr(new))} (a space between Chinese and a link whose text starts or ends with Latin letters or digits)", line))
        return text

    map_prose(page.body, scan, first_line=page.body_first_line)
    return errors


def change_note_errors(page: Page) -> list[ContentError]:
    """Chinese typography of the one-line notes in front matter ``changes`` (they become the 最近更新 page)."""
    errors = []
    for index, change in enumerate(page.meta.changes):
        for item in autocorrect_py.lint_for(change.note, "note.md").lines:
            errors.append(
                ContentError(
                    page.path,
                    f"Chinese typography in changes[{index}].note: {item.old.strip()!r}",
                    f"write {item.new.strip()!r} (space between Chinese and Latin/digits, full-width punctuation in Chinese)",
                    page.field_lines.get(f"changes[{index}]", page.field_lines.get("changes")),
                )
            )
    return errors


def lint_page(page: Page) -> list[ContentError]:
    # The Chinese typography rules (full-width punctuation) do not apply to English pages.
    chinese = typography_errors(page) + change_note_errors(page) if page.language != ENGLISH else []
    return placeholder_errors(page) + chinese


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
    raw, _ = load_yaml_file(ALLOWED_ABBREVIATIONS_FILE)
    words = {word for group in raw.values() for word in group}
    words |= {part for bench in data.benchmarks.values() for part in re.findall(r"[A-Z][A-Z0-9]+", bench.name)}
    return words
