"""Replaces ``<!-- kb:NAME -->`` markers in Markdown with content generated from data.

Known markers: ``kb:section-pages`` (cards for the pages of the current nav section, with their
descriptions) and ``kb:bibliography`` (the whole bibliography with back-links). An unknown marker
fails the build, so a typo never leaves a silent gap on a page.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.bibliography import load_bibliography
from llmkb.citations import bibliography_html
from llmkb.sections import section_cards
from llmkb.site import site_pages

MARKER_RE = re.compile(r"<!--\s*kb:([a-z-]+)\s*-->")


def on_page_markdown(markdown, page, config, files):
    pages = site_pages(Path(config.docs_dir))

    def render(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "section-pages":
            children = [child.file.src_uri for child in (page.parent.children if page.parent else []) if child.is_page]
            return section_cards(pages, [uri for uri in children if uri != page.file.src_uri], page.file.src_uri)
        if name == "bibliography":
            return bibliography_html(load_bibliography(), pages, page.file.src_uri)
        line = markdown.count("\n", 0, match.start()) + 1
        raise PluginError(
            f"{page.file.src_path}: unknown marker <!-- kb:{name} --> near line {line} of the rendered Markdown\n"
            "    fix: use <!-- kb:section-pages --> or <!-- kb:bibliography -->"
        )

    return MARKER_RE.sub(render, markdown)
