"""Simplified -> Traditional Chinese (Taiwan phrasing) for the generated 繁體中文 edition.

OpenCC's ``s2twp`` converts characters and Taiwan vocabulary, and quotes become corner brackets; data/zh-hant-phrases.yaml overrides
its choice for LLM terms where it is wrong for this field (显存 is not 視訊記憶體 here). Only
reader-visible text is converted: the words of prose and of formulas (a formula's symbols are not
Chinese, so OpenCC leaves them alone), and the attributes a reader hears or sees on hover (alt, title,
aria-label, a formula's TeX in alttext). Code, URLs, tag names and other attributes stay as they
are. ``s2twp`` is not idempotent (a second pass turns 演算法 into 演演算法), so the edition is
converted exactly once, from the Simplified source, on every build: the same source always gives
the same edition (tests/test_editions.py).
"""

from __future__ import annotations

import html
import re
from functools import cache

import opencc

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.yamlfile import load_yaml_file
from llmkb.paths import DATA_DIR
from llmkb.text import HAN, HAN_RE

PHRASES_FILE = DATA_DIR / "zh-hant-phrases.yaml"
# Elements whose text is code or markup, never prose. Formulas are not among them: OpenCC changes only
# Chinese characters, so the words of a formula are converted and its symbols kept.
SKIP_ELEMENTS = ("code", "pre", "kbd", "samp", "script", "style", "svg")
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content", "data-kb-labels", "alttext")
TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
ATTRIBUTE_RE = re.compile(r'(\s(?:%s)=")([^"]*)(")' % "|".join(TEXT_ATTRIBUTES))
CORNER_QUOTES = str.maketrans({"“": "「", "”": "」"})
# 里 kept as 里 only where it is a name or the unit of length: 阿里巴巴, 扎卡里, 居里, 公里, 英里, 海里, 里程.
INSIDE_RE = re.compile(f"(?<=[{HAN}])(?<![阿卡居公英海千萬鄰])里(?![程長])")
SINGLE_QUOTES_RE = re.compile(f"‘(?=[{HAN}])|(?<=[{HAN}])’")
# Separates the text nodes of a page converted in one call; a private-use character, so OpenCC
# neither changes it nor joins phrases across it.
SEPARATOR = "\ue000"
# Private-use characters stand in for protected phrases during conversion; OpenCC leaves them alone.
PLACEHOLDER_BASE = 0xF0000


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")


@cache
def phrases() -> tuple[tuple[str, str], ...]:
    """Project overrides (Simplified, Traditional), longest first so longer phrases win."""
    raw, _ = load_yaml_file(PHRASES_FILE)
    errors = []
    pairs = []
    for index, entry in enumerate(raw or []):
        if not isinstance(entry, dict) or not {"zh", "hant", "why"} <= set(entry):
            errors.append(ContentError(PHRASES_FILE, f"entry {index + 1} needs zh, hant and why", "see the comment at the top of the file"))
            continue
        pairs.append((entry["zh"], entry["hant"]))
    if errors:
        raise ContentErrors(errors)
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def convert_text(text: str) -> str:
    """Convert plain text, applying the project's phrase list before OpenCC."""
    if not HAN_RE.search(text):
        return text
    replacements: list[str] = []
    for simplified, traditional in phrases():
        if simplified in text:
            text = text.replace(simplified, chr(PLACEHOLDER_BASE + len(replacements)))
            replacements.append(traditional)
    text = _converter().convert(text)
    for index, traditional in enumerate(replacements):
        text = text.replace(chr(PLACEHOLDER_BASE + index), traditional)
    # 里 after a noun means "in" (資料裡, 樣本裡); s2twp converts it only in the words it knows (這裡, 哪裡).
    text = INSIDE_RE.sub("裡", text)
    # Taiwan quotes with corner brackets: “…” -> 「…」, and ‘…’ -> 『…』 next to Chinese.
    text = text.translate(CORNER_QUOTES)
    return SINGLE_QUOTES_RE.sub(lambda m: "『" if m.group(0).startswith("‘") else "』", text)


def _convert_tag(tag: str) -> str:
    if not HAN_RE.search(tag):
        return tag
    return ATTRIBUTE_RE.sub(lambda m: m.group(1) + html.escape(convert_text(html.unescape(m.group(2))), quote=True) + m.group(3), tag)


