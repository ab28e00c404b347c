"""Writes llms.txt and a Markdown copy of every page into the built site.

People who want to feed the knowledge base to their own LLM tools get an index (llms.txt, from
the nav and front matter) and each page as Markdown. The copy is the page's Markdown after the
other page hooks have run (data markers expanded into tables, citations numbered with the
reference list), so it holds what the page shows, not the markers that generate it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from llmkb.book import book_pages
from llmkb.i18n import DEFAULT, build_language
from llmkb.llms_txt import llms_txt, markdown_copy
from llmkb.site import site_pages

# src_uri -> the page's Markdown as expanded by the hooks before this one, for the default edition.
_expanded: dict[str, str] = {}


@event_priority(-50)  # after shortcodes and citations (default priority) have expanded the page
def on_page_markdown(markdown, page, config, files):
    if build_language(config) == DEFAULT:
        _expanded[page.file.src_uri] = markdown
    return markdown


def on_post_build(config):
    # The Simplified source is the text for machines; the other editions do not repeat it.
    if build_language(config) != DEFAULT:
        return
    site_dir = Path(config.site_dir)
    pages = site_pages(Path(config.docs_dir))
    base = config.site_url or ""  # relative links when no site URL is configured
    (site_dir / "llms.txt").write_text(llms_txt(config.site_name, config.site_description, config.nav, pages, base), encoding="utf-8")
    for entry in book_pages(config.nav):
        if entry.src_uri not in pages or entry.src_uri not in _expanded:
            continue  # a nav entry without a page fails the build elsewhere
        target = site_dir / entry.url / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)  # absent when built with use_directory_urls: false
        target.write_text(markdown_copy(pages[entry.src_uri], _expanded[entry.src_uri]), encoding="utf-8")
