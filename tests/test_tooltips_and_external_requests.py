"""In a real browser (Debian's Chromium via Playwright): tooltips work on tap, pages load nothing external."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


def test_tapping_an_abbreviation_shows_its_definition(browser_page):
    base, page = browser_page
    page.goto(f"{base}/theory/training-pipeline/", wait_until="networkidle")
    abbr = page.locator("article abbr", has_text="SFT").first
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    expect(page.locator(".md-tooltip2:visible", has_text="监督微调（").first).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/theory/history/", "/reference/models/"])
def test_page_requests_only_the_local_server(browser_page, path):
    base, page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}{path}", wait_until="networkidle")
    external = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
    assert not external, external


def test_an_abbreviation_in_each_section_shows_its_definition(browser_page):
    # The HTML carries each definition once per page (llmkb/render/glossary.py); a script copies it to
    # the first occurrence in every other h2 section, so a reader who jumps to a section still finds it.
    base, page = browser_page
    page.goto(f"{base}/theory/history/", wait_until="networkidle")
    occurrences = page.locator("article abbr", has_text="GPT")
    assert occurrences.count() > 3, "GPT is marked in one section only"
    last = occurrences.last
    assert last.get_attribute("data-kb-abbr") is not None, "later sections no longer repeat the definition"
    last.scroll_into_view_if_needed()
    last.tap()
    expect(page.locator(".md-tooltip2:visible", has_text="GPT（Generative").first).to_be_visible()


def test_glossary_page_has_no_tooltips_because_it_shows_every_definition(built_site):
    _, site = built_site
    glossary = (site / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" not in glossary
    assert "<abbr" in (site / "theory" / "history" / "index.html").read_text(encoding="utf-8")
