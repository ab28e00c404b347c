"""Search in a real browser, through the site's search box: readers' questions find their pages in every
edition, 繁體 and English results are their edition's pages, listing pages do not crowd out answers,
a query about something else says so and offers a way on, and the box works by keyboard and on a phone."""

from __future__ import annotations

import gzip
import json

import pytest
from helpers import site_pages
from mkdocs.config import load_config
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from llmkb.book.pages import book_pages
from llmkb.browser import search_box
from llmkb.cli.search_benchmark import QUERIES_FILE, load_queries, rank_of
from llmkb.model.editions import EDITIONS, edition_prefix, translation_uri
from llmkb.paths import DOCS_DIR, MKDOCS_FILE
from llmkb.render.editions import edition_labels
from llmkb.render.hant import simplified_only
from llmkb.render.search import _SIGNATURE
from llmkb.text import HAN_RE

QUERIES = load_queries(QUERIES_FILE)
MIN_RECALL = 0.95
MAX_COLD_QUERY_BYTES = 250 * 1024  # gzip, as a host serves the site


def open_search(page, base: str, edition: str, path: str = "") -> None:
    page.goto(f"{base}/{edition_prefix(edition)}{path}", wait_until="load")
    page.keyboard.press("/")


def read(page, query: str) -> list[dict]:
    """How the search box reads a query: its terms, each with the words searched for it."""
    return page.evaluate("q => window.kbSearch.read(q)", query)


# ---- the query set --------------------------------------------------------------------------------


def test_query_set_is_large_asks_questions_and_resolves():
    assert set(QUERIES) == set(EDITIONS), "every edition has its queries"
    assert sum(len(items) for items in QUERIES.values()) >= 120
    for edition, items in QUERIES.items():
        questions = sum(1 for item in items if item.get("ask"))
        assert questions * 2 >= len(items), f"{edition}: {questions} of {len(items)} queries are questions; at least half must be"
        for item in items:
            path = item["page"].rstrip("/") or "index"
            assert (DOCS_DIR / f"{path}.md").exists() or (DOCS_DIR / path / "index.md").exists(), item


@pytest.mark.parametrize("edition", EDITIONS)
def test_query_set_finds_its_pages_in_the_top_five(desktop_page, edition):
    base, page = desktop_page
    open_search(page, base, edition)
    misses, empty = [], []
    for item in QUERIES[edition]:
        found = search_box(page, item["query"])
        if not found:
            empty.append(item["query"])
        rank = rank_of(found[:5], edition_prefix(edition) + item["page"])
        if rank is None:
            misses.append(f"{item['query']!r}: expected {item['page']}, got {found[:5]}")
    recall = 1 - len(misses) / len(QUERIES[edition])
    print(f"{edition}: recall@5 = {recall:.1%} over {len(QUERIES[edition])} queries")
    assert not empty, f"{edition}: on-topic queries found nothing: {empty}"
    assert recall >= MIN_RECALL, f"{edition}: recall {recall:.1%} < {MIN_RECALL:.0%}; misses:\n" + "\n".join(misses)


# ---- reading a query ------------------------------------------------------------------------------


def test_question_words_are_dropped_and_colloquial_words_lead_to_terms(desktop_page):
    base, page = desktop_page
    open_search(page, base, "zh")
    terms = read(page, "显存怎么算")
    assert any("显存" in term["alts"] for term in terms), terms
    assert not any(word in term["alts"] for term in terms for word in ("怎么", "怎么算")), terms
    assert any("幻觉" in term["alts"] for term in read(page, "大模型为什么会胡说八道"))
    # Synonyms: a word finds the page's word, in both directions.
    assert any({"显存", "显卡内存"} <= set(term["alts"]) for term in read(page, "显卡内存"))
    # A word the index cut in two is searched the way the index has it.
    assert any("位置 编码" in term["queries"] for term in read(page, "位置编码"))


