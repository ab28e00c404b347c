"""Validates every page's front matter and citations before the build, and shows page status.

Adds to the build: a strict parse of all front matter (MkDocs would silently drop bad YAML) and
of every citation key, reporting all problems at once with file, line and fix; on each page, the
date its content was last reviewed, and a notice on pages marked ``time_sensitive: true``; the
same date becomes the page's ``lastmod`` in sitemap.xml (instead of the build date).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.bibliography import load_bibliography
from llmkb.citations import check_citations
from llmkb.errors import ContentErrors
from llmkb.site import site_pages


def on_files(files, config):
    try:
        pages = site_pages(Path(config.docs_dir))
        bibliography = load_bibliography()
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    errors = [error for page in pages.values() for error in check_citations(page, bibliography)]
    if errors:
        raise PluginError(ContentErrors(errors).report())
    return files


def on_page_markdown(markdown, page, config, files):
    meta = site_pages(Path(config.docs_dir))[page.file.src_uri].meta
    page.update_date = meta.updated.isoformat()
    month = meta.updated.strftime("%Y-%m")
    if meta.time_sensitive:
        status = (
            f'!!! warning "时效性提示"\n\n'
            f"    本页内容具有时效性（模型、价格、排行榜等变化很快），最后核实于 {month}。"
            f"引用前请以文末参考文献中的官方来源为准。\n\n"
        )
    else:
        status = f'<p class="kb-reviewed">最后核实：<time datetime="{meta.updated.isoformat()}">{meta.updated.isoformat()}</time></p>\n\n'
    return status + markdown
