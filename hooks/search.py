"""Site search with Pagefind, replacing Material's built-in index.

Adds to every page the hidden data Pagefind indexes (section filter, description, glossary
aliases), and after every build (``mkdocs build`` and ``mkdocs serve`` alike) runs Pagefind over the
built site to write the search bundle into ``site/pagefind/``. The search UI lives in
``overrides/partials/search.html`` and ``docs/assets/javascripts/search.js``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.refdata import load_reference_data
from llmkb.search import build_index, search_markup
from llmkb.site import site_pages

log = logging.getLogger("mkdocs.hooks.search")


def on_page_content(html, page, config, files):
    meta = site_pages(Path(config.docs_dir))[page.file.src_uri].meta
    return html + "\n" + search_markup(page.file.src_uri, meta.title, meta.description, load_reference_data())


def on_post_build(config):
    try:
        seconds = build_index(Path(config.site_dir))
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"Pagefind search index built in {seconds:.2f} s")
