"""Accessibility fixes to a page's HTML that no Markdown extension makes.

Tables and code blocks become keyboard-focusable (``tabindex="0"``): Material lets a wide table or
a long code line scroll inside its own box, and a scrolling box that the keyboard cannot reach
cannot be scrolled without a mouse (WCAG 2.1.1; axe rule scrollable-region-focusable).

Heading permalinks (the toc extension's ¶) are named with ``aria-label`` instead of ``title``: with
``content.tooltips`` Material builds a tooltip component for every ``title`` in the content when the
page loads, and a dozen such components on a long page cost about 0.2 s of main-thread time on a
slow phone (Lighthouse's 4x CPU slowdown), for a tooltip that only repeats "link to this section".
"""

from __future__ import annotations

import re

TABLE_RE = re.compile(r"<table(?![^>]*\btabindex=)(?=[\s>])")
# Pygments' block: <pre><span></span><code> (the code element is the box that scrolls).
CODE_BLOCK_RE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code(?![^>]*\btabindex=)(?=[\s>])")


# The toc extension writes href then title; the label is the edition's (hooks/editions.py).
HEADERLINK_TITLE_RE = re.compile(r'(<a class="headerlink" href="[^"]*") title=')


def focusable_scroll_boxes(html: str) -> str:
    html = TABLE_RE.sub('<table tabindex="0"', html)
    return CODE_BLOCK_RE.sub(r'\1<code tabindex="0"', html)


def named_heading_links(html: str) -> str:
    return HEADERLINK_TITLE_RE.sub(r"\1 aria-label=", html)
