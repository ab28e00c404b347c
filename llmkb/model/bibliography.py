"""The bibliography: one data file of sources that every page cites from, validated and rendered."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.bilingual import Bilingual
from llmkb.model.editions import DEFAULT, label
from llmkb.model.yamlfile import load_yaml_file
from llmkb.paths import BIBLIOGRAPHY_FILE
from llmkb.text import HAN_RE

KEY_RE = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")
# New-style arXiv identifiers (since 2007): YYMM.NNNN or YYMM.NNNNN, optional version.
ARXIV_RE = re.compile(r"^\d{2}(0[1-9]|1[0-2])\.\d{4,5}(v\d+)?$")
MAX_LISTED_AUTHORS = 3


class Entry(Bilingual):
    """One source: a paper (arXiv id or https URL) or a web page (https URL and the date it was checked).

    Chinese titles, venues and author names have English versions for the English edition.
    """

    kind: Literal["paper", "web"] = "paper"
    authors: list[str] = Field(min_length=1, max_length=MAX_LISTED_AUTHORS)
    et_al: bool = False
    title: str = Field(min_length=2)
    year: int = Field(ge=1900, le=2100)
    venue: str = Field(min_length=2)
    arxiv: str | None = None
    url: str | None = None
    accessed: dt.date | None = None
    title_en: str | None = None
    venue_en: str | None = None
    authors_en: list[str] | None = None

    @field_validator("arxiv")
    @classmethod
    def _arxiv_format(cls, value: str | None) -> str | None:
        if value is not None and not ARXIV_RE.match(value):
            raise ValueError(
                f"{value!r} is not an arXiv id of the form YYMM.NNNNN (write it as a quoted string, without 'arXiv:')"
            )
        return value

    @field_validator("url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", value):
            raise ValueError(f"{value!r} is not an https URL")
        return value

    @model_validator(mode="after")
    def _locatable(self) -> Entry:
        if not self.arxiv and not self.url:
            raise ValueError("give an arxiv id or an https url so readers can find the source")
        if self.kind == "web" and (self.url is None or self.accessed is None):
            raise ValueError("a web source needs 'url' and 'accessed: YYYY-MM-DD', the date its content was checked")
        if self.kind == "paper" and self.accessed is not None:
            raise ValueError("'accessed' is for web pages: set 'kind: web', or remove 'accessed' for a paper")
        return self

    @property
    def link(self) -> str:
        return self.url or f"https://arxiv.org/abs/{self.arxiv}"

    def author_text(self, language: str = DEFAULT) -> str:
        authors = self.t("authors", language)
        text = ", ".join(authors)
        if not self.et_al:
            return text
        # As GB/T 7714 writes it: 等 after Chinese names, et al. after others.
        return f"{text}, 等" if HAN_RE.search(authors[-1]) else f"{text}, et al."

    def to_html(self, language: str = DEFAULT) -> str:
        """One reference, formatted like a reference list entry: authors. title. venue, year."""
        authors = self.author_text(language)
        venue = self.t("venue", language)
        parts = [
            html.escape(authors if authors.endswith(".") else f"{authors}."),
            f'<a href="{html.escape(self.link)}">{html.escape(self.t("title", language))}</a>.',
            # Venues such as "NeurIPS 2017" already carry the year.
            f"{html.escape(venue if str(self.year) in venue else f'{venue}, {self.year}')}.",
        ]
        if self.arxiv:
            parts.append(f"arXiv:{html.escape(self.arxiv)}.")
        if self.accessed:
            parts.append(html.escape(label("accessed", language, date=self.accessed.isoformat())))
        return " ".join(parts)


class Bibliography(BaseModel):
    model_config = ConfigDict(frozen=True)

    entries: dict[str, Entry]
    lines: dict[str, int]

    def check_keys(self, keys: list[str], path: Path | str, line: int | None, what: str) -> list[ContentError]:
        """Errors for keys that are not in the bibliography, with the closest known key as a hint."""
        errors = []
        for key in keys:
            if key not in self.entries:
                close = difflib.get_close_matches(key, self.entries, n=1)
                hint = f"did you mean '{close[0]}'? Otherwise add" if close else "add"
                errors.append(
                    ContentError(
                        path,
                        f"unknown bibliography key '{key}' in {what}",
                        f"{hint} an entry '{key}' to data/bibliography.yaml",
                        line,
                    )
                )
        return errors


def parse_bibliography(path: Path = BIBLIOGRAPHY_FILE) -> Bibliography:
    data, lines = load_yaml_file(path)
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(path, "the bibliography is not a mapping of key: entry", "see CONTRIBUTING.md", 1)])
    errors: list[ContentError] = []
    entries: dict[str, Entry] = {}
    for key, raw in data.items():
        line = lines.get(str(key))
        if not isinstance(key, str) or not KEY_RE.match(key):
            errors.append(
                ContentError(path, f"bibliography key {key!r} is malformed", "use lowercase ASCII like vaswani2017attention", line)
            )
            continue
        if not isinstance(raw, dict):
            errors.append(ContentError(path, f"entry '{key}' is not a mapping", "give authors, title, year, venue, arxiv/url", line))
            continue
        try:
            entries[key] = Entry.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"])
                where = f"entry '{key}', field '{field}'" if field else f"entry '{key}'"
                value = err.get("input")
                if err["type"].startswith("date") and isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
                    message, fix = f"{where}: the date is quoted ({value!r}), so YAML reads it as text", f"remove the quotes: {field}: {value.strip()}"
                else:
                    message, fix = f"{where}: {err['msg'].removeprefix('Value error, ')}", "correct the field (see the entry format in CONTRIBUTING.md)"
                errors.append(ContentError(path, message, fix, line))
    if errors:
        raise ContentErrors(errors)
    return Bibliography(entries=entries, lines={str(k): v for k, v in lines.items()})


def load_bibliography(path: Path = BIBLIOGRAPHY_FILE) -> Bibliography:
    """The bibliography, re-read only when the file changed (``mkdocs serve`` rebuilds often)."""
    return _parse_cached(path, path.stat().st_mtime_ns)


@cache
def _parse_cached(path: Path, mtime_ns: int) -> Bibliography:
    return parse_bibliography(path)
