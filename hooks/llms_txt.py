"""Writes llms.txt and a Markdown copy of every page into the built site.

People who want to feed the knowledge base to their own LLM tools get an index (llms.txt, from
the nav and front matter) and each page as Markdown. The copy is the page's Markdown after the
other page hooks have run (data markers expanded into tables, citations numbered with the
reference list), so it holds what the page shows, not the markers that generate it.
"""

from __future__ import annotations

from pathlib import Path

from llmkb.book.llms_txt import llms_txt, markdown_copy
from llmkb.book.pages import book_pages
from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT

# src_uri -> the page's Markdown as the hooks before this one expanded it, in the default edition.
_expanded: dict[str, str] = {}


@stage("page_markdown", "llms_txt")
def on_page_markdown(markdown, page, config, files):
    if context.current().edition == DEFAULT:
        _expanded[page.file.src_uri] = markdown
    return markdown


@stage("post_build", "llms_txt")
def on_post_build(config):
    build = context.current()
    # The Simplified source is the text for machines; the other editions do not repeat it.
    if build.edition != DEFAULT:
        return
    site_dir = Path(config.site_dir)
    base = config.site_url or ""  # relative links when no site URL is configured
    (site_dir / "llms.txt").write_text(llms_txt(config.site_name, config.site_description, config.nav, build.pages, base), encoding="utf-8")
    for entry in book_pages(config.nav):
        if entry.src_uri not in build.pages or entry.src_uri not in _expanded:
            continue  # a nav entry without a page fails the build elsewhere
        target = site_dir / entry.url / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)  # absent when built with use_directory_urls: false
        target.write_text(markdown_copy(build.pages[entry.src_uri], _expanded[entry.src_uri]), encoding="utf-8")
