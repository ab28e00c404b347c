"""Text helpers shared by the build and the checks: Chinese characters, prose in Markdown, source lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

# Han ideographs: CJK Unified Ideographs with Extension A, and the compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# Fenced code blocks (``` or ~~~, possibly indented inside lists/admonitions), display math,
# inline code and inline math are left alone.
_PROTECTED_RE = re.compile(
    r"""
    (?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=mark)[ \t]*$)
  | (?P<display>\$\$.*?\$\$)
  | (?P<code>(?P<ticks>`+)[^`].*?(?P=ticks))
  | (?P<inline>(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$)
    """,
    re.S | re.M | re.X,
)


def _scan_protected(markdown: str) -> tuple[tuple[int, int, str | None], ...]:
    """(start, end, kind) of every code and math span: each page's body is scanned by several checks."""
    return tuple((match.start(), match.end(), match.lastgroup) for match in _PROTECTED_RE.finditer(markdown))


# The checks of one page follow each other, so a few texts suffice for a build; more would only hold memory.
_protected = lru_cache(maxsize=4)(_scan_protected)


def keep_spans_of(texts: int) -> None:
    """Remember the code and math spans of this many texts (``mkdocs serve`` checks every page after each save)."""
    global _protected
    _protected = lru_cache(maxsize=texts)(_scan_protected)


def map_prose(markdown: str, func: Callable[[str, int], str], first_line: int = 1) -> str:
    """Apply ``func(text, line)`` to every stretch of prose; code and math pass through unchanged."""
    out: list[str] = []
    pos = 0
    line = first_line  # the line ``pos`` is on, counted on from the last stretch (not from the start each time)
    for start, end, _ in _protected(markdown):
        out.append(func(markdown[pos:start], line))
        out.append(markdown[start:end])
        line += markdown.count("\n", pos, end)
        pos = end
    out.append(func(markdown[pos:], line))
    return "".join(out)


def blank_code_and_math(markdown: str) -> str:
    """Code and math replaced by spaces (newlines kept), so what is left is prose at its own lines."""
    return _PROTECTED_RE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), markdown)


def math_spans(markdown: str, first_line: int = 1) -> list[tuple[str, bool, int]]:
    """Every formula in the Markdown as (TeX, display, line), code left out."""
    spans = []
    pos, line = 0, first_line
    for start, end, group in _protected(markdown):
        line += markdown.count("\n", pos, start)
        pos = start
        if group in ("display", "inline"):
            tex = markdown[start + 2:end - 2] if group == "display" else markdown[start + 1:end - 1]
            spans.append((tex, group == "display", line))
    return spans


_FENCE_RE = re.compile(r"^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=mark)[ \t]*$", re.S | re.M)


def blank_fenced_code(markdown: str) -> str:
    """Fenced code blocks replaced by empty lines, so line numbers stay right for linters."""
    return _FENCE_RE.sub(lambda match: "\n" * match.group(0).count("\n"), markdown)


def source_location(path: Path | str, needle: str, name: str | None = None) -> str:
    """``name:line`` of the first occurrence of ``needle`` in the file (``name`` defaults to the path), or
    just ``name`` when it is not there verbatim.

    For errors found in rendered output (a formula, a marker) that must point an author at the source.
    """
    text = Path(path).read_text(encoding="utf-8")
    offset = text.find(needle) if needle else -1
    shown = name or str(path)
    return f"{shown}:{text.count(chr(10), 0, offset) + 1}" if offset >= 0 else shown
