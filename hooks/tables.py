"""Tables: numeric columns right-aligned with equal-width figures (llmkb/render/tables.py).

Adds ``class="kb-num"`` to every cell of a column whose body is mostly numbers; site.css does the
rest (and gives wide tables a scroll shadow, narrow ones the full text width).
"""

from __future__ import annotations

from llmkb.build.pipeline import stage
from llmkb.render.tables import align_numeric_columns


@stage("page_content", "tables")
def on_page_content(html, page, config, files):
    if "<table" not in html:
        return html
    return align_numeric_columns(html)
