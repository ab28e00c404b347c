"""The site's pages as validated data, loaded once per change so every hook can ask cheaply."""

from __future__ import annotations

import os
import posixpath
from functools import cache
from pathlib import Path

from llmkb.frontmatter import Page, load_pages
from llmkb.paths import TAGS_FILE


def page_url(src_uri: str) -> str:
    """A page's URL path relative to the site root, as MkDocs builds it (use_directory_urls): "theory/bpe/"."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def relative_page_url(target_uri: str, from_uri: str) -> str:
    """The link from one built page to another, for HTML that MkDocs does not rewrite (raw HTML blocks)."""
    relative = posixpath.relpath(page_url(target_uri) or ".", page_url(from_uri) or ".")
    return "./" if relative == "." else relative + "/"


def site_pages(docs_dir: Path) -> dict[str, Page]:
    """All pages under docs_dir keyed by src_uri; re-parsed only when a page or the tag list changed."""
    stamp = tuple(sorted(_markdown_mtimes(str(docs_dir)))) + ((str(TAGS_FILE), TAGS_FILE.stat().st_mtime_ns),)
    return _load(docs_dir, stamp)


def _markdown_mtimes(folder: str):
    # os.scandir, not Path.rglob: every hook asks for the pages of every page of every edition.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                yield from _markdown_mtimes(entry.path)
            elif entry.name.endswith(".md"):
                yield entry.path, entry.stat().st_mtime_ns


@cache
def _load(docs_dir: Path, stamp: tuple) -> dict[str, Page]:
    return load_pages(docs_dir)
