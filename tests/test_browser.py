"""In a real browser (Debian's Chromium via Playwright): tooltips work on tap, pages load nothing external."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


@pytest.fixture(scope="module")
def browser_page(built_site):
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does")
    result, site = built_site
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        yield base, context.new_page()
        browser.close()
    server.shutdown()


def test_tapping_an_abbreviation_shows_its_definition(browser_page):
    base, page = browser_page
    page.goto(f"{base}/theory/training-pipeline/", wait_until="networkidle")
    abbr = page.locator("article abbr", has_text="SFT").first
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    page.wait_for_timeout(500)
    visible = [tip.inner_text() for tip in page.locator(".md-tooltip2").all() if tip.is_visible()]
    assert any(text.startswith("监督微调") for text in visible), visible


@pytest.mark.parametrize("path", ["/", "/theory/history/", "/reference/models/"])
def test_page_requests_only_the_local_server(browser_page, path):
    base, page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}{path}", wait_until="networkidle")
    external = [url for url in requests if not url.startswith(base) and not url.startswith("data:")]
    assert not external, external
