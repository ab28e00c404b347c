"""What's new: front matter `changes`, the 最近更新 page and the Atom feeds agree with the pages.

The page (``<!-- kb:recent-changes -->``) and each edition's feed.xml are generated from the same
list (llmkb/model/changes.py); these tests check the list's rules, that the feed is valid Atom
(RFC 4287) and reproducible, and that the built page and feeds say exactly what the pages say.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import site_pages
from lxml import etree

from llmkb.errors import ContentErrors
from llmkb.model.changes import site_changes
from llmkb.model.editions import DEFAULT, EDITIONS, ENGLISH, TRADITIONAL, edition_prefix
from llmkb.model.frontmatter import change_date_errors, load_pages, parse_page
from llmkb.model.lint import change_note_errors
from llmkb.model.urls import page_url
from llmkb.render.feed import FEED_FILE, FeedInfo, atom_feed, edition_feed
from llmkb.render.hant import convert_text

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = site_pages()

HEAD = """---
title: 示例页面
description: 这是一个用来测试 front matter 校验的示例页面。
tags: [架构]
updated: 2026-11-01
sources: [ouyang2022training, hu2021lora]
"""


def page_with(tmp_path, changes: str, name: str = "page.md"):
    path = tmp_path / name
    path.write_text(HEAD + changes + "---\n\n正文。\n", encoding="utf-8")
    return path


def errors_for(tmp_path, changes: str) -> str:
    with pytest.raises(ContentErrors) as info:
        parse_page(page_with(tmp_path, changes), tmp_path)
    return info.value.report()


# ---- the front matter model -----------------------------------------------------------------------


def test_changes_parse_newest_first(tmp_path):
    page = parse_page(page_with(tmp_path, "changes:\n  - date: 2026-11-01\n    note: 补充了一节。\n  - date: 2026-10-01\n    note: 首次发布。\n"), tmp_path)
    assert [c.date for c in page.meta.changes] == [dt.date(2026, 11, 1), dt.date(2026, 10, 1)]
    assert page.field_lines["changes[1]"] == 10  # each entry has its own line for error messages


def test_change_in_the_future_points_at_its_line(tmp_path):
    report = errors_for(tmp_path, "changes:\n  - date: 2026-10-01\n    note: 首次发布。\n  - date: 2999-01-01\n    note: 还没发生。\n")
    assert "page.md:10" in report and "changes[1].date" in report and "future" in report


def test_change_without_note_is_named(tmp_path):
    report = errors_for(tmp_path, "changes:\n  - date: 2026-10-01\n")
    assert "page.md:8" in report and "'changes[0].note' is missing" in report


def test_unknown_key_in_a_change_is_an_error(tmp_path):
    report = errors_for(tmp_path, "changes:\n  - date: 2026-10-01\n    notes: 首次发布。\n")
    assert "changes[0].notes" in report


def test_quoted_date_in_a_change_is_rejected(tmp_path):
    assert "changes[0].date" in errors_for(tmp_path, 'changes:\n  - date: "2026-10-01"\n    note: 首次发布。\n')


def test_changes_out_of_order_or_twice_a_day_are_rejected(tmp_path):
    for changes in (
        "changes:\n  - date: 2026-09-01\n    note: 首次发布。\n  - date: 2026-10-01\n    note: 更新。\n",
        "changes:\n  - date: 2026-10-01\n    note: 首次发布。\n  - date: 2026-10-01\n    note: 更新。\n",
    ):
        assert "newest first, one entry per date" in errors_for(tmp_path, changes)


def test_note_is_one_line(tmp_path):
    assert "one line" in errors_for(tmp_path, 'changes:\n  - date: 2026-10-01\n    note: "第一行。\\n第二行。"\n')


def test_chinese_note_typography_is_checked(tmp_path):
    page = parse_page(page_with(tmp_path, "changes:\n  - date: 2026-10-01\n    note: 新增FlashAttention-4一节.\n"), tmp_path)
    errors = change_note_errors(page)
    assert errors and errors[0].line == 8 and "changes[0].note" in errors[0].message


def test_translation_must_record_the_changes_of_its_page(tmp_path):
    page_with(tmp_path, "changes:\n  - date: 2026-11-01\n    note: 补充了一节。\n  - date: 2026-10-01\n    note: 首次发布。\n")
    en = tmp_path / "page.en.md"
    en.write_text(
        "---\ntitle: Example\ndescription: An example page for testing the front matter checks.\ntags: [Architecture]\n"
        "updated: 2026-11-01\nsources: [ouyang2022training, hu2021lora]\nchanges:\n  - date: 2026-10-01\n    note: First version.\n"
        'translated_from: "0123456789ab"\n---\n\nBody.\n',
        encoding="utf-8",
    )
    pages = {p.src_uri: p for p in (parse_page(tmp_path / "page.md", tmp_path), parse_page(en, tmp_path))}
    errors = change_date_errors(pages)
    assert len(errors) == 1 and "2026-11-01" in errors[0].message and errors[0].line == 7


def test_every_site_page_follows_the_changes_rules():
    assert not change_date_errors(load_pages())


# ---- the list, the page and the feed from it ------------------------------------------------------


def test_site_changes_are_newest_first_and_cover_every_entry():
    for language in (DEFAULT, ENGLISH):
        changes = site_changes(PAGES, language)
        assert [c.date for c in changes] == sorted((c.date for c in changes), reverse=True)
        expected = sum(len(p.meta.changes) for uri, p in PAGES.items() if p.language == DEFAULT)
        assert len(site_changes(PAGES, DEFAULT)) == expected
        assert all(c.page_uri in PAGES and not c.page_uri.endswith(".en.md") for c in changes)


def feed_checks(document: bytes) -> etree._Element:
    """RFC 4287's required elements, checked one by one, after a parse that must not complain."""
    parsed = feedparser.parse(document)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = etree.fromstring(document)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, f"feed needs exactly one atom:{tag}"
    assert root.find(f"{ATOM}author/{ATOM}name").text.strip()  # so entries need no author of their own
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = [root.findtext(f"{ATOM}id")]
    stamps = []
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, f"entry needs exactly one atom:{tag}"
        # no atom:content, so an alternate link is required (RFC 4287 4.1.1, 4.1.2)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        ids.append(entry.findtext(f"{ATOM}id"))
        stamps.append(entry.findtext(f"{ATOM}updated"))
    for value in ids:
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", value), value  # absolute IRIs
    assert len(set(ids)) == len(ids), "ids must be unique"
    for stamp in [root.findtext(f"{ATOM}updated"), *stamps]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)  # RFC 3339 date-time
    if stamps:
        assert root.findtext(f"{ATOM}updated") == max(stamps)
    return root


