"""Accessibility fixes to each page's HTML that no Markdown extension makes.

Tables become keyboard-focusable (``tabindex="0"``): Material lets a wide table scroll inside its
own box, and a scrolling box that the keyboard cannot reach cannot be scrolled without a mouse
(WCAG 2.1.1; axe rule scrollable-region-focusable). Display formulas get the same from hooks/math.py.
"""

from __future__ import annotations

import re

TABLE_RE = re.compile(r"<table(?![^>]*\btabindex=)(?=[\s>])")


def on_page_content(html, page, config, files):
    return TABLE_RE.sub('<table tabindex="0"', html)
