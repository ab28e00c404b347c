"""Content lint: what a reader must never see (placeholders) and Chinese typography rules.

Typography uses autocorrect (a maintained CJK copywriting linter): a space between Chinese and
Latin letters or digits, full-width punctuation in Chinese sentences.
"""

from __future__ import annotations

import re

import autocorrect_py

from llmkb.errors import ContentError
from llmkb.frontmatter import Page
from llmkb.markdown_text import blank_fenced_code, map_prose

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


def typography_errors(page: Page) -> list[ContentError]:
    """autocorrect's findings for the page body; code blocks are skipped (autocorrect lints ```text)."""
    result = autocorrect_py.lint_for(blank_fenced_code(page.body), page.path.name)
    offset = page.body_first_line - 1
    return [
        ContentError(
            page.path,
            f"Chinese typography: {item.old.strip()!r}",
            f"write {item.new.strip()!r} (space between Chinese and Latin/digits, full-width punctuation in Chinese)",
            item.line + offset,
        )
        for item in result.lines
    ]


def lint_page(page: Page) -> list[ContentError]:
    # The Chinese typography rules (full-width punctuation) do not apply to English pages.
    return placeholder_errors(page) + (typography_errors(page) if page.language != "en" else [])


def lint_paths(pages: dict[str, Page]) -> list[ContentError]:
    return [error for page in pages.values() for error in lint_page(page)]

