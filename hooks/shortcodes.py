"""Replaces ``<!-- kb:NAME key=value -->`` markers with content generated from the data files.

Tables of models and benchmarks, the glossary, the timeline, charts, section cards and the
bibliography all come from data/ through one registry (llmkb/render/shortcodes.py). An unknown marker,
argument or id fails the build with the page, the line and the fix. A page with an interactive
widget's marker gets the widget's script and stylesheet (``kb_scripts``, ``kb_styles`` in the page's
meta, written by overrides/main.html); other pages load neither.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.errors import plugin_errors
from llmkb.model.editions import page_language
from llmkb.render.shortcodes import Context, ShortcodeError, expand
from llmkb.render.widgets import assets_for
from llmkb.text import source_location


@stage("page_markdown", "shortcodes")
def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    page.meta["kb_scripts"], page.meta["kb_styles"] = assets_for(markdown)
    build = context.current()
    siblings = [child.file.src_uri for child in (page.parent.children if page.parent else []) if child.is_page]
    shortcode_context = Context(
        page_uri=page.file.src_uri,
        nav_siblings=siblings,
        pages=build.pages,
        bibliography=build.bibliography,
        data=build.data,
        language=page_language(page.file.src_uri),
        edition=build.edition,
        questions=build.questions,
    )
    try:
        with plugin_errors():
            return expand(markdown, shortcode_context)
    except ShortcodeError as exc:
        where = source_location(page.file.abs_src_path, exc.marker or "", page.file.src_path)
        raise PluginError(f"{where}: {exc.message}\n    fix: {exc.fix}") from None
