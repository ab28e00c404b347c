"""Translations and the Chinese pages they follow: staleness, sources and headings.

Every English page (``page.en.md``) records in its front matter what it was translated from:
``translated_from``, the first 12 hex digits of the SHA-256 of the Chinese page's *translated text*:

- the title and the description (the English page translates them too), and
- the body (everything after the front matter), normalised: Unicode NFC, ``\\n`` line ends, trailing
  spaces removed, runs of blank lines collapsed to one, blank lines at both ends dropped.

The other front matter fields are left out: ``updated``, ``tags``, ``time_sensitive`` and ``sources``
change without changing what the translation says (``sources`` must be the same list on both pages,
which is checked on its own). So re-dating a review or reflowing blank lines keeps the translation in
step; any edit to a sentence, a heading, a table, a formula or a link marks it stale. A stale English
page is still built, with a notice above its text (hooks/page_status.py); ``llmkb translations``
lists the stale pages and ``llmkb translations --mark`` records a page as in step again.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from llmkb.errors import ContentError
from llmkb.model.editions import ENGLISH, normalized_uri
from llmkb.model.frontmatter import FRONT_MATTER_RE, Page, parse_page
from llmkb.model.headings import Heading, markdown_headings

HASH_LENGTH = 12
FIELD = "translated_from"
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def translated_text(title: str, description: str, body: str) -> str:
    """What a translation renders of its Chinese page, normalised so that layout-only edits do not count."""
    text = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_LINES_RE.sub("\n\n", text).strip("\n")
    head = unicodedata.normalize("NFC", f"{title.strip()}\n{description.strip()}")
    return f"{head}\n\n{text}\n"


def source_hash(page: Page) -> str:
    """The ``translated_from`` value an English page of this Chinese page must record to be in step."""
    text = translated_text(page.meta.title, page.meta.description, page.body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Translation:
    """An English page and the Chinese page it translates."""

    english: Page
    chinese: Page

    @property
    def current_hash(self) -> str:
        return source_hash(self.chinese)

    @property
    def stale(self) -> bool:
        return self.english.meta.translated_from != self.current_hash


def translations(pages: dict[str, Page]) -> dict[str, Translation]:
    """Every English page whose Chinese page exists, by the English page's src_uri."""
    found = {}
    for uri, page in pages.items():
        chinese = pages.get(normalized_uri(uri)) if page.language == ENGLISH else None
        if chinese is not None:
            found[uri] = Translation(page, chinese)
    return found


def stale_translations(pages: dict[str, Page]) -> list[Translation]:
    return [item for _, item in sorted(translations(pages).items()) if item.stale]


def translation_errors(pages: dict[str, Page]) -> list[ContentError]:
    """English pages that cannot be right whatever their text: no Chinese page, or other sources than it."""
    errors = []
    for uri, page in sorted(pages.items()):
        if page.language != ENGLISH:
            continue
        chinese = pages.get(normalized_uri(uri))
        if chinese is None:
            if page.path.with_name(page.path.name.removesuffix(".en.md") + ".md").exists():
                continue  # the Chinese page has errors of its own, reported elsewhere
            errors.append(ContentError(
                page.path, f"no Chinese page {normalized_uri(uri)} for this translation",
                "an English page translates the Chinese page beside it: write that first, or rename this file", 1))
            continue
        if page.meta.sources != chinese.meta.sources:
            missing = [key for key in chinese.meta.sources if key not in page.meta.sources]
            extra = [key for key in page.meta.sources if key not in chinese.meta.sources]
            detail = "; ".join(part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not on the Chinese page: {', '.join(extra)}" if extra else "",
                "same keys in another order" if not missing and not extra else "",
            ) if part)
            errors.append(ContentError(
                page.path, f"'sources' differ from the Chinese page {normalized_uri(uri)} ({detail})",
                f"copy the Chinese page's list: sources: [{', '.join(chinese.meta.sources)}]",
                page.field_lines.get("sources", 1)))
    return errors


def stale_warning(item: Translation) -> str:
    """One line for ``llmkb check`` and ``llmkb translations``."""
    return (f"docs/{item.english.src_uri}:{item.english.field_lines.get(FIELD, 1)}: the Chinese page "
            f"docs/{item.chinese.src_uri} changed since this translation (translated_from "
            f"{item.english.meta.translated_from}, now {item.current_hash}); update the translation, then run "
            f"`uv run llmkb translations --mark docs/{item.english.src_uri}`")


def mark(path: Path, docs_dir: Path) -> str:
    """Record in an English page's front matter that it translates its Chinese page as it is now; returns the hash.

    Works on the file's text, so it also adds the field to a page that does not have it yet.
    """
    if not path.name.endswith(".en.md"):
        raise ValueError(f"{path}: not an English page (page.en.md)")
    chinese_path = path.with_name(path.name.removesuffix(".en.md") + ".md")
    if not chinese_path.exists():
        raise ValueError(f"{path}: there is no Chinese page {chinese_path.name} beside it")
    value = source_hash(parse_page(chinese_path, docs_dir))
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        raise ValueError(f"{path}: no front matter")
    front = match.group(0)
    line = f'{FIELD}: "{value}"'
    if re.search(rf"^{FIELD}:.*$", front, re.M):
        front = re.sub(rf"^{FIELD}:.*$", line, front, count=1, flags=re.M)
    else:  # after the last field, before the closing ---
        closing = front.rstrip("\n").rfind("\n")
        front = front[:closing] + f"\n{line}" + front[closing:]
    path.write_text(front + text[match.end():], encoding="utf-8")
    return value


# ---- headings --------------------------------------------------------------------------------------


def heading_mismatches(chinese: list[Heading], english: list[Heading]) -> list[str]:
    """How two pages' headings fail to correspond: the same levels in the same order, the same explicit anchors.

    Headings without an explicit ``{#id}`` get a slug of their own text, which differs between the
    languages by design; an explicit id is a link target and must be the same in both.
    """
    problems = []
    if [h.level for h in chinese] != [h.level for h in english]:
        for index in range(max(len(chinese), len(english))):
            zh = chinese[index] if index < len(chinese) else None
            en = english[index] if index < len(english) else None
            if zh is None or en is None or zh.level != en.level:
                def show(heading: Heading | None) -> str:
                    return f"{'#' * heading.level} {heading.text}" if heading else "nothing"
                problems.append(f"heading {index + 1}: Chinese has {show(zh)!r}, English has {show(en)!r}")
                break
        problems.insert(0, f"{len(chinese)} headings in Chinese, {len(english)} in English, levels "
                           f"{''.join(str(h.level) for h in chinese)} vs {''.join(str(h.level) for h in english)}")
    # Explicit anchors: the same ids on the same headings (heading number, from 1).
    zh_ids = [(number, h.anchor) for number, h in enumerate(chinese, 1) if h.explicit]
    en_ids = [(number, h.anchor) for number, h in enumerate(english, 1) if h.explicit]
    if zh_ids != en_ids:
        def show(ids: list[tuple[int, str]]) -> str:
            return ", ".join(f"heading {number} {{#{anchor}}}" for number, anchor in ids) or "none"
        problems.append(f"explicit anchors differ: Chinese {show(zh_ids)}; English {show(en_ids)}")
    return problems


def page_heading_mismatches(item: Translation) -> list[str]:
    return heading_mismatches(markdown_headings(item.chinese.body), markdown_headings(item.english.body))

