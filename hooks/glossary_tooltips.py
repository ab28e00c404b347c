"""Gives every abbreviation in the glossary a tooltip on every page.

Hands the `abbr` Markdown extension a glossary generated from data/glossary.yaml, in the
edition's language (English definitions in the English edition, also on pages not translated
yet), so the definitions live in one data file and never in docs/. Material's
``content.tooltips`` shows them on hover, on keyboard focus and on tap. Each abbreviation is marked
once per h2 section and never in headings or table headers (llmkb/render/glossary.py,
mark_abbreviations), and the glossary page, which spells every definition out, gets none.
"""

from __future__ import annotations

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT, ENGLISH
from llmkb.render.glossary import GLOSSARY_MARKER, abbreviation_glossary, mark_abbreviations, without_abbreviations


@stage("config", "glossary_tooltips")
def on_config(config):
    build = context.current()
    language = ENGLISH if build.edition == ENGLISH else DEFAULT
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviation_glossary(build.data, language)
    return config


@stage("page_content", "glossary_tooltips")
def on_page_content(html, page, config, files):
    if GLOSSARY_MARKER in page.file.content_string:
        return without_abbreviations(html)
    return mark_abbreviations(html)
