"""The Atom feed (RFC 4287) of an edition: the site's dated changes, as on the 最近更新 page.

Made of the same list as ``<!-- kb:recent-changes -->`` (llmkb/model/changes.py). Nothing in it comes
from the clock: ``updated`` is the newest change's date and every id is derived from the edition, the
page and the date, so one commit always yields the same bytes. Ids are ``urn:uuid:`` names (RFC 4122
version 5) rather than URLs, so they stay the same when the site moves to another address; links are
absolute when the build knows the site's address (SITE_URL) and relative to the feed otherwise.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from llmkb.model.changes import Change, site_changes
from llmkb.model.editions import DEFAULT, ENGLISH, HTML_LANG, TRADITIONAL, edition_prefix, label
from llmkb.model.urls import page_url
from llmkb.render.hant import convert_text

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"  # in each edition's folder: feed.xml, zh-Hant/feed.xml, en/feed.xml
# Namespace for the ids: fixed, so ids do not depend on where the site is published.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:llm-notes-zh:changes")


@dataclass(frozen=True)
class FeedInfo:
    edition: str
    title: str  # e.g. 大语言模型中文知识库 · 最近更新, in the edition's script
    author: str  # the site's name in the edition
    site_url: str | None  # the published address, or None for a local build
    updated: dt.date  # the feed's date when no page lists a change yet: the newest review date


def feed_id(edition: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'feed/{edition}')}"


def entry_id(edition: str, change: Change) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'entry/{edition}/{change.page_uri}/{change.date.isoformat()}')}"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(changes: list[Change], info: FeedInfo, text: Callable[[str], str] = lambda s: s) -> bytes:
    """The feed document. ``text`` converts the pages' titles and notes (OpenCC for the 繁體 edition);
    ``info`` is already in the edition's script."""
    base = (info.site_url.rstrip("/") + "/" + edition_prefix(info.edition)) if info.site_url else ""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, content: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
        if content is not None:
            element.text = content
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": HTML_LANG[info.edition]})
    sub(feed, "id", feed_id(info.edition))
    sub(feed, "title", info.title)
    sub(feed, "updated", _timestamp(changes[0].date if changes else info.updated))
    author = sub(feed, "author")
    sub(author, "name", info.author)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    for change in changes:
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(info.edition, change))
        sub(entry, "title", text(change.title))
        sub(entry, "updated", _timestamp(change.date))
        sub(entry, "link", rel="alternate", type="text/html", href=base + (page_url(change.page_uri) or "./"))
        sub(entry, "summary", text(change.note))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def edition_feed(pages: dict, edition: str, site_name: str, site_url: str | None) -> bytes:
    """The feed of one edition, from every page's front matter; ``site_name`` is the edition's own."""
    language = ENGLISH if edition == ENGLISH else DEFAULT
    text: Callable[[str], str] = lambda s: s  # noqa: E731
    if edition == TRADITIONAL:
        text = convert_text
    newest_review = max(page.meta.updated for page in pages.values())
    # The site name comes converted (hooks/traditional_chinese.py at `config`); OpenCC must not run twice.
    info = FeedInfo(edition, f"{site_name} · {text(label('feed_title', language))}", site_name, site_url, newest_review)
    return atom_feed(site_changes(pages, language), info, text)
