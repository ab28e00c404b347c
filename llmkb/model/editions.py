"""Language editions: which edition a build is for, which language a page is written in, and labels.

Three editions are built (mkdocs-static-i18n, suffix structure): ``zh`` (Simplified Chinese, the
source, at /), ``zh-Hant`` (generated from the Simplified source with OpenCC, llmkb/render/hant.py) and
``en`` (``page.en.md`` files, falling back to the Chinese page where a page is not translated).

Generated text (tables, notices, reference lists) is written in the language of the page it is
generated into: an English page gets English tables, a Chinese page shown in the English edition
keeps Chinese ones. Every such string lives in data/labels.yaml, in Chinese and English.
"""

from __future__ import annotations

import posixpath
from functools import cache

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.yamlfile import load_yaml_file
from llmkb.paths import DATA_DIR

DEFAULT = "zh"
TRADITIONAL = "zh-Hant"
ENGLISH = "en"
EDITIONS = (DEFAULT, TRADITIONAL, ENGLISH)
# Languages pages are written in; zh-Hant is never written, only generated.
SOURCE_LANGUAGES = (DEFAULT, ENGLISH)
# <html lang> of each edition, as Material sets it from its UI language.
HTML_LANG = {DEFAULT: "zh", TRADITIONAL: "zh-TW", ENGLISH: "en"}
OG_LOCALE = {DEFAULT: "zh_CN", TRADITIONAL: "zh_TW", ENGLISH: "en_US"}
LABELS_FILE = DATA_DIR / "labels.yaml"


def build_language(config) -> str:
    """The edition being built: mkdocs-static-i18n builds them one after another with one config."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT


def building_another_edition(config) -> bool:
    """True while mkdocs-static-i18n builds an edition after the first one, within the same build."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False))


def edition_prefix(language: str) -> str:
    """Where an edition lives inside the built site: '' for the default, 'en/' for English."""
    return "" if language == DEFAULT else f"{language}/"


def page_language(src_uri: str) -> str:
    """The language a docs file is written in, from its suffix: page.en.md is English."""
    stem = posixpath.splitext(src_uri)[0]
    return ENGLISH if stem.endswith(".en") else DEFAULT


def normalized_uri(src_uri: str) -> str:
    """The page a file translates: theory/bpe.en.md -> theory/bpe.md."""
    return src_uri.replace(".en.md", ".md") if src_uri.endswith(".en.md") else src_uri


def translation_uri(src_uri: str, language: str) -> str:
    """The file holding a page's text in a source language: theory/bpe.md, en -> theory/bpe.en.md."""
    base = normalized_uri(src_uri)
    return base if language == DEFAULT else base.removesuffix(".md") + f".{language}.md"


def label(key: str, language: str, **values) -> str:
    """A generated string in the page's language (zh-Hant pages are converted after rendering)."""
    labels = _labels()
    if key not in labels:
        raise KeyError(f"no label '{key}' in data/labels.yaml")
    text = labels[key][ENGLISH if language == ENGLISH else DEFAULT]
    return text.format(**values) if values else text


def label_keys(prefix: str) -> list[str]:
    """The keys that start with ``prefix``, in the order of data/labels.yaml."""
    return [key for key in _labels() if key.startswith(prefix)]


def labels_for(language: str) -> dict[str, str]:
    """Every label in one language, for templates."""
    return {key: label(key, language) for key in _labels()}


@cache
def _labels() -> dict[str, dict[str, str]]:
    raw, lines = load_yaml_file(LABELS_FILE)
    errors = []
    for key, value in raw.items():
        if not isinstance(key, str):  # YAML reads yes/no/on/off as booleans
            errors.append(ContentError(LABELS_FILE, f"label key {key!r} is not a string", "quote the key or rename it", None))
        elif not isinstance(value, dict) or set(value) != set(SOURCE_LANGUAGES) or not all(isinstance(v, str) and v for v in value.values()):
            errors.append(ContentError(LABELS_FILE, f"label '{key}' must have exactly a 'zh' and an 'en' string", "write zh: ... and en: ... under the key", lines.get(key)))
    if errors:
        raise ContentErrors(errors)
    return raw
