"""What an edition shows of the generated text: labels and part names in its language and script."""

from __future__ import annotations

from llmkb.model.editions import DEFAULT, ENGLISH, TRADITIONAL, labels_for
from llmkb.render.hant import convert_text


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
