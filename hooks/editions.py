"""Gives the templates what differs between the language editions.

Sets, for each edition, the theme strings mkdocs.yml can give only once: the title of the heading
permalinks (the toc extension's ``permalink_title``) and the names of the light/dark toggle.
Adds to every page's template context ``kb_labels`` (the strings the overrides in overrides/ show,
from data/labels.yaml, converted with OpenCC for the 繁體中文 edition), ``kb_search_labels`` (the
search box's share of them, as JSON),
``kb_ui_labels`` (the words the site's scripts show, as JSON), ``kb_downloads`` (the edition's books
and the offline copy, named in llmkb/paths.py),
``kb_og_locale`` and ``kb_alternates`` (this page in every edition, for the language menu). The
templates only print them. Gives each edition folder the sitemap Material's language switcher reads.
"""

from __future__ import annotations

import json
import shutil
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT, OG_LOCALE, building_another_edition, edition_prefix
from llmkb.paths import ARCHIVE_FILE, book_file
from llmkb.render.editions import edition_labels


@stage("config", "editions")
def on_config(config):
    labels = edition_labels(context.current().edition)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = labels["headerlink"]
    for option in config.theme.get("palette") or []:
        # Each toggle switches to the other scheme: the light one offers dark, the dark one light.
        option["toggle"]["name"] = labels["palette_to_dark" if option["scheme"] == "default" else "palette_to_light"]
    return config


@stage("post_build", "editions")
def on_post_build(config):
    # Material's language switcher reads the sitemap of the edition it is on. mkdocs-static-i18n
    # writes one sitemap, covering every edition, at the site root (after the last edition, when its
    # `building` flag is down again); each edition folder gets a copy.
    i18n = config.plugins.get("i18n")
    if i18n is None or building_another_edition(config):
        return
    site = Path(config.site_dir)
    for edition in i18n.build_languages:
        if edition != DEFAULT:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                if (site / name).exists():
                    shutil.copyfile(site / name, site / edition_prefix(edition) / name)


@stage("page_context", "editions")  # after mkdocs-static-i18n has pointed the language links at this page
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


@stage("template_context", "editions")
def on_template_context(context, template_name, config):
    # Templates without a page (404.html) show the footer too, and a language menu to each edition's home.
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.extra_alternate and "kb_alternates" not in context:
        context["kb_alternates"] = _site_relative(i18n.extra_alternate, config)
    return _add_edition(context, config)


def _add_edition(template_context, config):
    edition = context.current().edition
    labels = edition_labels(edition)
    template_context["kb_labels"] = labels
    search_labels = {key: value for key, value in labels.items() if key.startswith(("search_", "section_"))}
    template_context["kb_search_labels"] = json.dumps(search_labels, ensure_ascii=False, sort_keys=True)
    # Words the site's own scripts show (ui_*), printed once per page as JSON (overrides/main.html).
    ui_labels = {key: value for key, value in labels.items() if key.startswith("ui_")}
    template_context["kb_ui_labels"] = json.dumps(ui_labels, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    # Paths from the site root (templates print them with the url filter): the edition's books are in its
    # folder, the offline copy of every edition at the root.
    prefix = edition_prefix(edition)
    template_context["kb_downloads"] = {"pdf": prefix + book_file(edition, "pdf"), "epub": prefix + book_file(edition, "epub"),
                                        "site_archive": ARCHIVE_FILE}
    template_context["kb_og_locale"] = OG_LOCALE[edition]
    template_context["kb_edition"] = edition
    template_context["kb_edition_prefix"] = prefix
    return template_context
