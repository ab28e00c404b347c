"""Validates every page's front matter and citations before the build, and shows page status.

Adds to the build: a strict parse of all front matter (MkDocs would silently drop bad YAML) and
of every citation key, reporting all problems at once with file, line and fix; on each page, the
date its content was last reviewed, a notice on pages marked ``time_sensitive: true``, and, in
the English edition, a notice on pages not translated yet; the
same date becomes the page's ``lastmod`` in sitemap.xml (instead of the build date).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.bibliography import load_bibliography
from llmkb.citations import check_citations
from llmkb.errors import ContentErrors
from llmkb.i18n import ENGLISH, build_language, label, page_language
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
    language = page_language(page.file.src_uri)
    status = ""
    if build_language(config) == ENGLISH and language != ENGLISH:
        # Shown in the English edition until the page is translated; also keeps it out of the
        # English search index (overrides/main.html).
        page.meta["kb_untranslated"] = True
        status += (
            f'!!! info "{label("untranslated_title", ENGLISH)}"\n\n    {label("untranslated_body", ENGLISH)}\n\n'
        )
    if meta.time_sensitive:
        title = label("time_sensitive_title", language)
        body = label("time_sensitive_body", language, month=meta.updated.strftime("%Y-%m"))
        status += f'!!! warning "{title}"\n\n    {body}\n\n'
    else:
        day = meta.updated.isoformat()
        time = f'<time datetime="{day}">{day}</time>'
        status += f'<p class="kb-reviewed">{label("reviewed", language, date=time)}</p>\n\n'
    return status + markdown
