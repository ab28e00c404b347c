"""Contact sheet: every page template in every edition, at desktop and phone width, light and dark.

Takes screenshots of the built site (default: site/; build it first) with Debian's Chromium and
writes them with an index.html that shows each page's four views side by side, one row per page
and edition: open it in a browser and read the pages as a reader would before calling a change
that touches what pages show done. Long pages are cut at --max-height pixels.

Example:
    NO_MKDOCS_2_WARNING=1 uv run mkdocs build && uv run llmkb contact-sheet
    uv run llmkb contact-sheet --pages theory/bpe/ --editions en    # one page, one edition
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

from llmkb.cli.common import add_site_arguments
from llmkb.model.editions import EDITIONS, edition_prefix
from llmkb.paths import ROOT

# Page templates: what each kind of page looks like (the URL is the same in every edition).
SETTLED_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
TEMPLATES = {
    "home": "",
    "part index": "theory/",
    "theory page with math and a diagram": "theory/llama-architecture/",
    "practice page with code": "practice/lora-training/",
    "tool page": "practice/gpu-memory/",
    "glossary": "reference/glossary/",
    "models": "reference/models/",
    "bibliography": "reference/bibliography/",
    "not found (404)": "404.html",
}
VIEWS = {  # name: (viewport, colour scheme)
    "desktop-light": ({"width": 1280, "height": 900}, "light"),
    "desktop-dark": ({"width": 1280, "height": 900}, "dark"),
    "phone-light": ({"width": 390, "height": 844}, "light"),
    "phone-dark": ({"width": 390, "height": 844}, "dark"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser, builds=False)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "contact-sheet", help="folder for the PNGs and index.html")
    parser.add_argument("--pages", nargs="*", help="page URLs instead of the page templates, e.g. theory/bpe/")
    parser.add_argument("--editions", nargs="*", choices=EDITIONS, default=list(EDITIONS), help="editions (default: all three)")
    parser.add_argument("--max-height", type=int, default=5000, help="cut full-page screenshots at this height (default 5000 px)")


def run(args: argparse.Namespace) -> int:
    from llmkb.browser import RENDER_EVERYTHING_CSS, chromium, serve

    if not (args.site_dir / "index.html").exists():
        print(f"error: {args.site_dir} has no built site; build it first (mkdocs build)", file=sys.stderr)
        return 2
    pages = {url or "home": url for url in args.pages} if args.pages else TEMPLATES
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    with serve(args.site_dir) as base, chromium() as browser:
        contexts = {name: browser.new_context(viewport=viewport, color_scheme=scheme, device_scale_factor=1,
                                              is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500)
                    for name, (viewport, scheme) in VIEWS.items()}
        for title, url in pages.items():
            for edition in args.editions:
                path = edition_prefix(edition) + url
                shots = []
                for view, context in contexts.items():
                    page = context.new_page()
                    page.goto(f"{base}/{path}", wait_until="networkidle")
                    page.evaluate("document.fonts.ready")
                    # Lazy figures below the first screen load only when scrolled to.
                    page.evaluate("async () => { for (const img of document.querySelectorAll('img[loading=lazy]')) img.loading = 'eager'; }")
                    page.wait_for_load_state("networkidle")
                    # A reader who scrolls sees every code block and list; the full-page shot must too. The
                    # shot resizes the page, which starts Material's transitions (the tabs were caught half
                    # faded): a picture shows where they settle.
                    page.add_style_tag(content=RENDER_EVERYTHING_CSS + SETTLED_CSS)
                    height = min(page.evaluate("document.documentElement.scrollHeight"), args.max_height)
                    name = f"{(edition_prefix(edition) + (url or 'home')).strip('/').replace('/', '_').replace('.html', '')}-{view}.png"
                    page.screenshot(path=str(args.out / name), clip={"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height},
                                    full_page=True)
                    page.close()
                    shots.append((view, name))
                    print(args.out / name)
                rows.append((title, edition, path, shots))
        for context in contexts.values():
            context.close()
    (args.out / "index.html").write_text(_index(rows), encoding="utf-8")
    print(f"open {args.out / 'index.html'}")
    return 0


def _index(rows) -> str:
    cells = []
    for title, edition, path, shots in rows:
        images = "".join(f'<figure><a href="{name}"><img src="{name}" loading="lazy" alt="{html.escape(view)}"></a>'
                         f"<figcaption>{html.escape(view)}</figcaption></figure>" for view, name in shots)
        cells.append(f'<section><h2>{html.escape(title)} · {edition} · <code>/{html.escape(path)}</code></h2><div class="row">{images}</div></section>')
    return ("<!doctype html><meta charset=utf-8><title>Contact sheet</title><style>"
            "body{font-family:sans-serif;margin:1rem;background:#eee} section{margin-bottom:2rem} h2{font-size:1rem}"
            ".row{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto} figure{margin:0;flex:none}"
            "figure img{display:block;width:320px;border:1px solid #999;background:#fff} figure:nth-child(n+3) img{width:160px}"
            "figcaption{font-size:.8rem;text-align:center}</style>" + "".join(cells))
