"""Search in a real browser: the query set finds its pages, shortcuts and the phone layout work."""

from __future__ import annotations

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from llmkb.paths import ROOT

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
MIN_RECALL = 0.95


def search(page, query: str) -> list[str]:
    """Type a query into the header search box and return the result page paths, best first."""
    box = page.locator(".kb-search__input")
    box.fill(query)
    page.wait_for_function("q => document.querySelector('.kb-search__list').dataset.query === q", arg=query)
    hrefs = page.eval_on_selector_all(".kb-search__list > li > a:first-child", "links => links.map(a => a.pathname)")
    return [href.lstrip("/") for href in hrefs]


def test_query_set_recall_in_top_five(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/", wait_until="load")
    page.locator(".kb-search__input").click()
    misses = []
    for item in QUERIES:
        found = search(page, item["query"])[:5]
        if item["page"] not in found:
            misses.append(f"{item['query']!r}: expected {item['page']}, got {found}")
    recall = 1 - len(misses) / len(QUERIES)
    print(f"search recall@5 = {recall:.1%} over {len(QUERIES)} queries")
    assert recall >= MIN_RECALL, f"recall {recall:.1%} < {MIN_RECALL:.0%}; misses:\n" + "\n".join(misses)


def test_query_set_is_large_and_resolves():
    assert len(QUERIES) >= 40
    for item in QUERIES:
        assert (ROOT / "docs" / item["page"].rstrip("/")).with_suffix(".md").exists() or (
            ROOT / "docs" / item["page"] / "index.md"
        ).exists(), item


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
    assert search(page, "LoRA")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.kb-search__list a')")
    everywhere = search(page, "RLHF")
    assert any(not path.startswith("theory/") for path in everywhere), everywhere
    page.get_by_role("button", name="理论篇").click()
    theory_only = search(page, "奖励模型")
    assert theory_only and all(path.startswith("theory/") for path in theory_only), theory_only


def test_material_search_index_is_never_requested(desktop_page):
    base, page = desktop_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/", wait_until="networkidle")
    page.keyboard.press("/")
    search(page, "幻觉")
    assert not [url for url in requested if "search_index.json" in url or "workers/search" in url]
    assert any("/pagefind/" in url for url in requested)
    assert all(url.startswith(base) for url in requested), [url for url in requested if not url.startswith(base)]


def test_search_works_at_phone_width(browser_page):
    base, page = browser_page
    page.goto(f"{base}/", wait_until="load")
    page.locator("label.md-header__button[for='__search']").tap()
    assert page.evaluate("document.getElementById('__search').checked")
    results = search(page, "幻觉")
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


def _all_results(page, query: str) -> list[str]:
    """Every result path for a query (not only the ten shown), via the same Pagefind bundle."""
    search(page, query)
    return page.evaluate(
        """async q => {
            const pf = await import(new URL('pagefind/pagefind.js', new URL(document.querySelector('.kb-search').dataset.kbSearchBase + '/', location.href)).href);
            const found = await pf.search(q);
            return Promise.all(found.results.map(r => r.data().then(d => new URL(d.url, location.href).pathname)));
        }""",
        query,
    )


def test_english_edition_searches_only_its_translated_pages(desktop_page):
    from llmkb.model.editions import translation_uri
    from llmkb.paths import DOCS_DIR

    base, page = desktop_page
    page.goto(f"{base}/en/", wait_until="load")
    page.keyboard.press("/")
    for query in ("reward model", "RoPE", "hallucination"):
        paths = _all_results(page, query)
        assert paths, f"English search found nothing for {query!r}"
        assert len(paths) == len(set(paths)), f"{query!r}: a page found twice: {paths}"
        for path in paths:
            assert path.startswith("/en/"), f"{query!r}: {path} is not in the English edition"
            uri = (path.removeprefix("/en/").rstrip("/") or "index") + ".md"
            uri = uri if (DOCS_DIR / uri).exists() else uri.removesuffix(".md") + "/index.md"
            assert (DOCS_DIR / translation_uri(uri, "en")).exists(), f"{query!r}: {path} is not translated, must not be indexed"
    page.get_by_role("button", name="Theory").click()
    assert all(path.startswith("en/theory/") for path in search(page, "attention"))


def test_traditional_edition_searches_its_own_pages_in_traditional(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/zh-Hant/", wait_until="load")
    page.keyboard.press("/")
    for query, expected in (("幻覺", "zh-Hant/theory/hallucination/"), ("顯存", "zh-Hant/practice/gpu-memory/"), ("獎勵模型", "zh-Hant/theory/training-pipeline/")):
        paths = search(page, query)
        # Traditional text is indexed character by character (Pagefind's dictionary is Simplified),
        # so ranking is coarser than in the Simplified edition: the page must be on the first screen.
        assert expected in paths, f"{query!r}: expected {expected} among the results shown, got {paths}"
        assert all(path.startswith("zh-Hant/") for path in paths), paths
        assert len(paths) == len(set(paths)), paths
def test_pagefind_filter_files_are_canonical_so_builds_are_reproducible(built_site, tmp_path):
    # Pagefind writes filter values in hash-map order and names files by hash; llmkb.render.search sorts the
    # values and renames the filter and metadata files by content. Undo that in a copy (another order,
    # other names, as Pagefind leaves them), rewrite it, and expect the build's exact files back.
    import gzip
    import json
    import shutil

    import cbor2

    from llmkb.render import search

    _, site = built_site
    original = site / "pagefind"
    copy = tmp_path / "pagefind"
    shutil.copytree(original, copy)
    # One filter file and one metadata file per language (edition): give each another value order
    # and a placeholder name, as Pagefind would, and point the references at the new names.
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
    assert len(entry["languages"]) == 3, "one index per edition"
    (copy / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    search.make_filters_reproducible(copy)
    for folder in (".", "filter"):
        names = sorted(path.name for path in (original / folder).iterdir() if path.is_file())
        assert sorted(path.name for path in (copy / folder).iterdir() if path.is_file()) == names
        for name in names:
            assert (copy / folder / name).read_bytes() == (original / folder / name).read_bytes(), name
