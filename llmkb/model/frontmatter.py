"""The page model: every page's front matter, parsed strictly and validated against one schema.

MkDocs silently drops front matter it cannot parse, so pages are parsed here instead, with line
numbers, and every problem is reported with the file, the line and the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from llmkb.errors import ContentError, ContentErrors, excerpt
from llmkb.model.editions import DEFAULT, ENGLISH, normalized_uri, page_language
from llmkb.model.yamlfile import load_yaml, load_yaml_file, read_text
from llmkb.paths import DOCS_DIR, TAGS_FILE

# Same delimiters MkDocs accepts, so a page that passes here is read the same way by MkDocs.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)

# A date written in quotes reads as a string, which the schema (rightly) refuses.
QUOTED_DATE_RE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*$")

# Topic pages teach one subject and must cite primary sources; section indexes and reference
# pages introduce or list and have no minimum.
TOPIC_SECTIONS = ("theory/", "practice/", "applications/")
MIN_SOURCES_PER_TOPIC_PAGE = 2

FIELD_HINTS = {
    "title": "give the page title, e.g. title: LLaMA 的网络结构",
    "description": "give a one-sentence summary (used as meta description and on index cards)",
    "tags": "give a list of tags from data/tags.yaml, e.g. tags: [架构] (home and part index pages have none)",
    "updated": "give the ISO date the content was last reviewed, e.g. updated: 2026-11-28",
    "sources": "give a list of keys from data/bibliography.yaml, e.g. sources: [vaswani2017attention]",
    "time_sensitive": "write time_sensitive: true, or leave the field out",
    "translated_from": "on an English page only: run `uv run llmkb translations --mark docs/<page>.en.md` "
                       "once the translation matches the Chinese page (it writes the field, quoted: "
                       'translated_from: "0123456789ab")',
    "changes": "give a list of what changed, newest first, one entry per date: "
    "changes: [{date: 2026-12-07, note: 时间线延伸到 2026 年 7 月。}] (page.en.md: the same dates since it appeared, notes in English)",
}


class PageChange(BaseModel):
    """One dated change of a page, as readers should hear of it on 最近更新 and in the feed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    date: dt.date
    note: str = Field(min_length=4, max_length=200)

    @field_validator("date")
    @classmethod
    def _not_in_future(cls, date: dt.date) -> dt.date:
        if date > dt.date.today():
            raise ValueError(f"{date.isoformat()} is in the future")
        return date

    @field_validator("note")
    @classmethod
    def _one_line(cls, note: str, info: ValidationInfo) -> str:
        if "\n" in note.strip():
            raise ValueError("a note is one line")
        if _language(info) == DEFAULT and len(note) > 100:
            raise ValueError(f"at most 100 characters on a Chinese page (got {len(note)})")
        return note.strip()


