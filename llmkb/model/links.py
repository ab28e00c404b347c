"""Links, images, anchors and snippets in a page's source, checked without building.

The strict build checks links on the rendered pages as well (MkDocs' ``validation:``; its warnings
are rewritten by llmkb/build/warnings.py); this check runs first, in the build and in ``llmkb check``,
so one run reports every broken link together with the other problems, with its line.

Anchors: a link ``page.md#id`` must name a heading of the target page (its explicit ``{#id}`` or its
slug, as Python-Markdown's toc gives it with the site's slug function) or an ``id="..."`` in its
source. Pages whose anchors come from data (a marker that generates headings or ids) are not checked
for anchors here; the build checks them.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path

from llmkb.errors import ContentError, excerpt
from llmkb.model.editions import ENGLISH, translation_uri
from llmkb.model.frontmatter import Page
from llmkb.model.markup import EXTERNAL_RE
from llmkb.paths import ROOT
from llmkb.text import map_prose

_LINK_RE = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]+)")
SNIPPET_RE = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]+[\"'](?P<path>[^\"']+)[\"']", re.M)
_EXPLICIT_ID_RE = re.compile(r"\{[^{}\n]*#([\w.:-]+)[^{}\n]*\}|\bid=[\"']([^\"']+)[\"']")


@cache
def _anchors(body: str) -> frozenset[str]:
    from llmkb.model.headings import markdown_headings

    ids = {heading.anchor for heading in markdown_headings(body)}
    ids |= {a or b for a, b in _EXPLICIT_ID_RE.findall(body)}
    return frozenset(ids)


def _target_page(page: Page, path: str, pages: dict[str, Page]) -> Page | None:
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path)) if path else page.src_uri
    if page.language == ENGLISH and path:
        return pages.get(translation_uri(uri, ENGLISH)) or pages.get(uri)
    return pages.get(uri)


def link_errors(page: Page, pages: dict[str, Page], docs_dir: Path) -> list[ContentError]:
    """Links to pages or images that do not exist, anchors a page does not have, missing snippet files."""
    errors: list[ContentError] = []

    def scan(text: str, first_line: int) -> str:
        for match in _LINK_RE.finditer(text):
            target = match.group("target")
            if EXTERNAL_RE.match(target):
                continue
            line = first_line + text.count("\n", 0, match.start())
            path, _, anchor = target.partition("#")
            if match.group("image"):
                local = (docs_dir / posixpath.dirname(page.src_uri) / path)
                if path and not local.is_file() and not path.startswith(("charts/", "../charts/")):
                    errors.append(ContentError(page.path, f"image '{excerpt(path, 80)}' does not exist",
                                               "correct the path (relative to this page, e.g. img/x.svg) or add the file", line))
                continue
            if path and not path.endswith(".md"):
                continue
            linked = _target_page(page, path, pages)
            if linked is None:
                errors.append(ContentError(page.path, f"link '{excerpt(target, 80)}': no such page",
                                           "link to an existing page's .md file, relative to this page (e.g. ../theory/bpe.md)", line))
            elif anchor and "<!-- kb:" not in linked.body and anchor not in _anchors(linked.body):
                errors.append(ContentError(page.path, f"link '{excerpt(target, 80)}': {linked.src_uri} has no anchor '#{anchor}'",
                                           f"give the heading an explicit id (## Heading {{#{anchor}}}) or link to an anchor the page has", line))
        return text

    map_prose(page.body, scan, first_line=page.body_first_line)
    for match in SNIPPET_RE.finditer(page.body):
        if not (ROOT / match.group("path")).is_file():
            errors.append(ContentError(page.path, f"snippet file '{excerpt(match.group('path'), 80)}' does not exist",
                                       "give the path from the repository root, e.g. examples/bpe.py", page.body_first_line + page.body.count("\n", 0, match.start())))
    return errors
