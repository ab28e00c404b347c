"""Turns inline ``[@key]`` citations into numbered links and appends each page's 参考文献 section.

The list is built from the page's ``sources`` front matter and ``data/bibliography.yaml``, so a
page never carries a hand-written reference list that could drift from the data.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.bibliography import load_bibliography
from llmkb.citations import render_citations
from llmkb.errors import ContentErrors
from llmkb.site import site_pages


def on_page_markdown(markdown, page, config, files):
    source = site_pages(Path(config.docs_dir))[page.file.src_uri]
    try:
        return render_citations(markdown, source, load_bibliography())
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
