"""Gives every abbreviation in the glossary a tooltip on every page.

Appends Markdown abbreviation definitions (``*[RLHF]: ...``, the `abbr` extension) generated from
data/glossary.yaml to each page, so the definitions live in one data file and never in docs/.
Material's ``content.tooltips`` shows them on hover, on keyboard focus and on tap.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from llmkb.errors import ContentErrors
from llmkb.glossary import abbreviation_definitions
from llmkb.refdata import load_reference_data


def on_page_markdown(markdown, page, config, files):
    try:
        definitions = abbreviation_definitions(load_reference_data())
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    return f"{markdown.rstrip()}\n\n{definitions}" if definitions else markdown
