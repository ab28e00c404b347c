"""The build pipeline: when each hook acts, as one table.

MkDocs calls the handlers of an event from the highest priority to the lowest; plugins default to
0, and at equal priority hooks run after plugins in the order mkdocs.yml lists them. Every hook
handler here has its own priority, so the order is this table's and never the list's. The plugins
that matter for the order: mkdocs-static-i18n switches the config to the edition being built at
``config`` -100, lays out the edition's files at ``files`` -100 and builds the other editions from
its ``post_build`` at -100; Material's tags plugin reads page tags at ``page_markdown`` -50.

MAINTAINING.md shows the same table (tests/test_build_pipeline.py keeps both and mkdocs.yml in step).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

# (event, hook file stem) -> priority; within an event, higher runs first.
PRIORITIES: dict[tuple[str, str], int] = {
    ("startup", "preview"): 0,  # under `mkdocs serve`, rebuilds keep what a save did not change
    # config: after mkdocs-static-i18n (-100) has switched the config to the edition being built
    ("config", "build_warnings"): -104,  # MkDocs' link and nav warnings with line and fix, once each
    ("config", "build_context"): -105,  # read and validate pages, bibliography and data once per build
    ("config", "glossary_tooltips"): -110,  # the abbr extension's glossary, in the edition's language
    ("config", "traditional_chinese"): -111,  # site name and description in 繁體
    ("config", "editions"): -112,  # heading permalink titles and colour-toggle names in the edition's language
    ("config", "search"): -113,  # Material's own search indexing switched off
    ("config", "not_found"): -114,  # MkDocs' one 404 page replaced by one per edition
    # files: after mkdocs-static-i18n (-100) has laid out the edition's files
    ("files", "charts"): -110,  # charts drawn from data, added as SVG files
    ("files", "figures"): -111,  # figures in the edition's script, in its own folder, with dark variants
    ("files", "not_found"): -112,  # the edition's files, for its 404 page
    ("files", "unused_files"): -113,  # theme files no page loads dropped (lunr, search worker, source maps)
    ("nav", "traditional_chinese"): -110,  # section titles in 繁體
    ("nav", "not_found"): -111,  # the edition's nav (translated, converted), for its 404 page
    ("env", "templates"): 10,  # every edition's Jinja environment shares the compiled templates
    ("env", "not_found"): 0,  # the edition's template environment, for its 404 page
    # page_markdown: Markdown in, Markdown out
    ("page_markdown", "traditional_chinese"): 100,  # tags in 繁體 before the tags plugin (-50) reads them
    ("page_markdown", "page_status"): 30,  # review date, time-sensitive, untranslated and stale-translation notices
    ("page_markdown", "shortcodes"): 20,  # <!-- kb:... --> markers expanded from data
    ("page_markdown", "questions"): 15,  # the 自测 section, before the references the citations hook adds
    ("page_markdown", "citations"): 10,  # after shortcodes: generated tables cite with [@key]
    ("page_markdown", "llms_txt"): -60,  # the expanded Markdown kept for the page's Markdown copy
    ("page_markdown", "render_reuse"): -70,  # 繁體: no second conversion of Markdown the Simplified edition converted
    # page_content: HTML of the article
    ("page_content", "render_reuse"): 50,  # 繁體: the Simplified conversion put back, before any hook changes it
    ("page_content", "glossary_tooltips"): 40,  # each abbreviation marked once per section, never in headings
    ("page_content", "math"): 30,  # TeX to MathML
    ("page_content", "tables"): 25,  # numeric table columns right-aligned
    ("page_content", "accessibility"): 20,  # tables and code blocks focusable
    ("page_content", "search"): 10,  # hidden search data appended to the article
    ("page_content", "figures"): 5,  # figure images: light and dark variants in a link to the full size
    ("page_content", "traditional_chinese"): -110,  # the whole article converted to 繁體, last
    # templates
    ("page_context", "editions"): -100,  # after mkdocs-static-i18n (50) set the language links
    ("template_context", "editions"): 0,  # edition labels for templates without a page (404)
    ("template_context", "not_found"): -10,  # the 404 page's links to the home page and the parts
    ("post_page", "minify"): 0,  # whitespace collapsed in the written HTML
    # post_build: the default edition's post_build runs before mkdocs-static-i18n (-100) builds the others
    ("post_build", "llms_txt"): 0,  # llms.txt and Markdown copies (default edition only)
    ("post_build", "not_found"): -10,  # the edition's 404 page, in its folder
    ("post_build", "feed"): -11,  # the edition's Atom feed of recent changes, in its folder
    ("post_build", "editions"): -200,  # once every edition is written: sitemap copies
    ("post_build", "search"): -201,  # once every edition is written: the Pagefind index
    ("post_build", "math"): -202,  # once every edition is written: the math font subset
    ("post_build", "unused_files"): -203,  # once every edition is written: Material's empty search index removed
}


def priority(event: str, hook: str) -> int:
    return PRIORITIES[(event, hook)]


def stage(event: str, hook: str):
    """Decorator giving a hook handler its place in the pipeline: ``@stage("page_markdown", "citations")``."""
    return event_priority(priority(event, hook))