class PageMeta(BaseModel):
    """Front matter of one page. Unknown fields are errors: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=10, max_length=240)
    tags: list[str] = []  # content pages need at least one (checked in parse_page); home and part indexes need none
    updated: dt.date
    sources: list[str]
    time_sensitive: bool = False
    # English pages: what the translation was made from (llmkb/model/translations.py); Chinese pages have none.
    translated_from: str | None = Field(default=None, pattern=r"^[0-9a-f]{12}$")
    changes: list[PageChange] = []  # newest first; the 最近更新 page and the Atom feed are made of these

    @field_validator("title", "description")
    @classmethod
    def _length_for_language(cls, value: str, info: ValidationInfo) -> str:
        # Chinese says in 60 (160) characters what English needs 80 (240) for.
        limit = {"title": 60, "description": 160}[info.field_name]
        if _language(info) == DEFAULT and len(value) > limit:
            raise ValueError(f"at most {limit} characters on a Chinese page (got {len(value)})")
        return value

    @field_validator("tags")
    @classmethod
    def _tags_are_allowed(cls, tags: list[str], info: ValidationInfo) -> list[str]:
        allowed = allowed_tags(_language(info))
        for tag in tags:
            if tag not in allowed:
                close = difflib.get_close_matches(tag, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ValueError(f"unknown tag {tag!r}{hint}; allowed tags: {', '.join(allowed)}")
        if len(set(tags)) != len(tags):
            raise ValueError("a tag is listed twice")
        return tags

    @field_validator("updated")
    @classmethod
    def _not_in_future(cls, updated: dt.date) -> dt.date:
        if updated > dt.date.today():
            raise ValueError(f"{updated.isoformat()} is in the future")
        return updated

    @field_validator("sources")
    @classmethod
    def _sources_unique(cls, sources: list[str]) -> list[str]:
        duplicates = sorted({key for key in sources if sources.count(key) > 1})
        if duplicates:
            raise ValueError(f"listed twice: {', '.join(duplicates)}")
        return sources

    @field_validator("changes")
    @classmethod
    def _changes_newest_first(cls, changes: list[PageChange]) -> list[PageChange]:
        dates = [change.date for change in changes]
        if dates != sorted(dates, reverse=True) or len(set(dates)) != len(dates):
            raise ValueError("list changes newest first, one entry per date (merge two notes of the same day into one)")
        return changes


class Page(BaseModel):
    """A page's validated front matter plus where it came from and its body."""

    model_config = ConfigDict(frozen=True)

    path: Path
    src_uri: str
    meta: PageMeta
    body: str
    body_first_line: int  # line number in the file where the body starts
    field_lines: dict[str, int]

    @property
    def language(self) -> str:
        """'en' for page.en.md, 'zh' otherwise."""
        return page_language(self.src_uri)

    @property
    def is_topic(self) -> bool:
        return self.src_uri.startswith(TOPIC_SECTIONS) and Path(normalized_uri(self.src_uri)).name != "index.md"


def _language(info: ValidationInfo) -> str:
    return (info.context or {}).get("language", DEFAULT)


def allowed_tags(language: str = DEFAULT) -> tuple[str, ...]:
    """Tag names for pages written in ``language`` (data/tags.yaml: ``name``, and ``en`` for English)."""
    return _tags_cached(TAGS_FILE.stat().st_mtime_ns, "en" if language == ENGLISH else "name")


@cache
def _tags_cached(mtime_ns: int, field: str) -> tuple[str, ...]:
    data, _ = load_yaml_file(TAGS_FILE)
    return tuple(entry[field] for entry in data)


def _validation_errors(path: Path, exc: ValidationError, field_lines: dict[str, int], start: int) -> list[ContentError]:
    errors = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else "front matter"
        line = field_lines.get(field, start)
        if len(err["loc"]) > 1 and isinstance(err["loc"][1], int):  # an item of a list: its own line
            line = field_lines.get(f"{field}[{err['loc'][1]}]", line)
            field = f"{field}[{err['loc'][1]}]" + "".join(f".{part}" for part in err["loc"][2:])
        if err["type"] == "missing":
            message, fix = f"front matter field '{field}' is missing", FIELD_HINTS.get(field.split("[")[0], "add the field")
        elif err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(field, FIELD_HINTS, n=1)
            message = f"unknown front matter field '{field}'"
            fix = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(FIELD_HINTS)}"
        elif field == "updated" and isinstance(err.get("input"), str) and QUOTED_DATE_RE.match(err["input"]):
            message = f"front matter field 'updated' is a quoted string ({excerpt(repr(err['input']))}), not a date"
            fix = f"remove the quotes: updated: {err['input'].strip()}"
        else:
            value = err.get("input")
            message = f"front matter field '{field}': {err['msg']} (got {excerpt(repr(value))})"
            fix = FIELD_HINTS.get(field.split("[")[0], "correct the value")
        errors.append(ContentError(path, message, fix, line))
    return errors


