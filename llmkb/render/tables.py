"""Tables that read like tables: numeric columns right-aligned with figures of equal width.

A column is numeric when most cells of its body are numbers (with a unit, a percent sign or an
approximation mark); its cells and header get ``class="kb-num"`` (site.css aligns them right and
sets ``font-variant-numeric: tabular-nums``), so digits line up down the column. Placeholders such
as "—" do not count either way.
"""

from __future__ import annotations

import re

_TABLE_RE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_ROW_RE = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL_RE = re.compile(r"<(?P<tag>td|th)(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)>", re.S)
_TAGS_RE = re.compile(r"<[^>]+>")
_NUMBER = r"[-+−]?\d[\d,.]*(?:[eE][-−+]?\d+)?"
NUMERIC_RE = re.compile(
    rf"^(?:约|≈|~|<|>|≤|≥)?\s*\$?{_NUMBER}(?:\s*[–-]\s*{_NUMBER})?\s*"
    r"(?:%|×|x|倍|万|亿|千|百|[KMGT]i?B?|[KMBT]|ms|s|h|天|年|个|字|元|秒|小时|[A-Za-z]{1,6}(?:\s+[A-Za-z]{1,6})?)?$"
)
PLACEHOLDERS = {"", "—", "-", "–", "n/a", "N/A", "?"}
SHARE = 0.7  # of the body cells that are not placeholders


def _text(cell_html: str) -> str:
    return " ".join(_TAGS_RE.sub("", cell_html).replace("&nbsp;", " ").split())


def numeric_columns(table_html: str) -> set[int]:
    counts: dict[int, list[bool]] = {}
    for row in _ROW_RE.findall(table_html):
        for index, cell in enumerate(_CELL_RE.finditer(row)):
            if cell.group("tag") == "td" and (text := _text(cell.group("body"))) not in PLACEHOLDERS:
                counts.setdefault(index, []).append(bool(NUMERIC_RE.match(text)))
    return {index for index, numeric in counts.items() if sum(numeric) >= 2 and sum(numeric) >= SHARE * len(numeric)}


def _with_class(attrs: str, name: str) -> str:
    if 'class="' in attrs:
        return attrs.replace('class="', f'class="{name} ', 1)
    return f' class="{name}"{attrs}'


def align_numeric_columns(page_html: str) -> str:
    def table(match: re.Match[str]) -> str:
        html = match.group(0)
        columns = numeric_columns(html)
        if not columns:
            return html

        def row(row_match: re.Match[str]) -> str:
            index = -1

            def cell(cell_match: re.Match[str]) -> str:
                nonlocal index
                index += 1
                if index not in columns:
                    return cell_match.group(0)
                tag, attrs, body = cell_match.group("tag"), cell_match.group("attrs"), cell_match.group("body")
                return f"<{tag}{_with_class(attrs, 'kb-num')}>{body}</{tag}>"

            return _CELL_RE.sub(cell, row_match.group(0))

        return _ROW_RE.sub(row, html)

    return _TABLE_RE.sub(table, page_html)
