"""Gives every abbreviation in the glossary a tooltip on every page.

Hands the `abbr` Markdown extension a glossary generated from data/glossary.yaml, in the
edition's language (English definitions in the English edition, also on pages not translated
yet), so the definitions live in one data file and never in docs/. Material's
``content.tooltips`` shows them on hover, on keyboard focus and on tap.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from llmkb.errors import ContentErrors
from llmkb.glossary import abbreviation_glossary
from llmkb.i18n import ENGLISH, build_language
from llmkb.refdata import load_reference_data


@event_priority(-110)  # after mkdocs-static-i18n has switched the config to the edition
def on_config(config):
    language = ENGLISH if build_language(config) == ENGLISH else "zh"
    try:
        glossary = abbreviation_glossary(load_reference_data(), language)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    return config