def parse_page(path: Path, docs_dir: Path = DOCS_DIR) -> Page:
    """Parse and validate one page; raises ContentErrors naming file, line and fix."""
    text = read_text(path)
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise ContentErrors(
            [
                ContentError(
                    path,
                    "page has no front matter",
                    "start the file with a '---' block holding title, description, tags, updated and sources "
                    "(see CONTRIBUTING.md, or create pages with `llmkb new-page`)",
                    1,
                )
            ]
        )
    data, field_lines = load_yaml(match.group(1) or "", path, line_offset=1)
    if not isinstance(data, dict):
        raise ContentErrors(
            [ContentError(path, "front matter is not a mapping of fields", "write one 'field: value' per line", 2)]
        )
    try:
        meta = PageMeta.model_validate(data, context={"language": page_language(path.name)})
    except ValidationError as exc:
        raise ContentErrors(_validation_errors(path, exc, field_lines, 1)) from None
    src_uri = path.resolve().relative_to(docs_dir.resolve()).as_posix()
    page = Page(
        path=path,
        src_uri=src_uri,
        meta=meta,
        body=text[match.end():],
        body_first_line=text[: match.end()].count("\n") + 1,
        field_lines=field_lines,
    )
    if Path(normalized_uri(src_uri)).name != "index.md" and not meta.tags:
        raise ContentErrors(
            [ContentError(path, "a content page needs at least one tag", FIELD_HINTS["tags"], field_lines.get("tags", 1))]
        )
    english = page.language == ENGLISH
    if english != (meta.translated_from is not None):
        message = ("an English page must record the Chinese text it translates: 'translated_from' is missing" if english
                   else "'translated_from' belongs on English pages (page.en.md) only")
        raise ContentErrors([ContentError(path, message, FIELD_HINTS["translated_from"] if english else "remove the field",
                                          field_lines.get("translated_from", 1))])
    if page.is_topic and len(meta.sources) < MIN_SOURCES_PER_TOPIC_PAGE:
        raise ContentErrors(
            [
                ContentError(
                    path,
                    f"a topic page needs at least {MIN_SOURCES_PER_TOPIC_PAGE} sources, found {len(meta.sources)}",
                    "cite the primary sources (papers with arXiv ids or official documentation) in 'sources'",
                    field_lines.get("sources", 1),
                )
            ]
        )
    return page


def load_pages(docs_dir: Path = DOCS_DIR) -> dict[str, Page]:
    """Every Markdown page under docs_dir, keyed by its path inside docs_dir; reports all problems at once."""
    pages, errors = read_pages(docs_dir)
    if errors:
        raise ContentErrors(errors)
    return pages


def read_pages(docs_dir: Path = DOCS_DIR) -> tuple[dict[str, Page], list[ContentError]]:
    """The pages that parse, and the problems of those that do not."""
    pages: dict[str, Page] = {}
    errors: list[ContentError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            page = parse_page(path, docs_dir)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        pages[page.src_uri] = page
    errors.extend(change_date_errors(pages))
    return pages, errors


def change_date_errors(pages: dict[str, Page]) -> list[ContentError]:
    """A translation records every change of its page since it was first published.

    Its oldest entry is when it appeared (its first version, or the day it was translated); from then
    on, each date in the page's ``changes`` must be in the translation's too, with the note in its
    own language. The translation may list dates of its own (a fix to the English text alone).
    """
    errors = []
    for uri, page in pages.items():
        if page.language != ENGLISH or normalized_uri(uri) not in pages:
            continue
        source = pages[normalized_uri(uri)]
        ours = {change.date for change in page.meta.changes}
        if source.meta.changes and not ours:
            errors.append(ContentError(page.path, "the page lists 'changes' but its translation does not",
                                       f"add the changes of docs/{source.src_uri} since the translation appeared, notes in English",
                                       page.field_lines.get("updated", 1)))
            continue
        missing = [change.date.isoformat() for change in source.meta.changes if ours and change.date >= min(ours) and change.date not in ours]
        if missing:
            errors.append(
                ContentError(
                    page.path,
                    f"'changes' lacks {', '.join(missing)}, listed in docs/{source.src_uri}",
                    "a translation records every change of its page since it appeared: add an entry for each date, the note in English",
                    page.field_lines.get("changes", 1),
                )
            )
    return errors