@pytest.mark.parametrize("site_url", [None, "https://example.org/kb/"])
def test_feed_is_valid_atom_and_reproducible(site_url):
    first = edition_feed(PAGES, DEFAULT, "大语言模型中文知识库", site_url)
    assert first == edition_feed(PAGES, DEFAULT, "大语言模型中文知识库", site_url)  # no clock, no randomness
    root = feed_checks(first)
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("https://example.org/kb/") if site_url else not link.startswith(("http", "/"))


def test_feed_ids_do_not_depend_on_the_address():
    here = etree.fromstring(edition_feed(PAGES, ENGLISH, "LLM Knowledge Base", None))
    there = etree.fromstring(edition_feed(PAGES, ENGLISH, "LLM Knowledge Base", "https://example.org/"))
    assert [e.text for e in here.iter(f"{ATOM}id")] == [e.text for e in there.iter(f"{ATOM}id")]


def test_feed_without_changes_is_still_valid():
    # A site whose pages list no changes yet (the small test sites) gets an empty, valid feed.
    root = feed_checks(atom_feed([], FeedInfo(DEFAULT, "标题", "作者", None, dt.date(2026, 1, 2))))
    assert root.findtext(f"{ATOM}updated") == "2026-01-02T00:00:00Z" and root.find(f"{ATOM}entry") is None


# ---- the built site -------------------------------------------------------------------------------


