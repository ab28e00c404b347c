"""Gives every abbreviation in the glossary a tooltip on every page.

Hands the `abbr` Markdown extension a glossary generated from data/glossary.yaml, in the
edition's language (English definitions in the English edition, also on pages not translated
yet), so the definitions live in one data file and never in docs/. Material's
``content.tooltips`` shows them on hover, on keyboard focus and on tap. The HTML keeps each
definition once per page (llmkb/glossary.py, define_abbreviations_once), and the glossary page,
which spells every definition out, gets none.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from llmkb.errors import ContentErrors
from llmkb.glossary import abbreviation_glossary, define_abbreviations_once, without_abbreviations
from llmkb.i18n import ENGLISH, build_language
from llmkb.refdata import load_reference_data

# The glossary page itself spells out every definition next to the term: tooltips there would only
# repeat them (and its 300-odd abbreviations cost 15 KB of HTML and a tooltip component each).
GLOSSARY_MARKER = "<!-- kb:glossary -->"


@event_priority(-110)  # after mkdocs-static-i18n has switched the config to the edition
def on_config(config):
    language = ENGLISH if build_language(config) == ENGLISH else "zh"
    try:
        glossary = abbreviation_glossary(load_reference_data(), language)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    return config


def on_page_content(html, page, config, files):
    if GLOSSARY_MARKER in page.file.content_string:
        return without_abbreviations(html)
    return define_abbreviations_once(html)