def test_english_questions_are_read_as_their_topic(desktop_page):
    base, page = desktop_page
    open_search(page, base, "en")
    terms = read(page, "why do LLMs make things up")
    alts = {alt for term in terms for alt in term["alts"]}
    assert "hallucination" in alts and not {"why", "do"} & alts, terms


def test_traditional_queries_are_words_not_characters(desktop_page):
    base, page = desktop_page
    open_search(page, base, "zh-Hant")
    terms = read(page, "位置編碼")
    assert all(term["weight"] == 1 for term in terms), f"cut into characters: {terms}"
    assert any("位置编码" in term["alts"] for term in terms), terms
    # A Taiwan word is also read as the word the pages use: 記憶體 is 内存.
    assert any("内存" in term["alts"] for term in read(page, "記憶體"))


# ---- what the results show ------------------------------------------------------------------------


def test_traditional_results_are_traditional_pages_in_traditional(desktop_page):
    base, page = desktop_page
    open_search(page, base, "zh-Hant")
    found = search_box(page, "幻覺怎麼緩解")
    assert found and found[0] == "zh-Hant/theory/hallucination/", found
    hrefs = page.eval_on_selector_all(".kb-search__list a", "links => links.map(a => new URL(a.href).pathname)")
    assert hrefs and all(href.startswith("/zh-Hant/") for href in hrefs), hrefs
    text = page.locator(".kb-search__list").inner_text()
    assert not simplified_only(text), f"Simplified characters in 繁體 results: {sorted(simplified_only(text))}"


def test_english_results_are_english_pages(desktop_page):
    base, page = desktop_page
    open_search(page, base, "en")
    for query in ("reward model", "how to reduce hallucination", "attention"):
        found = search_box(page, query)
        assert found and all(path.startswith("en/") for path in found), (query, found)
        assert len(found) == len(set(found)), f"{query!r}: a page found twice: {found}"


@pytest.mark.parametrize(("edition", "query"), [("zh", "LoRA"), ("zh", "RLHF"), ("zh", "幻觉"), ("en", "LoRA"), ("en", "tokenizer"), ("zh-Hant", "獎勵模型")])
def test_listing_pages_do_not_crowd_out_the_answers(desktop_page, edition, query):
    base, page = desktop_page
    open_search(page, base, edition)
    top = search_box(page, query)[:3]
    listing = [path for path in top if path.removeprefix(edition_prefix(edition)) in ("reference/glossary/", "reference/bibliography/", "reference/reading-list/", "reference/tags/", "")]
    assert not listing, f"{query!r}: listing pages in the top three: {top}"


@pytest.mark.parametrize(("edition", "query", "expected"), [("zh", "术语表", "reference/glossary/"), ("zh", "名词解释", "reference/glossary/"), ("en", "bibliography", "reference/bibliography/")])
def test_listing_pages_rank_first_when_asked_for_by_name(desktop_page, edition, query, expected):
    base, page = desktop_page
    open_search(page, base, edition)
    found = search_box(page, query)
    assert found and found[0] == edition_prefix(edition) + expected, found


def test_a_result_shows_the_section_that_matched(desktop_page):
    base, page = desktop_page
    open_search(page, base, "zh")
    search_box(page, "RMSNorm 预归一化")
    first = page.locator(".kb-search__list > li").first
    assert first.locator("a").first.get_attribute("href").endswith("theory/llama-architecture/")
    sections = first.locator("a h2")
    assert sections.count() >= 1, "no section under the page result"
    assert "RMSNorm" in sections.first.inner_text()
    assert first.locator("a").nth(1).get_attribute("href").endswith("#rmsnorm")


@pytest.mark.parametrize(("edition", "query"), [("zh", "量子纠缠计算机"), ("zh-Hant", "黑洞蒸發"), ("en", "quantum entanglement")])
def test_nothing_found_says_so_and_offers_terms_and_parts(desktop_page, edition, query):
    base, page = desktop_page
    labels = edition_labels(edition)
    open_search(page, base, edition)
    assert search_box(page, query) == []
    assert page.locator(".kb-search__meta").inner_text() == labels["search_none"]
    panel = page.locator(".kb-search__nothing")
    assert labels["search_browse"] in panel.inner_text()
    parts = [labels[f"section_{name}"] for name in ("theory", "practice", "applications", "reference")]
    links = panel.locator("a")
    texts = [links.nth(index).inner_text() for index in range(links.count())]
    assert all(part in texts for part in parts), texts
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        assert href.startswith(f"{base}/{edition_prefix(edition)}"), href
        response = page.request.get(href.split("#")[0])
        assert response.ok, href


