"""Helpers to transform Markdown prose without touching code or math."""

from __future__ import annotations

import re
from collections.abc import Callable

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


def map_prose(markdown: str, func: Callable[[str, int], str], first_line: int = 1) -> str:
    """Apply ``func(text, line)`` to every stretch of prose; code and math pass through unchanged."""
    out: list[str] = []
    pos = 0
    for match in _PROTECTED_RE.finditer(markdown):
        prose = markdown[pos:match.start()]
        out.append(func(prose, first_line + markdown.count("\n", 0, pos)))
        out.append(match.group(0))
        pos = match.end()
    out.append(func(markdown[pos:], first_line + markdown.count("\n", 0, pos)))
    return "".join(out)


_FENCE_RE = re.compile(r"^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=mark)[ \t]*$", re.S | re.M)


def blank_fenced_code(markdown: str) -> str:
    """Fenced code blocks replaced by empty lines, so line numbers stay right for linters."""
    return _FENCE_RE.sub(lambda match: "\n" * match.group(0).count("\n"), markdown)
