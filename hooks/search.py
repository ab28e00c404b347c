"""Site search with Pagefind, replacing Material's built-in index.

Adds to every page of the 简体 and the English edition the hidden data Pagefind indexes (section
filter, description, glossary names), and after every build indexes those two editions into
``site/pagefind/`` (one index each; the 繁體 edition searches the 简体 index) and writes, per
edition, the words the search box needs to read a query (``pagefind/kb/<edition>.json``). Under
``mkdocs serve`` the index of the first build is kept for the rebuilds (llmkb/build/preview.py).
The search UI lives in ``overrides/partials/search.html`` and ``docs/assets/javascripts/search.js``;
the query words in data/search.yaml.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.build import context, preview
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT, EDITIONS, ENGLISH, TRADITIONAL, building_another_edition, edition_prefix, normalized_uri, page_language, translation_uri
from llmkb.render.editions import edition_labels
from llmkb.render.search import (
    ARTICLE_RE,
    INDEX_OF,
    SEARCH_DATA_RE,
    SECTIONS,
    build_index,
    chinese_vocabulary,
    conversion_tables,
    is_listing,
    link_to,
    latin_words,
    indexed_page_table,
    page_url,
    query_data,
    search_markup,
    write_query_data,
)

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
    indexed = build.edition != TRADITIONAL and not page.meta.get("kb_untranslated")
    page.meta["kb_search_body"] = indexed  # overrides/main.html marks the article for Pagefind
    if not indexed:
        return html
    meta = build.pages[page.file.src_uri].meta
    language = page_language(page.file.src_uri)
    # First in the article: Pagefind counts text after a heading as that section's (the last is 参考文献).
    return search_markup(normalized_uri(page.file.src_uri), meta.title, meta.description, build.data, language) + "\n" + html


@stage("post_build", "search")
def on_post_build(config):
    # mkdocs-static-i18n builds the other editions inside the default edition's post_build and flags
    # `building` meanwhile; index once, when every edition is on disk.
    if building_another_edition(config):
        return
    site_dir = Path(config.site_dir)
    if preview.active() and preview.restore_folder(site_dir / "pagefind"):
        log.info("Pagefind search index kept from the first build (mkdocs serve; restart it to index edited text)")
        return
    try:
        seconds = build_index(site_dir)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    write_search_words(site_dir, config)
    log.info(f"Pagefind search index built in {seconds:.2f} s")
    if preview.active():
        preview.keep_folder(site_dir / "pagefind")


def write_search_words(site_dir: Path, config) -> None:
    build = context.current()
    pagefind_dir = site_dir / "pagefind"
    vocabulary = chinese_vocabulary(pagefind_dir)
    indexes = sorted(set(INDEX_OF.values()))
    pages = {index: indexed_page_table(pagefind_dir, index) for index in indexes}
    latin = {index: latin_words(site_dir, index) for index in indexes}
    for edition in EDITIONS:
        language = ENGLISH if INDEX_OF[edition] == "en" else DEFAULT
        titles = {}
        for src_uri in build.pages:
            if page_language(src_uri) == DEFAULT and is_listing(src_uri):
                page = build.pages.get(translation_uri(src_uri, language)) or build.pages[src_uri]
                titles[page_url(src_uri)] = page.meta.title
        labels = edition_labels(edition)
        parts = [{"title": labels[f"section_{name}"], "url": link_to(f"{name}/index.md", config.use_directory_urls)} for name in SECTIONS]
        conversion = conversion_tables(list(_page_pairs(site_dir)), [*vocabulary, *glossary_names(build.data)]) if edition == TRADITIONAL else None
        write_query_data(pagefind_dir, edition, query_data(edition, build.search_words, build.data, titles, parts, vocabulary, latin[INDEX_OF[edition]], pages[INDEX_OF[edition]], conversion,
                                                               config.use_directory_urls))


def glossary_names(data) -> list[str]:
    return [name for term in data.glossary.values() for name in [term.zh, *term.aliases]]


def _page_pairs(site_dir: Path):
    """(简体, 繁體) article of every page, for the 繁體 search box's conversion tables."""
    hant_dir = site_dir / edition_prefix(TRADITIONAL).strip("/")
    for hant in sorted(hant_dir.rglob("*.html")):
        simplified = site_dir / hant.relative_to(hant_dir)
        if simplified.is_file():
            zh_match, hant_match = ARTICLE_RE.search(simplified.read_text(encoding="utf-8")), ARTICLE_RE.search(hant.read_text(encoding="utf-8"))
            if zh_match and hant_match:
                yield SEARCH_DATA_RE.sub("", zh_match.group(0)), hant_match.group(0)
