"""Take screenshots of built pages in headless Chromium, at desktop and phone widths, light and dark.

Builds nothing: point it at a built site directory (default: site/). It serves the directory on
127.0.0.1 itself, so pages load exactly as a reader's browser would load them.

Example:
    NO_MKDOCS_2_WARNING=1 uv run mkdocs build && uv run llmkb screenshot / theory/history/ --out shots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llmkb.cli.common import add_site_arguments
from llmkb.paths import ROOT

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="+", help="page URLs relative to the site root, e.g. / or theory/history/")
    add_site_arguments(parser, builds=False)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots", help="where to write PNGs")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not just the first screen")


def run(args: argparse.Namespace) -> int:
    from llmkb.browser import chromium, serve

    if not (args.site_dir / "index.html").exists():
        print(f"error: {args.site_dir} has no index.html; build the site first", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site_dir) as base, chromium() as browser:
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
    return 0
