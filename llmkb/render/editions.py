"""What an edition shows of the generated text: labels and part names in its language and script."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from llmkb.model.editions import DEFAULT, ENGLISH, TRADITIONAL, edition_prefix, label, labels_for
from llmkb.model.translations import Translation
from llmkb.render.hant import convert_text

# The stale-translation notice's class: styled like the other notices, left out of the search index.
STALE_NOTICE_CLASS = "kb-translation-stale"


def edition_labels(edition: str) -> dict[str, str]:
    """Every label as the edition shows it: the 繁體中文 edition gets the Chinese ones converted."""
    if edition == TRADITIONAL:
        return {key: convert_text(value) for key, value in labels_for(DEFAULT).items()}
    return labels_for(ENGLISH if edition == ENGLISH else DEFAULT)


def section_title(name: str, edition: str, config) -> str:
    """A nav section's title in an edition: English from the i18n plugin's nav_translations, 繁體 converted."""
    if edition == TRADITIONAL:
        return convert_text(name)
    plugin = config.plugins.get("i18n")
    for language in plugin.config.languages if plugin else []:
        if language.locale == edition:
            return (language.nav_translations or {}).get(name, name)
    return name


def stale_translation_notice(item: Translation, page_url: str) -> str:
    """The notice above an English page whose Chinese page changed since it was translated (Markdown).

    Links the Chinese page by its URL relative to ``page_url`` (the English page's URL in the built site),
    so it works with directory and file URLs alike.
    """
    chinese_url = page_url.removeprefix(edition_prefix(ENGLISH))
    href = get_relative_url(chinese_url, page_url)
    href = href if chinese_url else href + "/"  # the default edition's home page: '..' -> '../'
    title = label("translation_stale_title", ENGLISH)
    body = label("translation_stale_body", ENGLISH, date=item.chinese.meta.updated.isoformat(), url=href)
    return f'!!! warning {STALE_NOTICE_CLASS} "{title}"\n\n    {body}\n\n'
