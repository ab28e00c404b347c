"""Figures: SVG diagrams (docs/**/img/) and charts (assets/charts/), shown in both palettes and on phones.

Each figure is an SVG file shown with ``<img>``. For the dark palette the build writes a dark variant
next to it (``x.dark.svg``): every colour is mapped so that the light background becomes the dark
page's background, dark text and lines become light, and pale fills become dark fills of the same
hue, so a diagram keeps its colour coding and stays readable. The page shows the variant that
matches the palette (site.css), and a tap or click opens the figure full size in a lightbox
(docs/assets/javascripts/figures.js): on a phone the figure in the text is an overview, full size
its text is as large as the drawing intends.
"""

from __future__ import annotations

import colorsys
import html
import re

# Material's dark ("slate") page background: hsl(225, 15%, 14%).
DARK_BACKGROUND = "#1e2129"
_HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_NAMED = {"white": "#ffffff", "black": "#000000"}
_NAMED_RE = re.compile(r'((?:fill|stroke|stop-color|color)\s*[=:]\s*"?)(white|black)\b')


def is_figure(uri: str) -> bool:
    """A diagram or a chart (not an icon, not a dark variant)."""
    return uri.endswith(".svg") and not uri.endswith(".dark.svg") and ("/img/" in uri or uri.startswith(("img/", "assets/charts/")))


def dark_uri(uri: str) -> str:
    """theory/img/x.svg -> theory/img/x.dark.svg (also for English variants: x.en.svg -> x.en.dark.svg)."""
    return uri.removesuffix(".svg") + ".dark.svg"


def dark_colour(value: str) -> str:
    """The colour a figure uses in the dark palette for a colour it uses in the light one."""
    value = value.lower()
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    red, green, blue = (int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if lightness >= 0.97 and saturation < 0.1:
        return DARK_BACKGROUND  # the canvas and white boxes: the page's own background
    if saturation < 0.12 or lightness < 0.3:
        lightness = 0.14 + (1 - lightness) * 0.78  # greys and near-black text: text and lines light, pale greys dark
    elif lightness > 0.6:
        # Pale fills: dark fills of the same hue, dark enough (lightness 0.16-0.34) for the light text drawn on them.
        lightness, saturation = 0.14 + (1 - lightness) * 0.5, saturation * 0.55
    else:
        lightness = min(0.78, lightness + 0.22)  # strong colours (lines, text): lighter, to stand out on dark
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in (red, green, blue)))


_ROOT_RE = re.compile(r"<svg\b(?![^>]*\sfill=)")


def dark_variant(svg: str) -> str:
    """The same SVG with every colour mapped for the dark palette (hex and the names white/black).

    Text and shapes without a colour of their own are black by default; the root gets the dark
    palette's counterpart of black, which they inherit (matplotlib writes chart text that way).
    """
    svg = _NAMED_RE.sub(lambda match: match.group(1) + _NAMED[match.group(2)], svg)
    svg = _HEX_RE.sub(lambda match: dark_colour(match.group(0)), svg)
    return _ROOT_RE.sub(f'<svg fill="{dark_colour("#000000")}"', svg, count=1)


_SVG_ROOT_RE = re.compile(r"<svg\b[^>]*>")
_VIEW_BOX_RE = re.compile(r'viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')
_LENGTH_RE = re.compile(r'\s(width|height)="([\d.]+)(pt|px)?"')


def figure_size(svg: str) -> tuple[int, int]:
    """The size an SVG is drawn at (CSS px): its width and height attributes, else its viewBox."""
    root = _SVG_ROOT_RE.search(svg)
    attrs = {name: float(value) * (4 / 3 if unit == "pt" else 1) for name, value, unit in _LENGTH_RE.findall(root.group(0))} if root else {}
    if "width" in attrs and "height" in attrs:
        return round(attrs["width"]), round(attrs["height"])
    box = _VIEW_BOX_RE.search(svg)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else (0, 0)


_IMG_RE = re.compile(r"<img\b[^>]*>")
_LINKED_IMG_RE = re.compile(r"<a\b(?P<attrs>[^>]*)>\s*(?P<img><img\b[^>]*>)\s*</a>")
_ATTR_RE = re.compile(r'\s(?P<name>[a-z-]+)="(?P<value>[^"]*)"')


def _attributes(tag: str) -> dict[str, str]:
    return {match.group("name"): html.unescape(match.group("value")) for match in _ATTR_RE.finditer(tag)}


def _figure(img: dict[str, str], link: dict[str, str] | None, zoom_label: str, size: tuple[int, int] | None) -> str:
    src, alt = img["src"], img.get("alt", "")
    # Width and height reserve the figure's space before it loads (and give lazy images a box).
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size and all(size) else ""
    light = f'<img class="kb-figure__light" src="{html.escape(src)}" alt="{html.escape(alt)}"{dimensions} loading="lazy">'
    dark = f'<img class="kb-figure__dark" src="{html.escape(dark_uri(src))}" alt="{html.escape(alt)}"{dimensions} loading="lazy">'
    href = (link or {}).get("href", src)
    return f'<a class="kb-figure" href="{html.escape(href)}" title="{html.escape(zoom_label)}">{light}{dark}</a>'


def figures_in_html(page_html: str, zoom_label: str, size=lambda src: None) -> str:
    """Every figure image of a page, as a link to the full-size figure holding its light and dark variants.

    ``size(src)`` gives the figure's (width, height) for an image URL of the page, when known.
    """

    def linked(match: re.Match[str]) -> str:
        img = _attributes(match.group("img"))
        if not is_figure(_path(img.get("src", ""))):
            return match.group(0)
        return _figure(img, _attributes(match.group(0)[:match.group(0).index(">") + 1]), zoom_label, size(img["src"]))

    def alone(match: re.Match[str]) -> str:
        img = _attributes(match.group(0))
        if "kb-figure__" in img.get("class", "") or not is_figure(_path(img.get("src", ""))):
            return match.group(0)
        return _figure(img, None, zoom_label, size(img["src"]))

    page_html = _IMG_RE.sub(alone, _LINKED_IMG_RE.sub(linked, page_html))
    return _CAPTIONED_RE.sub(_figure_block, page_html)


# A figure alone in its paragraph, optionally followed by a paragraph that is all emphasis: its caption
# (pages write `*图：...*` under the image). Captions are set upright: Chinese fonts have no italics.
_CAPTIONED_RE = re.compile(
    r'<p>\s*(?P<figure><a class="kb-figure"[^>]*>.*?</a>)\s*</p>(?:\s*<p>\s*<em>(?P<caption>(?:(?!</?p[\s>]).)*?)</em>\s*</p>)?', re.S
)


def _figure_block(match: re.Match[str]) -> str:
    caption = match.group("caption")
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="kb-figure-block">{match.group("figure")}{figcaption}</figure>'


def _path(src: str) -> str:
    """The site path part of a relative image URL, enough to tell a figure: ../img/x.svg -> img/x.svg."""
    parts = [part for part in src.split("#")[0].split("?")[0].split("/") if part not in ("", ".", "..")]
    return "/".join(parts)
