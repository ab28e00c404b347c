"""Files the theme brings that no page of this site loads, kept out of the built site.

Material's search plugin stays enabled only so the header draws the search button (the index readers
use is Pagefind's), yet it ships lunr with its language packs and a search worker (1.2 MB) and writes an
empty ``search/search_index.json``; the theme's source maps are read only by a browser's developer
tools, and its PNG favicon is replaced by the site's SVG one. tests/test_site_build.py checks that
every script, stylesheet and font left in the site is loaded by some page.
"""

from __future__ import annotations

from pathlib import Path

UNUSED_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_SUFFIXES = (".min.js.map", ".min.css.map")
UNUSED_FILES = ("assets/images/favicon.png",)
# Written after the pages by Material's search plugin (an index with no documents).
UNUSED_OUTPUT = ("search/search_index.json",)


def is_unused(dest_uri: str) -> bool:
    """True for a theme file no page loads: ``is_unused("assets/javascripts/lunr/tinyseg.js")``."""
    return dest_uri.startswith(UNUSED_PREFIXES) or dest_uri.endswith(UNUSED_SUFFIXES) or dest_uri in UNUSED_FILES


def remove_unused_output(site_dir: Path) -> None:
    for name in UNUSED_OUTPUT:
        path = site_dir / name
        if path.is_file():
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()
