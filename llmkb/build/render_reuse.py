"""One Markdown conversion per page for the two Chinese editions (hooks/render_reuse.py).

The Simplified edition keeps, per page, the Markdown it converted (after every hook has expanded
it) and what MkDocs got from the conversion: the HTML before any content hook, the table of
contents, the title found in the text and the anchors. The 繁體中文 edition, built from the same
source, hands MkDocs an empty text to convert when its Markdown is identical and puts the kept
results back. Links were checked when the Simplified edition converted the same text, and the two
editions' folders mirror each other, so relative links are the same.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from llmkb.build import context

# Set on a 繁體 page while MkDocs converts the empty text standing in for it.
REUSED = "_kb_reused_render"


@dataclass(frozen=True)
class Rendered:
    markdown: str
    html: str
    toc: object
    title: str | None
    anchors: frozenset[str]


def take_markdown(page, markdown: str, reuse: bool) -> str:
    """The Markdown MkDocs should convert: the page's own, or nothing when the kept result fits."""
    build = context.current()
    if not reuse:
        build.rendered[page.file.src_uri] = markdown
        return markdown
    kept = build.rendered.get(page.file.src_uri)
    if isinstance(kept, Rendered) and kept.markdown == markdown:
        setattr(page, REUSED, kept)
        return ""
    return markdown


def keep_rendered(page, html: str) -> None:
    build = context.current()
    markdown = build.rendered.get(page.file.src_uri)
    if isinstance(markdown, str):
        build.rendered[page.file.src_uri] = Rendered(markdown, html, deepcopy(page.toc), page._title_from_render,
                                                     frozenset(page.present_anchor_ids or ()))


def reuse_rendered(page, html: str) -> str:
    kept = getattr(page, REUSED, None)
    if kept is None:
        return html
    delattr(page, REUSED)
    page.toc = deepcopy(kept.toc)  # the 繁體 hook converts the titles in place
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors)
    page.links_to_anchors = {}
    return kept.html
