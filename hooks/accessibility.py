"""Makes tables and code blocks reachable by keyboard, and names heading links without a tooltip
(llmkb/render/accessibility.py).

Material lets a wide table or a long code line scroll inside its own box; a box the keyboard cannot
reach cannot be scrolled without a mouse (WCAG 2.1.1). Display formulas get the same from hooks/math.py.
"""

from __future__ import annotations

from llmkb.build.pipeline import stage
from llmkb.render.accessibility import focusable_scroll_boxes, named_heading_links


@stage("page_content", "accessibility")
def on_page_content(html, page, config, files):
    return named_heading_links(focusable_scroll_boxes(html))
