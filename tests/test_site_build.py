"""The real site builds with `mkdocs build --strict` and zero warnings, and pages carry what the model promises."""

from __future__ import annotations

import html as html_module
import re

import pytest
from bs4 import BeautifulSoup
from helpers import site_pages

from llmkb.book.pages import BookPage
from llmkb.model.editions import edition_prefix, label, normalized_uri, page_language, translation_uri

PAGES = site_pages()
TOPIC_PAGES = sorted(uri for uri, page in PAGES.items() if page.is_topic)


def html_path(site, uri: str):
    """Where a source page is built: page.en.md goes into the English edition's folder."""
    return site / edition_prefix(page_language(uri)) / BookPage(normalized_uri(uri), None).url / "index.html"


def test_strict_build_has_no_warnings(built_site):
    result, _ = built_site
    assert result.returncode == 0, result.stderr
    problems = [line for line in result.stderr.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert not problems, "\n".join(problems)
    assert "Material for MkDocs reaches end of life" not in result.stderr


@pytest.mark.parametrize("uri", TOPIC_PAGES)
def test_topic_page_has_references_and_no_raw_tex(built_site, uri):
    _, site = built_site
    html = html_path(site, uri).read_text(encoding="utf-8")
    assert 'id="references"' in html and 'class="kb-references"' in html
    assert "arithmatex" not in html
    assert not re.search(r"\\\(|\\\[|\$\$", re.sub(r"<(pre|code|math)\b.*?</\1>", "", html, flags=re.S)), "raw TeX left"


@pytest.mark.parametrize("uri", sorted(PAGES))
def test_page_status_and_description(built_site, uri):
    _, site = built_site
    page = PAGES[uri]
    html = html_path(site, uri).read_text(encoding="utf-8")
    assert f'<time datetime="{page.meta.updated.isoformat()}">' in html  # every page shows its review date
    if page.meta.time_sensitive:
        day = page.meta.updated.isoformat()
        notice = label("time_sensitive_body", page.language, date=f'<time datetime="{day}">{day}</time>')
        assert notice.split("<time")[0] in html_module.unescape(html)
    meta = BeautifulSoup(html, "lxml").select_one('meta[name="description"]')
    assert meta is not None and meta["content"] == page.meta.description
    assert f'<meta property="article:modified_time" content="{page.meta.updated.isoformat()}">' in html


def test_section_indexes_list_their_pages(built_site):
    _, site = built_site
    text = re.sub(r"<[^>]+>", "", (site / "theory/index.html").read_text(encoding="utf-8"))  # tooltips add <abbr>
    for uri in (u for u in TOPIC_PAGES if u.startswith("theory/") and PAGES[u].language == "zh"):
        assert PAGES[uri].meta.description in text, f"theory index lacks the card for {uri}"
    # Compared without whitespace: tooltips wrap abbreviations in <abbr>.
    cards = [re.sub(r"\s+", "", card.get_text()) for card in BeautifulSoup((site / "en/theory/index.html").read_text(encoding="utf-8"), "lxml").select("article .grid.cards li")]
    for uri in (u for u in TOPIC_PAGES if u.startswith("theory/") and PAGES[u].language == "zh"):
        page = PAGES.get(translation_uri(uri, "en")) or PAGES[uri]
        card = next((card for card in cards if re.sub(r"\s+", "", page.meta.title) in card), None)
        assert card is not None and re.sub(r"\s+", "", page.meta.description) in card, f"English theory index lacks the card for {uri}"
        assert ("(inChinese)" in card) == (page.language == "zh"), f"{uri}: '(in Chinese)' must mark exactly the untranslated cards"


def test_bibliography_page_lists_every_entry_with_backlinks(built_site):
    from llmkb.model.bibliography import load_bibliography

    _, site = built_site
    html = (site / "reference/bibliography/index.html").read_text(encoding="utf-8")
    for key in load_bibliography().entries:
        assert f'id="bib-{key}"' in html
    assert "引用本文献的页面" in html


def test_no_external_fonts_or_scripts(built_site):
    _, site = built_site
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        assert not src.startswith(("http:", "https:", "//")), src


def test_relative_links_in_built_pages_resolve(built_site):
    """Every site-internal link of every built page points at a file of the build (raw HTML is not rewritten by MkDocs)."""
    from urllib.parse import unquote, urlsplit

    _, site = built_site
    broken = []
    for uri in sorted(PAGES):
        path = html_path(site, uri)
        for href in re.findall(r'<a [^>]*href="([^"]+)"', path.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "mailto:")) or not parts.path:
                continue
            if parts.path.endswith((".pdf", ".epub", ".zip")):  # the books and the offline archive are written after the build
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{uri}: {href}")
    assert not broken, f"{len(broken)} broken links, e.g. " + ", ".join(broken[:5])
