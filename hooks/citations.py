"""Turns inline ``[@key]`` citations into numbered links and appends each page's 参考文献 section.

The list is built from the page's ``sources`` front matter and ``data/bibliography.yaml``, so a
page never carries a hand-written reference list that could drift from the data. The keys the
author wrote were checked with the whole site (hooks/build_context.py); keys that data tables add
are checked here.
"""

from __future__ import annotations

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.errors import plugin_errors
from llmkb.render.citations import render_citations


@stage("page_markdown", "citations")
def on_page_markdown(markdown, page, config, files):
    build = context.current()
    with plugin_errors():
        return render_citations(markdown, build.pages[page.file.src_uri], build.bibliography)
