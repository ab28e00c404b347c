"""Converts each page's Markdown once for both Chinese editions.

The 繁體中文 edition is the Simplified source, rendered, then converted with OpenCC
(hooks/traditional_chinese.py), so until that conversion a page's HTML is the same in both
editions. While mkdocs-static-i18n builds the Simplified edition, this hook keeps what
Python-Markdown made of each page (llmkb/build/render_reuse.py); while it builds 繁體中文, a page whose
expanded Markdown is the same gets that back instead of a second conversion, and one whose Markdown
differs is converted as usual. Under ``mkdocs serve`` every edition also reuses its own conversion
from the previous rebuild when the page's Markdown and everything else the conversion reads are
unchanged (llmkb/build/preview.py).
"""

from __future__ import annotations

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.build.render_reuse import keep_rendered, take_markdown


@stage("page_markdown", "render_reuse")  # after every hook that changes the Markdown
def on_page_markdown(markdown, page, config, files):
    return take_markdown(page, markdown, context.current().edition, config, files)


@stage("page_content", "render_reuse")  # before every hook that changes the HTML
def on_page_content(html, page, config, files):
    return keep_rendered(page, html, context.current().edition)
