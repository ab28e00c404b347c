"""Where a page is published: its URL path in the built site, and links between built pages."""

from __future__ import annotations

import posixpath


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
