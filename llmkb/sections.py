"""Section index cards: each page of a nav section with its title and description."""

from __future__ import annotations

import html
import posixpath

from llmkb.frontmatter import Page


def section_cards(pages: dict[str, Page], child_uris: list[str], from_uri: str) -> str:
    """Material 'grid cards' listing the given pages in nav order; empty when there are none."""
    if not child_uris:
        return ""
    base = posixpath.dirname(from_uri)
    cards = []
    for uri in child_uris:
        meta = pages[uri].meta
        target = posixpath.relpath(uri, base)
        cards.append(f"-   [**{meta.title}**]({target})\n\n    ---\n\n    {html.escape(meta.description, quote=False)}\n")
    return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"
