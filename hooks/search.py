"""Site search with Pagefind, replacing Material's built-in index.

Adds to every page the hidden data Pagefind indexes (section filter, description, glossary
aliases), and after every build (``mkdocs build`` and ``mkdocs serve`` alike) runs Pagefind over the
built site to write the search bundle into ``site/pagefind/``: one bundle, one index per edition
(Pagefind picks it by ``<html lang>``); pages not yet translated stay out of the English index. The
search UI lives in ``overrides/partials/search.html`` and ``docs/assets/javascripts/search.js``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import building_another_edition, normalized_uri, page_language
from llmkb.render.search import build_index, search_markup

log = logging.getLogger("mkdocs.hooks.search")


@stage("config", "search")
def on_config(config):
    # Material's search plugin stays only so the header draws the search button; its own index is
    # never loaded, so its per-page indexing (a full HTML parse of every page) is skipped.
    for event in ("page_context", "post_build"):
        handlers = config.plugins.events[event]
        handlers[:] = [h for h in handlers if getattr(h, "__module__", "") != "material.plugins.search.plugin"]
    return config


@stage("page_content", "search")
def on_page_content(html, page, config, files):
    build = context.current()
    meta = build.pages[page.file.src_uri].meta
    language = page_language(page.file.src_uri)
    return html + "\n" + search_markup(normalized_uri(page.file.src_uri), meta.title, meta.description, build.data, language)


@stage("post_build", "search")
def on_post_build(config):
    # mkdocs-static-i18n builds the other editions inside the default edition's post_build and flags
    # `building` meanwhile; index once, when every edition is on disk.
    if building_another_edition(config):
        return
    try:
        seconds = build_index(Path(config.site_dir))
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"Pagefind search index built in {seconds:.2f} s")