def expected(edition: str) -> list[tuple[str, str, str, str]]:
    """(date, page url, title, note) of every change, as the edition should show them."""
    text = convert_text if edition == TRADITIONAL else (lambda s: s)
    changes = site_changes(PAGES, ENGLISH if edition == ENGLISH else DEFAULT)
    return [(c.date.isoformat(), page_url(c.page_uri), text(c.title), text(c.note)) for c in changes]


@pytest.mark.parametrize("edition", EDITIONS)
def test_built_feed_agrees_with_the_pages(built_site, edition):
    _, site = built_site
    document = (site / edition_prefix(edition) / FEED_FILE).read_bytes()
    root = feed_checks(document)
    shown = [
        (
            entry.findtext(f"{ATOM}updated")[:10],
            entry.find(f"{ATOM}link").get("href").split("/", 3)[-1] if "://" in entry.find(f"{ATOM}link").get("href") else entry.find(f"{ATOM}link").get("href"),
            entry.findtext(f"{ATOM}title"),
            entry.findtext(f"{ATOM}summary"),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]
    want = expected(edition)
    assert [(d, t, n) for d, _, t, n in shown] == [(d, t, n) for d, _, t, n in want]
    assert all(href.endswith(url) for (_, href, _, _), (_, url, _, _) in zip(shown, want, strict=True))


@pytest.mark.parametrize("edition", EDITIONS)
def test_recent_page_agrees_with_the_pages(built_site, edition):
    _, site = built_site
    html = (site / edition_prefix(edition) / "reference/recent/index.html").read_text(encoding="utf-8")
    items = BeautifulSoup(html, "lxml").select(".kb-changes li")
    shown = []
    for item in items:
        link = item.find("a")
        note = item.get_text("", strip=False).split(link.get_text(), 1)[1].lstrip("：: ").strip()
        shown.append((item.find("time")["datetime"], link.get_text(), note, link["href"]))
    want = expected(edition)
    assert [(d, t, n) for d, t, n, _ in shown] == [(d, t, n) for d, _, t, n in want]
    for (_, _, _, href), (_, url, _, _) in zip(shown, want, strict=True):
        assert posixpath.normpath(posixpath.join("reference/recent", href)) == posixpath.normpath(url or ".")


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_links_its_editions_feed(built_site, edition):
    _, site = built_site
    for page in ("index.html", "theory/history/index.html"):
        soup = BeautifulSoup((site / edition_prefix(edition) / page).read_text(encoding="utf-8"), "lxml")
        head = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        footer = soup.select("footer a.kb-feed-link")
        assert len(head) == 1 and len(footer) == 1, page
        depth = page.count("/")
        assert head[0]["href"] == footer[0]["href"] == "../" * depth + FEED_FILE


def shortcode_context(language: str):
    from llmkb.model.bibliography import load_bibliography
    from llmkb.model.refdata import load_reference_data
    from llmkb.render.shortcodes import Context

    uri = "reference/recent.en.md" if language == ENGLISH else "reference/recent.md"
    return Context(uri, [], PAGES, load_bibliography(), load_reference_data(), language=language)


def test_recent_changes_marker_lists_the_newest_first_and_takes_a_limit():
    from llmkb.render.shortcodes import ShortcodeError, expand

    for language in (DEFAULT, ENGLISH):
        ctx = shortcode_context(language)
        full = expand("<!-- kb:recent-changes -->", ctx)
        assert full.count("<li>") == 0 and full.count("\n- ") == len(site_changes(PAGES, language))
        assert expand("<!-- kb:recent-changes limit=3 -->", ctx).count("\n- ") == 3
        with pytest.raises(ShortcodeError, match="limit"):
            expand("<!-- kb:recent-changes limit=none -->", ctx)


def test_traditional_feed_converts_each_text_once():
    document = edition_feed(PAGES, TRADITIONAL, "大語言模型中文知識庫", None)
    root = etree.fromstring(document)
    assert root.findtext(f"{ATOM}title") == "大語言模型中文知識庫 · " + convert_text("最近更新")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "大語言模型中文知識庫"