def convert_html(markup: str, skip: tuple[str, ...] = SKIP_ELEMENTS) -> str:
    """Convert the text of an HTML fragment; text inside code, math, scripts and the like is kept."""
    if not HAN_RE.search(markup):
        return markup
    out: list[str] = []
    texts: list[str] = []  # converted together, in one OpenCC call (positions kept in `slots`)
    slots: list[int] = []
    depth: dict[str, int] = {}
    position = 0

    def add_text(text: str) -> None:
        # A text without Chinese is left alone, unless it holds one half of a quote whose other half is in
        # Chinese text (“<code>nvidia-smi</code> 显示……”): both halves must become corner brackets.
        if any(depth.values()) or not (HAN_RE.search(text) or text.count("“") != text.count("”")):
            out.append(text)
        else:
            slots.append(len(out))
            out.append("")
            texts.append(text)

    for match in TAG_RE.finditer(markup):
        add_text(markup[position:match.start()])
        tag = match.group(0)
        name_match = re.match(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)", tag)
        if name_match:
            closing, name = name_match.group(1), name_match.group(2).lower()
            if name in skip and not tag.endswith("/>"):
                depth[name] = max(0, depth.get(name, 0) + (-1 if closing else 1))
        out.append(tag if any(depth.values()) or tag.startswith("<!--") else _convert_tag(tag))
        position = match.end()
    add_text(markup[position:])
    if texts:
        converted = convert_text(SEPARATOR.join(texts)).split(SEPARATOR)
        if len(converted) != len(texts):  # never expected: OpenCC keeps private-use characters
            converted = [convert_text(text) for text in texts]
        for slot, text in zip(slots, converted):
            out[slot] = text
    return "".join(out)


def convert_svg(markup: str) -> str:
    """Convert the visible text of an SVG document (its <text>, <title> and <desc>)."""
    return convert_html(markup, skip=("style", "script"))


# ---- which script a text is in ------------------------------------------------------------------

# Correct Traditional words that OpenCC would still turn into other Traditional forms: not Simplified.
CORRECT_TRADITIONAL = ("干擾",)
_HAN_RUN_RE = re.compile(f"[{HAN}]+")


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _converted_characters(text: str, config: str) -> set[str]:
    """Characters OpenCC changes both in context and on their own (so 游 in 游泳 or 里 in 公里 are not reported)."""
    import difflib

    found: set[str] = set()
    for run in set(_HAN_RUN_RE.findall(text)):
        converted = _opencc(config).convert(run)
        for op, start, end, _, _ in difflib.SequenceMatcher(None, run, converted).get_opcodes():
            if op != "equal":
                found |= {char for char in run[start:end] if _opencc(config).convert(char) != char}
    return found


def simplified_only(text: str, config: str = "s2tw") -> set[str]:
    """Simplified characters in a text meant to be Traditional (OpenCC s2tw would convert them).

    ``config="s2hk"`` also accepts common variants Taiwan's standard replaces (台 in 台灣), for
    Traditional quoted on an English page rather than written by the 繁體 edition.
    """
    for word in CORRECT_TRADITIONAL:
        text = text.replace(word, " ")
    return _converted_characters(text, config)


def traditional_only(text: str) -> set[str]:
    """Traditional characters in a text meant to be Simplified (OpenCC tw2s would convert them).

    A character that is itself a Simplified form (s2t changes it: 么 in 什么, which tw2s reads as 幺)
    is not reported.
    """
    return {char for char in _converted_characters(text, "tw2s") if _opencc("s2t").convert(char) == char}


def traditional_in_simplified(text: str) -> set[str]:
    """Traditional-only characters in a Simplified source page (the page check of llmkb/build/checks.py).

    Stricter about false alarms than ``traditional_only``: OpenCC's t2s (not tw2s, which also swaps
    Taiwan variants such as 著 → 着 and 抬 → 擡) must change the character both in context and alone,
    so characters that are also Simplified (著 in 显著, 乾 in 乾坤) pass.
    """
    return {char for char in _converted_characters(text, "t2s") if _opencc("s2t").convert(char) == char}
