"""Gives every abbreviation in the glossary a tooltip on every page.

Appends Markdown abbreviation definitions (``*[RLHF]: ...``, the `abbr` extension) generated from
data/glossary.yaml to each page, so the definitions live in one data file and never in docs/.
Material's ``content.tooltips`` shows them on hover, on keyboard focus and on tap. The HTML keeps
each definition once per page (llmkb/glossary.py, define_abbreviations_once).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from llmkb.errors import ContentErrors
from llmkb.glossary import abbreviation_definitions, define_abbreviations_once
from llmkb.refdata import load_reference_data


# The glossary page itself spells out every definition next to the term: tooltips there would only
# repeat them (and its 300-odd abbreviations cost 15 KB of HTML and a tooltip component each).
GLOSSARY_MARKER = "<!-- kb:glossary -->"


def on_page_markdown(markdown, page, config, files):
    if GLOSSARY_MARKER in page.file.content_string:  # the source: hooks/shortcodes.py has replaced it by now
        return markdown
    try:
        definitions = abbreviation_definitions(load_reference_data())
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    return f"{markdown.rstrip()}\n\n{definitions}" if definitions else markdown


def on_page_content(html, page, config, files):
    return define_abbreviations_once(html)