def test_nothing_found_offers_the_closest_glossary_terms(desktop_page):
    base, page = desktop_page
    open_search(page, base, "zh")
    assert search_box(page, "量子纠缠注意力") == [], "a query about something else found pages by one common word"
    suggestions = page.locator(".kb-search__nothing ul").first.locator("a")
    assert suggestions.count() >= 1
    assert "注意力" in suggestions.first.inner_text()
    assert "/reference/glossary/#" in suggestions.first.get_attribute("href")


def test_a_cold_query_transfers_little(built_site, chromium):
    """Pagefind's module and index chunks, the edition's search words and the shown results' data,
    compressed as a host serves them: at most 250 KiB for a reader's first query."""
    from llmkb.browser import serve

    _, site = built_site
    with serve(site, compress=True) as base:
        for edition, query in (("zh", "显存怎么算"), ("zh-Hant", "顯存怎麼算"), ("en", "how much gpu memory")):
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/{edition_prefix(edition)}", wait_until="networkidle")
            before = page.evaluate("performance.getEntriesByType('resource').length")
            page.keyboard.press("/")
            assert search_box(page, query)
            transferred = page.evaluate("n => performance.getEntriesByType('resource').slice(n).reduce((s, e) => s + e.transferSize, 0)", before)
            context.close()
            assert 0 < transferred <= MAX_COLD_QUERY_BYTES, f"{edition}: a cold query transferred {transferred / 1024:.0f} KiB"


# ---- the search box -------------------------------------------------------------------------------


