"""Writes llms.txt and a Markdown copy of every page into the built site.

People who want to feed the knowledge base to their own LLM tools get an index (llms.txt, from
the nav and front matter) and each page's Markdown source without front matter.
"""

from __future__ import annotations

from pathlib import Path

from llmkb.i18n import DEFAULT, build_language
from llmkb.llms_txt import llms_txt
from llmkb.book import book_pages
from llmkb.site import site_pages


def on_post_build(config):
    # The Simplified source is the text for machines; the other editions do not repeat it.
    if build_language(config) != DEFAULT:
        return
    site_dir = Path(config.site_dir)
    pages = site_pages(Path(config.docs_dir))
    base = config.site_url or ""  # relative links when no site URL is configured
    (site_dir / "llms.txt").write_text(llms_txt(config.site_name, config.site_description, config.nav, pages, base), encoding="utf-8")
    for entry in book_pages(config.nav):
        if entry.src_uri not in pages:  # a nav entry without a page fails the build elsewhere
            continue
        page = pages[entry.src_uri]
        target = site_dir / entry.url / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)  # absent when built with use_directory_urls: false
        target.write_text(f"# {page.meta.title}\n\n> {page.meta.description}\n\n{page.body.strip()}\n", encoding="utf-8")
