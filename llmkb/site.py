"""The site's pages as validated data, loaded once per change so every hook can ask cheaply."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from llmkb.frontmatter import Page, load_pages
from llmkb.paths import TAGS_FILE


def site_pages(docs_dir: Path) -> dict[str, Page]:
    """All pages under docs_dir keyed by src_uri; re-parsed only when a page or the tag list changed."""
    paths = sorted(docs_dir.rglob("*.md"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths) + ((str(TAGS_FILE), TAGS_FILE.stat().st_mtime_ns),)
    return _load(docs_dir, stamp)


@cache
def _load(docs_dir: Path, stamp: tuple) -> dict[str, Page]:
    return load_pages(docs_dir)
