#!/usr/bin/env python3
"""Take screenshots of built pages in headless Chromium, at desktop and phone widths, light and dark.

Builds nothing: point it at a built site directory (default: site/). It serves the directory on
127.0.0.1 itself, so pages load exactly as a reader's browser would load them. Uses Debian's
Chromium (/usr/bin/chromium) through Playwright.

Example:
    NO_MKDOCS_2_WARNING=1 uv run mkdocs build && uv run scripts/screenshot.py / theory/history/ --out shots
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from llmkb.paths import ROOT

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the standard library
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+", help="page URLs relative to the site root, e.g. / or theory/history/")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site directory (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots", help="where to write PNGs")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not just the first screen")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"error: {args.site} has no index.html; build the site first", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for viewport_name, viewport in VIEWPORTS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    for url in args.pages:
                        page.goto(f"{base}/{url.lstrip('/')}", wait_until="networkidle")
                        name = url.strip("/").replace("/", "_") or "home"
                        target = args.out / f"{name}-{viewport_name}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=args.full_page)
                        print(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
