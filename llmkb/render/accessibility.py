"""Accessibility fixes to a page's HTML that no Markdown extension makes.

Tables and code blocks become keyboard-focusable (``tabindex="0"``): Material lets a wide table or
a long code line scroll inside its own box, and a scrolling box that the keyboard cannot reach
cannot be scrolled without a mouse (WCAG 2.1.1; axe rule scrollable-region-focusable).
"""

from __future__ import annotations

import re

TABLE_RE = re.compile(r"<table(?![^>]*\btabindex=)(?=[\s>])")
# Pygments' block: <pre><span></span><code> (the code element is the box that scrolls).
CODE_BLOCK_RE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code(?![^>]*\btabindex=)(?=[\s>])")


def focusable_scroll_boxes(html: str) -> str:
    html = TABLE_RE.sub('<table tabindex="0"', html)
    return CODE_BLOCK_RE.sub(r'\1<code tabindex="0"', html)
