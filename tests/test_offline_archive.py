"""The downloadable offline copy (`llmkb archive`): unzipped and served, it works like the site;
opened from disk, pages work and search explains why it cannot."""

from __future__ import annotations

import zipfile

import pytest

from llmkb.book.archive import package, write_archive
from llmkb.browser import start_server
from llmkb.paths import ARCHIVE_FOLDER

# Page types: home, a section index, a content page with math and tables, the glossary.
PAGES = ["index.html", "theory/index.html", "theory/llama-architecture.html", "reference/glossary.html"]
FORMULA_PAGE = "theory/llama-architecture.html"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    work = tmp_path_factory.mktemp("offline")
    archive = package(work / "published", work / "kb.zip", log=lambda message: None)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(work / "unzipped")
    return archive, work / "unzipped" / ARCHIVE_FOLDER


def browser_cancelled(request) -> bool:
    """The browser's own favicon fetch, cancelled because the test moved on to the next page: not a
    fault of the copy (a missing favicon fails with ERR_FILE_NOT_FOUND or 404 and is still reported)."""
    return request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg")


def watch(page):
    """Collects failed requests, JavaScript errors and any request that leaves `allowed` prefixes."""
    problems: list[str] = []
    page.on("requestfailed", lambda request: None if browser_cancelled(request) else problems.append(f"failed: {request.url} {request.failure}"))
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("console", lambda message: problems.append(f"console error: {message.text}") if message.type == "error" else None)
    return problems


def test_archive_is_reproducible(unzipped, tmp_path):
    archive, folder = unzipped
    again = tmp_path / "again.zip"
    write_archive(folder, again)
    first = tmp_path / "first.zip"
    write_archive(folder, first)
    assert again.read_bytes() == first.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert names == sorted(names) and all(name.startswith(f"{ARCHIVE_FOLDER}/") for name in names)


def test_served_archive_pages_and_search_work(unzipped, chromium):
    _, folder = unzipped
    server, base = start_server(folder)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url) if not request.url.startswith((base, "data:", "blob:")) else None)
    try:
        for path in PAGES:
            page.goto(f"{base}/{path}", wait_until="networkidle")
            assert page.locator("article h1").count() == 1, path
        # Following a link lands on a real file, not a directory listing.
        page.goto(f"{base}/index.html", wait_until="networkidle")
        page.locator("article a[href='theory/index.html']").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{base}/theory/index.html"
        page.keyboard.press("/")
        page.locator(".kb-search__input").fill("显存")
        page.wait_for_function("document.querySelector('.kb-search__list').dataset.query === '显存'")
        results = page.eval_on_selector_all(".kb-search__list > li > a:first-child", "links => links.map(a => a.href)")
        assert results and all(url.startswith(base) and url.split("#")[0].endswith(".html") for url in results), results
        page.goto(results[0], wait_until="networkidle")
        assert page.locator("article h1").count() == 1
        assert not problems, problems
        assert not external, f"requests to other hosts: {external}"
        assert page.locator(".kb-archive-link").count() == 0, "the offline copy links to itself"
    finally:
        context.close()
        server.shutdown()


def test_archive_opened_from_disk_shows_pages_and_explains_search(unzipped, chromium):
    _, folder = unzipped
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)
    try:
        for path in PAGES:
            page.goto((folder / path).as_uri(), wait_until="load")
            assert page.locator("article h1").count() == 1, path
        # Formulas are set in the math font the copy carries, read from disk like the page.
        page.goto((folder / FORMULA_PAGE).as_uri(), wait_until="load")
        assert page.locator("article math").count() > 0, f"{FORMULA_PAGE} has no formula to check the math font on"
        page.evaluate("document.fonts.ready")
        faces = page.evaluate("[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Latin Modern Math').map(f => f.status)")
        assert faces == ["loaded"], f"the math font did not load from the offline copy: {faces}"
        page.keyboard.press("/")
        page.locator(".kb-search__input").fill("显存")
        page.wait_for_function("document.querySelector('.kb-search__list').dataset.query === '显存'")
        assert "python3 -m http.server" in page.locator(".kb-search__meta").inner_text()
        assert not problems, problems
    finally:
        context.close()
