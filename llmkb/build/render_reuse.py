"""One Markdown conversion per page for the two Chinese editions, and per save under ``mkdocs serve``
(hooks/render_reuse.py).

The Simplified edition keeps, per page, the Markdown it converted (after every hook has expanded
it) and what MkDocs got from the conversion: the HTML before any content hook, the table of
contents, the title found in the text and the anchors. The 繁體中文 edition, built from the same
source, hands MkDocs an empty text to convert when its Markdown is identical and puts the kept
results back. Links were checked when the Simplified edition converted the same text, and the two
editions' folders mirror each other, so relative links are the same.

Under ``mkdocs serve`` (llmkb/build/preview.py) every edition also keeps its conversions from one
rebuild to the next, with what else the conversion read: the edition's file list (links are
resolved against it), the extension settings (the glossary's abbreviations among them), mkdocs.yml
and the files the page includes with ``--8<--``. A page whose Markdown and inputs are all unchanged
is not converted again. Its links are still checked against the sources on every rebuild
(llmkb/build/checks.py); MkDocs' own anchor check only sees the pages converted again.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from llmkb.build import context, preview
from llmkb.model.editions import DEFAULT, TRADITIONAL

# Set on a page while MkDocs converts the empty text standing in for it.
REUSED = "_kb_reused_render"


@dataclass(frozen=True)
class Rendered:
    markdown: str
    html: str
    toc: object
    title: str | None
    anchors: frozenset[str]
    inputs: tuple = ()  # under `mkdocs serve`: what else the conversion read (conversion_inputs)


# Under `mkdocs serve`: each edition's conversions from the previous rebuild, by (edition, src_uri).
_previous_rebuild: dict[tuple[str, str], Rendered] = {}
# The Markdown and inputs of the page being converted, until its HTML is kept.
_PENDING = "_kb_pending_render"


def take_markdown(page, markdown: str, edition: str, config, files) -> str:
    """The Markdown MkDocs should convert: the page's own, or nothing when a kept result fits.

    The Simplified edition notes the Markdown (for 繁體); 繁體 reuses the Simplified conversion of
    the same Markdown; under ``mkdocs serve`` any edition reuses its own from the previous rebuild.
    """
    build = context.current()
    src_uri = page.file.src_uri
    inputs = conversion_inputs(markdown, edition, config, files) if preview.active() else ()
    if edition == DEFAULT or inputs:
        setattr(page, _PENDING, (markdown, inputs))
    kept = build.rendered.get(src_uri) if edition == TRADITIONAL else None
    if kept is None or kept.markdown != markdown:
        kept = _previous_rebuild.get((edition, src_uri)) if inputs and inputs[-1] is not None else None
        if kept is not None and (kept.markdown != markdown or kept.inputs != inputs):
            kept = None
    if kept is None:
        return markdown
    setattr(page, REUSED, kept)
    return ""


def keep_rendered(page, html: str, edition: str) -> str:
    """The page's converted HTML: its own, or the kept result handed back; noted for later reuse."""
    build = context.current()
    markdown, inputs = getattr(page, _PENDING, (None, ()))
    kept = getattr(page, REUSED, None)
    if kept is not None:
        delattr(page, REUSED)
        page.toc = deepcopy(kept.toc)  # the 繁體 hook converts the titles in place
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors)
        page.links_to_anchors = {}
        html = kept.html
    if markdown is None:
        return html
    delattr(page, _PENDING)
    rendered = Rendered(markdown, html, deepcopy(page.toc), page._title_from_render, frozenset(page.present_anchor_ids or ()),
                        inputs)
    if edition == DEFAULT:
        build.rendered[page.file.src_uri] = rendered
    if preview.active():
        _previous_rebuild[(edition, page.file.src_uri)] = rendered
    return html


def conversion_inputs(markdown: str, edition: str, config, files) -> tuple:
    """What a conversion reads besides the Markdown; the last item is None when it cannot be told
    (a snippet form preview.snippet_stamps does not read)."""
    build = context.current()
    settings = build.conversion_settings.get(edition)
    if settings is None:
        config_file = Path(config.config_file_path) if config.config_file_path else None
        settings = (edition, preview.settings_digest(config.markdown_extensions, config.mdx_configs),
                    preview.file_stamps([config_file] if config_file else []),
                    preview.settings_digest(sorted(file.src_uri for file in files)))
        build.conversion_settings[edition] = settings
    return (*settings, preview.snippet_stamps(markdown))
