"""Gives the templates what differs between the language editions.

Adds to every page's template context ``kb_labels`` (the strings the overrides in overrides/ show,
from data/labels.yaml, converted with OpenCC for the 繁體中文 edition), ``kb_search_labels`` (the
search box's share of them, as JSON), ``kb_site_root`` (where the one Pagefind bundle lives),
``kb_og_locale`` and ``kb_alternates`` (this page in every edition, for the language menu). The
templates only print them. Keeps the site-wide 404 page the default edition's, and gives each
edition folder the sitemap Material's language switcher reads.
"""

from __future__ import annotations

import json
from copy import deepcopy
from urllib.parse import urlsplit
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from llmkb.i18n import DEFAULT, OG_LOCALE, build_language, edition_labels, edition_prefix


@event_priority(-110)
def on_config(config):
    # Every edition is built into the same site folder; only the default edition writes the
    # site-wide 404 page, so the other editions must not overwrite it with theirs.
    if build_language(config) == DEFAULT:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config


@event_priority(-200)
def on_post_build(config):
    # Material's language switcher reads the sitemap of the edition it is on. mkdocs-static-i18n
    # writes one sitemap, covering every edition, at the site root (after the last edition, when its
    # `building` flag is down again); each edition folder gets a copy.
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return
    site = Path(config.site_dir)
    for edition in i18n.build_languages:
        if edition != DEFAULT:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                if (site / name).exists():
                    shutil.copyfile(site / name, site / edition_prefix(edition) / name)


@event_priority(-100)  # after mkdocs-static-i18n (50) has pointed the language links at this page
def on_page_context(context, page, config, nav):
    # The language menu links to this page in each edition; the <link rel="alternate"> tags in the
    # head go to the edition roots, because Material's script fetches <href>/sitemap.xml for each
    # of them (a page-level href would request a sitemap that does not exist). The sitemap itself
    # lists every page's hreflang alternates.
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.extra_alternate:
        # The plugin sets the attribute (config.extra.alternate), which templates read first.
        context["kb_alternates"] = _site_relative(config.extra.alternate, config)
        config.extra.alternate = _site_relative(i18n.extra_alternate, config)
        if config.extra.get("offline_copy"):
            # Browsers refuse those sitemap requests from file://: the offline copy has no <link
            # rel="alternate"> (a non-list value keeps the language menu, whose links are kb_alternates).
            config.extra.alternate = True
    return _add_edition(context, config)


def _site_relative(alternates, config) -> list[dict]:
    """The plugin's links to edition roots are absolute paths ("/en/"); as paths from the site root
    ("en/") the templates' url filter makes them relative, so they work under any path and offline."""
    base = urlsplit(config.site_url or "").path.rstrip("/") + "/"
    links = deepcopy(alternates)
    for alternate in links:
        if alternate["link"].startswith(base):
            alternate["link"] = alternate["link"][len(base):] or "./"
    return links


def on_template_context(context, template_name, config):
    # Templates without a page (404.html) show the footer too.
    return _add_edition(context, config)


def _add_edition(context, config):
    edition = build_language(config)
    labels = edition_labels(edition)
    context["kb_labels"] = labels
    search_labels = {key: value for key, value in labels.items() if key.startswith(("search_", "section_"))}
    context["kb_search_labels"] = json.dumps(search_labels, ensure_ascii=False, sort_keys=True)
    # Pagefind's one bundle lives at the site root, above the edition's own folder.
    base_url = context.get("base_url") or "."
    context["kb_site_root"] = base_url if edition == DEFAULT else f"{base_url}/.."
    context["kb_og_locale"] = OG_LOCALE[edition]
    return context
