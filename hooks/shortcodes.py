"""Replaces ``<!-- kb:NAME key=value -->`` markers with content generated from the data files.

Tables of models and benchmarks, the glossary, the timeline, charts, section cards and the
bibliography all come from data/ through one registry (llmkb/shortcodes.py). An unknown marker,
argument or id fails the build with the page, the line and the fix.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.bibliography import load_bibliography
from llmkb.errors import ContentErrors
from llmkb.i18n import build_language, page_language
from llmkb.refdata import load_reference_data
from llmkb.shortcodes import Context, ShortcodeError, expand
from llmkb.site import site_pages


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    siblings = [child.file.src_uri for child in (page.parent.children if page.parent else []) if child.is_page]
    try:
        context = Context(
            page_uri=page.file.src_uri,
            nav_siblings=siblings,
            pages=site_pages(Path(config.docs_dir)),
            bibliography=load_bibliography(),
            data=load_reference_data(),
            language=page_language(page.file.src_uri),
            edition=build_language(config),
        )
        return expand(markdown, context)
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    except ShortcodeError as exc:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        offset = source.find(exc.marker) if exc.marker else -1
        where = f"{page.file.src_path}:{source.count(chr(10), 0, offset) + 1}" if offset >= 0 else page.file.src_path
        raise PluginError(f"{where}: {exc.message}\n    fix: {exc.fix}") from None