def test_slash_shortcut_opens_search_and_escape_closes(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/theory/", wait_until="load")
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('kb-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_results_are_keyboard_navigable_and_filterable(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/", wait_until="load")
    page.keyboard.press("s")
    assert search_box(page, "LoRA")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kb-search__list a')")
    everywhere = search_box(page, "RLHF")
    assert any(not path.startswith("theory/") for path in everywhere), everywhere
    page.get_by_role("button", name="理论篇").click()
    theory_only = search_box(page, "奖励模型")
    assert theory_only and all(path.startswith("theory/") for path in theory_only), theory_only


def test_material_search_index_is_never_requested_and_nothing_leaves_the_site(desktop_page):
    base, page = desktop_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/", wait_until="networkidle")
    page.keyboard.press("/")
    search_box(page, "幻觉")
    assert not [url for url in requested if "search_index.json" in url or "workers/search" in url]
    assert any("/pagefind/" in url for url in requested)
    assert all(url.startswith(base) for url in requested), [url for url in requested if not url.startswith(base)]


def test_search_works_at_phone_width(browser_page):
    base, page = browser_page
    page.goto(f"{base}/", wait_until="load")
    page.locator("label.md-header__button[for='__search']").tap()
    assert page.evaluate("document.getElementById('__search').checked")
    results = search_box(page, "幻觉")
    assert results and results[0] == "theory/hallucination/"
    # The search box and the result list fit the screen once Material's open transition has ended.
    fits = """() => ['.kb-search__input', '.kb-search__list'].every(selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.width > 0 && box.left >= 0 && box.right <= 390;
    })"""
    try:
        page.wait_for_function(fits, timeout=3000)
    except PlaywrightTimeout:
        pass  # the assertions below say which box does not fit
    for selector in (".kb-search__input", ".kb-search__list"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)


# ---- the bundle -----------------------------------------------------------------------------------


def test_traditional_edition_has_no_index_of_its_own(built_site):

    _, site = built_site
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "zh"], "the 繁體 edition searches the 简体 index"
    for edition in EDITIONS:
        words = json.loads((site / "pagefind" / "kb" / f"{edition}.json").read_text(encoding="utf-8"))
        assert len(words["pages"]) == entry["languages"][words["index"]]["page_count"]
        assert ("convert" in words) == (edition == "zh-Hant")


def test_pagefind_filter_files_are_canonical_so_builds_are_reproducible(built_site, tmp_path):
    # Pagefind writes filter values in hash-map order and names files by hash; llmkb.render.search sorts the
    # values and renames the filter and metadata files by content. Undo that in a copy (another order,
    # other names, as Pagefind leaves them), rewrite it, and expect the build's exact files back.
    import shutil

    import cbor2

    from llmkb.render import search

    _, site = built_site
    original = site / "pagefind"
    copy = tmp_path / "pagefind"
    shutil.copytree(original, copy)
    # One filter file and one metadata file per index: give each another value order and a
    # placeholder name, as Pagefind would, and point the references at the new names.
    metas = {path.name.split(".")[1].rsplit("_", 1)[0]: path for path in copy.glob("pagefind.*.pf_meta")}
    meta_bytes = {language: gzip.decompress(path.read_bytes()) for language, path in metas.items()}
    for path in sorted((copy / "filter").glob("*.pf_filter")):
        language, digest = path.stem.rsplit("_", 1)
        name, values = cbor2.loads(gzip.decompress(path.read_bytes())[len(search._SIGNATURE):])
        assert [value for value, _ in values] == sorted(value for value, _ in values), "filter values are not sorted"
        placeholder = f"{language}_{'0' * len(digest)}"
        path.unlink()
        (path.parent / f"{placeholder}.pf_filter").write_bytes(
            gzip.compress(search._SIGNATURE + cbor2.dumps([name, list(reversed(values))])))
        meta_bytes[language] = meta_bytes[language].replace(path.stem.encode(), placeholder.encode())
    entry = json.loads((copy / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language, path in metas.items():
        placeholder = f"{language}_{'0' * len(path.name.split('.')[1].rsplit('_', 1)[1])}"
        path.unlink()
        (copy / f"pagefind.{placeholder}.pf_meta").write_bytes(gzip.compress(meta_bytes[language]))
        entry["languages"][language]["hash"] = placeholder
    entry["languages"] = dict(reversed(list(entry["languages"].items())))
    (copy / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    search.make_filters_reproducible(copy)
    for folder in (".", "filter"):
        names = sorted(path.name for path in (original / folder).iterdir() if path.is_file())
        assert sorted(path.name for path in (copy / folder).iterdir() if path.is_file()) == names
        for name in names:
            assert (copy / folder / name).read_bytes() == (original / folder / name).read_bytes(), name


def test_english_index_holds_every_page_in_english(built_site):
    """Every page of the nav is in the English index, as its English page: title, description, English words."""
    _, site = built_site
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("en_*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(_SIGNATURE):])
        fragments[fragment["url"].removeprefix("/en/")] = fragment
    nav = book_pages(load_config(config_file=str(MKDOCS_FILE)).nav)
    missing = [entry.url or "/" for entry in nav if entry.url not in fragments]
    assert not missing, f"pages missing from the English search index: {missing}"
    assert len(fragments) == len(nav), f"the English index holds pages outside the nav: {sorted(set(fragments) - {e.url for e in nav})}"
    pages = site_pages()
    wrong = []
    for entry in nav:
        meta = pages[translation_uri(entry.src_uri, "en")].meta
        fragment = fragments[entry.url]
        words = fragment["content"].split()
        chinese = sum(1 for word in words if HAN_RE.search(word))
        title = meta.title if entry.url else "LLM Knowledge Base"  # the home page's heading is the site's name
        if fragment["meta"]["title"] != title or fragment["meta"]["description"] != meta.description or chinese > len(words) * 0.05:
            wrong.append(f"{entry.url or '/'}: title {fragment['meta']['title']!r}, {chinese} of {len(words)} words Chinese")
    assert not wrong, "English index entries that are not the English page:\n" + "\n".join(wrong)
