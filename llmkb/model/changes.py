"""What changed on the site, from the pages themselves: every page's ``changes`` front matter.

One list feeds both the 最近更新 page (``<!-- kb:recent-changes -->``) and each edition's Atom feed,
so neither can say something the pages do not. The Chinese pages (and the 繁體 edition, converted
from them) list the notes of ``page.md``; the English edition those of ``page.en.md``, or of the
Chinese page when there is no translation. Newest first; changes of the same day in page order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from llmkb.model.editions import ENGLISH, normalized_uri, translation_uri
from llmkb.model.frontmatter import Page


@dataclass(frozen=True)
class Change:
    date: dt.date
    page_uri: str  # the page's source file in the default language, e.g. theory/history.md
    title: str  # the page's title in the edition's source language
    note: str


def site_changes(pages: dict[str, Page], language: str) -> list[Change]:
    """Every dated change of every page, newest first, in ``language`` (zh or en)."""
    changes = []
    for uri in sorted(pages):
        if normalized_uri(uri) != uri:
            continue  # translations are read through their page
        page = pages[uri]
        if language == ENGLISH:
            page = pages.get(translation_uri(uri, ENGLISH), page)
        changes += [Change(change.date, uri, page.meta.title, change.note) for change in page.meta.changes]
    return sorted(changes, key=lambda change: change.date, reverse=True)  # stable: same day stays in page order
