"""Generates the 繁體中文 (zh-Hant) edition from the Simplified source, at build time, with OpenCC.

While mkdocs-static-i18n builds the zh-Hant edition (every page falls back to its Simplified
source), this hook converts what readers see: the site name, section titles in the nav, each
page's title, description, tags, table of contents and rendered content (diagrams are converted by
hooks/figures.py). Code, math, URLs and anchors stay as they are (llmkb/render/hant.py). The
Simplified and English editions are not touched. The events run after the i18n plugin has
switched the config to the edition being built (llmkb/build/pipeline.py).
"""

from __future__ import annotations

from mkdocs.structure.nav import Section

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import TRADITIONAL
from llmkb.render.hant import convert_html, convert_text


def _active(config) -> bool:
    return context.current().edition == TRADITIONAL


@stage("config", "traditional_chinese")
def on_config(config):
    # The English edition overrides these keys, so mkdocs-static-i18n restores the Simplified
    # originals before every edition; converting them here never compounds.
    if _active(config):
        for key in ("site_name", "site_description", "site_author", "copyright"):
            if config[key]:
                config[key] = convert_text(config[key])
    return config


@stage("nav", "traditional_chinese")
def on_nav(nav, config, files):
    if _active(config):
        def walk(items):
            for item in items:
                if isinstance(item, Section):
                    item.title = convert_text(item.title)
                    walk(item.children)
        walk(nav.items)
    return nav


@stage("page_markdown", "traditional_chinese")
def on_page_markdown(markdown, page, config, files):
    if _active(config) and isinstance(page.meta.get("tags"), list):
        page.meta["tags"] = [convert_text(tag) for tag in page.meta["tags"]]
    return markdown


def _convert_toc(items) -> None:
    for item in items:
        item.title = convert_html(item.title)
        _convert_toc(item.children)


@stage("page_content", "traditional_chinese")
def on_page_content(html, page, config, files):
    if not _active(config):
        return html
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = convert_text(page.meta[key])
    _convert_toc(page.toc.items)
    return convert_html(html)
