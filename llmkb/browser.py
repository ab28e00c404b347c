"""Debian's Chromium driven by Playwright, and a local server for a built site: shared by the book
exports, the benchmarks, the screenshot sheet and the tests.

Playwright cannot download its own browsers on these machines; it drives /usr/bin/chromium (Debian's
package ``chromium``), headless, with background networking off (the machines' closed network
refuses Chromium's own connections).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
# Drawn in full: blocks the site lets the browser skip until they are scrolled near (content-visibility:
# auto in site.css) are blank in a full-page screenshot and have no colours for axe to check.
RENDER_EVERYTHING_CSS = "* { content-visibility: visible !important; }"
# Text types a static host compresses (GitHub Pages gzips these; fonts and images it sends as they are).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def launch(playwright, **options):
    """Debian's Chromium, headless, as every tool and test here starts it."""
    if not Path(CHROMIUM).is_file():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (sudo apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **options)


@contextmanager
def chromium(**options) -> Iterator:
    """A browser for the duration of a ``with`` block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, **options)
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


class GzipHandler(QuietHandler):
    """Serves text files gzip-compressed when the browser accepts it, as static hosts do (for measuring bytes)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard handler redirects to the trailing slash
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class LocalServer(http.server.ThreadingHTTPServer):
    """A threaded server whose listen queue holds a browser's burst of parallel requests: the standard
    queue of 5 drops connections when several test workers' pages load at once on a busy machine."""

    request_queue_size = 128


def start_server(directory: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 in a background thread; returns the server and its base URL."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(directory))
    server = LocalServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` for the duration of a ``with`` block; yields the base URL."""
    server, base = start_server(directory, compress)
    try:
        yield base
    finally:
        server.shutdown()


def search_box(page, query: str) -> list[str]:
    """Type a query into the site's search box and return the result pages' paths (from the site root), best first.

    The search box marks its list with the query it shows (``data-query``); the paths are read after that.
    """
    page.locator(".kb-search__input").fill(query)
    page.wait_for_function("q => document.querySelector('.kb-search__list').dataset.query === q", arg=query)
    root = page.evaluate("new URL(document.querySelector('.kb-search').dataset.kbSearchBase + '/', location.href).pathname")
    paths = page.eval_on_selector_all(".kb-search__list > li > a:first-child", "links => links.map(a => decodeURI(a.pathname))")
    return [path.removeprefix(root) for path in paths]
