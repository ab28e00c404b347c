"""Shows each page's status above its content, and gives the sitemap the page's review date.

Adds to every page the date its content was last reviewed (front matter ``updated``; on pages marked
``time_sensitive: true`` inside the time-sensitive notice, as a full date) and, in the English edition, a notice on pages not translated
yet (which also keeps them out of the English search index, see overrides/main.html) and on
translations whose Chinese page changed since they were translated (llmkb/model/translations.py),
linking the Chinese page. The same date
becomes the page's ``lastmod`` in sitemap.xml instead of the build date. The home page's heading is
the site's name (its nav title stays short), and it shows no navigation sidebar: its content already
leads into every part.
"""

from __future__ import annotations

import html

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import ENGLISH, label, normalized_uri, page_language
from llmkb.render.editions import stale_translation_notice


@stage("page_markdown", "page_status")
def on_page_markdown(markdown, page, config, files):
    build = context.current()
    meta = build.pages[page.file.src_uri].meta
    page.update_date = meta.updated.isoformat()
    # Material prints the description into <meta content="..."> as it is: a quote in it would end the attribute.
    page.meta["description"] = html.escape(meta.description, quote=True)
    language = page_language(page.file.src_uri)
    status = ""
    if normalized_uri(page.file.src_uri) == "index.md":  # every edition's home page
        status += f"<h1>{html.escape(config.site_name)}</h1>\n\n"  # no permalink: the page's only heading of its kind
        page.meta["hide"] = [*page.meta.get("hide", []), "navigation"]
    if build.edition == ENGLISH and language != ENGLISH:
        page.meta["kb_untranslated"] = True
        status += (
            f'!!! info "{label("untranslated_title", ENGLISH)}"\n\n    {label("untranslated_body", ENGLISH)}\n\n'
        )
    translation = build.translations.get(page.file.src_uri) if build.edition == ENGLISH else None
    if translation is not None and translation.stale:
        status += stale_translation_notice(translation, page.url)
    day = meta.updated.isoformat()
    time = f'<time datetime="{day}">{day}</time>'
    if meta.time_sensitive:
        title = label("time_sensitive_title", language)
        body = label("time_sensitive_body", language, date=time)
        status += f'!!! warning "{title}"\n\n    {body}\n\n'
    else:
        status += f'<p class="kb-reviewed">{label("reviewed", language, date=time)}</p>\n\n'
    return status + markdown
