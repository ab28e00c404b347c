"""A "not found" page for every edition, in its language: site/404.html, zh-Hant/404.html, en/404.html.

MkDocs renders the theme's 404.html once, into the site root, so the other editions would overwrite
it with theirs; this hook renders it for each edition into the edition's own folder instead, with
links to the edition's home page and parts (``kb_not_found_links``) and the words from
data/labels.yaml. Links are absolute from the site's path (MkDocs' rule for error pages): a host
serves the page at whatever address was not found.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import get_context

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import edition_prefix

TEMPLATE = "404.html"
_edition: dict[str, object] = {}  # the theme environment, files and nav of the edition being built


@stage("config", "not_found")
def on_config(config):
    config.theme.static_templates.discard(TEMPLATE)  # rendered below, one per edition
    return config


@stage("files", "not_found")
def on_files(files, config):
    _edition["files"] = files
    return files


@stage("nav", "not_found")
def on_nav(nav, config, files):
    _edition["nav"] = nav
    return nav


@stage("env", "not_found")
def on_env(env, config, files):
    _edition["env"] = env
    return env


@stage("template_context", "not_found")
def on_template_context(template_context, template_name, config):
    if template_name == TEMPLATE:
        nav = template_context["nav"]
        links = [{"title": nav.homepage.title if nav.homepage else config.site_name, "url": nav.homepage.url if nav.homepage else ""}]
        for item in nav.items:
            if item.is_section and item.children:
                first = item.children[0]
                links.append({"title": item.title, "url": first.url})
        template_context["kb_not_found_links"] = links
    return template_context


@stage("post_build", "not_found")
def on_post_build(config):
    from urllib.parse import urlsplit

    template = _edition["env"].get_template(TEMPLATE)
    page_context = get_context(_edition["nav"], _edition["files"], config, base_url=urlsplit(config.site_url or "/").path)
    page_context = config.plugins.on_template_context(page_context, template_name=TEMPLATE, config=config)
    output = config.plugins.on_post_template(template.render(page_context), template_name=TEMPLATE, config=config)
    target = Path(config.site_dir) / edition_prefix(context.current().edition) / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
