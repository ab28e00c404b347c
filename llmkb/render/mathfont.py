"""The math font the site serves: Latin Modern Math cut down to the glyphs the site's formulas use.

The whole OpenType font (``docs/assets/fonts/latinmodern-math.otf``, 717 KB, which hosts do not
compress) stays in the repository as the source and for the EPUB; the built site gets a WOFF2 subset
(``assets/fonts/latinmodern-math.woff2``) made after every build from the characters inside the
``<math>`` elements of every built page, in every edition.

What the subset keeps, beyond those characters:

- the mathematical italic letter for every one-letter ``<mi>``: the browser draws
  ``<mi>x</mi>`` as U+1D465 (MathML Core's ``text-transform: math-auto``), a code point the HTML
  never contains;
- every glyph reachable from a kept glyph through the OpenType ``MATH`` table (size variants and
  the parts of assembled stretchy brackets, radicals, arrows and big operators) and through ``GSUB``
  (``flac``, ``dtls``): fontTools' subsetter closes the glyph set over both when the tables are
  kept, which the options below make sure of. The ``ssty`` script-size alternates are left out:
  Chromium draws scripts with the base glyphs (a formula with scripts renders pixel-identical with
  and without them, measured 2026-12-07), and they doubled the file (66 KB -> 29 KB without);
  Firefox, which uses them, then shows scripts as scaled base glyphs;
- the font's names (the licence notice lives in the ``name`` table) and its metrics.

The output depends only on the set of characters: the same site gives a byte-identical font
(``recalcTimestamp`` is off, so ``head.modified`` stays the source font's).
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable
from pathlib import Path

from llmkb.paths import DOCS_DIR

SOURCE_FONT = DOCS_DIR / "assets" / "fonts" / "latinmodern-math.otf"
SITE_FONT = "assets/fonts/latinmodern-math.woff2"  # site.css points its @font-face here
SOURCE_IN_DOCS = "assets/fonts/latinmodern-math.otf"  # kept out of the built site (mkdocs.yml exclude_docs)

MATH_RE = re.compile(r"<math\b[^>]*>(.*?)</math>", re.S)
TAG_RE = re.compile(r"<[^>]+>")
# A one-letter identifier without mathvariant="normal": drawn in italic by MathML Core.
SINGLE_MI_RE = re.compile(r"<mi(?:\s+(?!mathvariant=\"normal\")[^>]*)?>(&[^;]+;|[^<&])</mi>")
ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
# Code points MathML Core's italic mapping sends outside the Mathematical Alphanumeric block.
ITALIC_EXCEPTIONS = {"h": 0x210E}
LATIN_ITALIC = 0x1D434  # 𝐴; lower case follows at +26
GREEK_ITALIC_UPPER = 0x1D6E2  # 𝛢 for Α (U+0391), in the order of U+0391..U+03A9 (U+03A2 is unassigned, ϴ takes its place)
GREEK_ITALIC_LOWER = 0x1D6FC  # 𝛼 for α (U+03B1) .. ω (U+03C9)
GREEK_ITALIC_EXTRA = {"∇": 0x1D6FB, "∂": 0x1D715, "ϵ": 0x1D716, "ϑ": 0x1D717, "ϰ": 0x1D718, "ϕ": 0x1D719, "ϱ": 0x1D71A, "ϖ": 0x1D71B,
                      "ı": 0x1D6A4, "ȷ": 0x1D6A5}
# OpenType features kept, with their closure (not ``ssty``: see above).
MATH_FEATURES = ["flac", "dtls", "kern", "mark", "mkmk", "ccmp", "locl"]


def _unescape(text: str) -> str:
    import html

    return ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)


def math_characters(page_html: str) -> set[str]:
    """Every character the page's ``<math>`` elements draw: their text (not attributes: the TeX in
    ``alttext`` is never drawn), plus the mathematical italic form of every one-letter ``<mi>``."""
    found: set[str] = set()
    for body in MATH_RE.findall(page_html):
        found.update(_unescape(TAG_RE.sub("", body)))
        for letter in SINGLE_MI_RE.findall(body):
            italic = italic_form(_unescape(letter))
            if italic:
                found.add(italic)
    found.discard("\n")
    return found


def italic_form(char: str) -> str | None:
    """The mathematical italic code point a one-letter ``<mi>`` of ``char`` is drawn with, if any."""
    if char in ITALIC_EXCEPTIONS:
        return chr(ITALIC_EXCEPTIONS[char])
    if "A" <= char <= "Z":
        return chr(LATIN_ITALIC + ord(char) - ord("A"))
    if "a" <= char <= "z":
        return chr(LATIN_ITALIC + 26 + ord(char) - ord("a"))
    if "\u0391" <= char <= "\u03a9" and char != "\u03a2":
        return chr(GREEK_ITALIC_UPPER + ord(char) - 0x391)
    if "\u03b1" <= char <= "\u03c9":
        return chr(GREEK_ITALIC_LOWER + ord(char) - 0x3B1)
    if char in GREEK_ITALIC_EXTRA:
        return chr(GREEK_ITALIC_EXTRA[char])
    return None


def characters_to_keep(characters: Iterable[str]) -> list[int]:
    """The code points of the subset: the characters and a space, sorted."""
    return sorted(ord(char) for char in set(characters) | {" "})


def subset_options():
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = MATH_FEATURES
    options.name_IDs = ["*"]  # copyright, licence and its URL stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # CFF outlines: the hints only matter at sizes the site does not use
    options.drop_tables = [t for t in options.drop_tables if t != "MATH"] + ["FFTM"]  # FontForge timestamps
    return options


def subset_font(code_points: Iterable[int], source: Path = SOURCE_FONT) -> bytes:
    """The WOFF2 subset of ``source`` for ``code_points``; the same code points give the same bytes."""
    return _subset(tuple(sorted(set(code_points))), source)


@functools.lru_cache(maxsize=4)  # `mkdocs serve` rebuilds: the formulas rarely change between two saves
def _subset(code_points: tuple[int, ...], source: Path) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=False)
    return out.getvalue()


def site_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of the built site, all editions, in a fixed order."""
    return sorted(site_dir.rglob("*.html"))


def site_math_characters(site_dir: Path) -> set[str]:
    characters: set[str] = set()
    for path in site_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        if "<math" in text:
            characters |= math_characters(text)
    return characters


def cmap_characters(font_bytes: bytes) -> set[str]:
    """The characters a font (OTF or WOFF2) has a glyph for."""
    from fontTools.ttLib import TTFont

    return {chr(code) for code in TTFont(io.BytesIO(font_bytes), lazy=True).getBestCmap()}


@functools.lru_cache(maxsize=1)
def source_characters() -> frozenset[str]:
    return frozenset(cmap_characters(SOURCE_FONT.read_bytes()))


def write_site_font(site_dir: Path) -> tuple[int, int]:
    """Writes the subset for the built site; returns (characters kept, bytes written)."""
    source = source_characters()
    wanted = [code for code in characters_to_keep(site_math_characters(site_dir)) if chr(code) in source]
    data = subset_font(wanted)
    target = site_dir / SITE_FONT
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)
    return len(wanted), len(data)
