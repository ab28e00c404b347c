"""Section index cards: each page of a nav section with its title and description."""

from __future__ import annotations

import html
import posixpath

from llmkb.model.editions import DEFAULT, label, normalized_uri
from llmkb.model.frontmatter import Page


def section_cards(pages: dict[str, Page], child_uris: list[str], from_uri: str, language: str = DEFAULT) -> str:
    """Material 'grid cards' listing the given pages in nav order; empty when there are none.

    On a page written in English, a card for a page that exists only in Chinese says so.
    """
    if not child_uris:
        return ""
    base = posixpath.dirname(normalized_uri(from_uri))
    cards = []
    for uri in child_uris:
        page = pages[uri]
        target = posixpath.relpath(normalized_uri(uri), base)
        note = label("in_chinese", language) if page.language != language else ""
        cards.append(f"-   [**{page.meta.title}**]({target}){note}\n\n    ---\n\n    {html.escape(page.meta.description, quote=False)}\n")
    return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"
