"""What a page's Markdown may contain beyond plain Markdown: raw HTML, images, footnotes, code fences.

Each rule stops something that would reach readers wrong: a script or an iframe in all three
editions, an image from another host (the site works offline and loads nothing from the network),
an image without alt text, a footnote reference shown as literal text, a mermaid block shown as a
code listing (the site does not load mermaid). Every problem names the line and the fix.

Allowed raw HTML is the short list in ALLOWED_ELEMENTS (CONTRIBUTING.md shows the same list).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from llmkb.errors import ContentError, excerpt
from llmkb.model.frontmatter import Page
from llmkb.text import blank_code_and_math, map_prose

# element -> attributes it may carry (besides GLOBAL_ATTRIBUTES)
ALLOWED_ELEMENTS: dict[str, set[str]] = {
    "span": set(),
    "div": {"markdown"},
    "a": {"href", "hreflang", "type", "download"},
    "abbr": set(),
    "br": set(),
    "sub": set(),
    "sup": set(),
    "kbd": set(),
    "q": set(),
    "img": {"src", "alt", "width", "height"},
    "figure": set(),
    "figcaption": set(),
}
GLOBAL_ATTRIBUTES = {"class", "id", "lang", "title"}
# Elements that run code or load another document or resource: named in the message.
FORBIDDEN_ELEMENTS = {
    "script": "scripts belong in docs/assets/javascripts/ and mkdocs.yml (extra_javascript), never in a page",
    "iframe": "link to the page instead of embedding it",
    "object": "link to the file instead of embedding it",
    "embed": "link to the file instead of embedding it",
    "style": "put styles in docs/assets/stylesheets/site.css",
    "link": "stylesheets go in mkdocs.yml (extra_css)",
    "meta": "page metadata goes in front matter",
    "video": "link to the video instead of embedding it",
    "audio": "link to the audio instead of embedding it",
    "source": "link to the media instead of embedding it",
    "form": "forms are not supported; interactive tools are widgets (llmkb/render/widgets.py)",
    "input": "forms are not supported; interactive tools are widgets (llmkb/render/widgets.py)",
}
EXTERNAL_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9-]*:)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)")
_FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF_RE = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:", re.M)
_FENCE_OPEN_RE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<lang>[A-Za-z0-9_+-]*)", re.M)
DIAGRAM_LANGUAGES = {"mermaid", "plantuml", "dot", "graphviz"}


class _Attributes(HTMLParser):
    """One tag's attributes, parsed by the standard library's HTML parser."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.attributes = {name.lower(): value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def _line(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


def _tag_errors(page: Page, tag: str, name: str, attributes: dict[str, str], line: int) -> list[ContentError]:
    quoted = excerpt(tag, 80)
    if name in FORBIDDEN_ELEMENTS:
        return [ContentError(page.path, f"<{name}> is not allowed in a page: {quoted}", FORBIDDEN_ELEMENTS[name], line)]
    if name not in ALLOWED_ELEMENTS:
        return [
            ContentError(
                page.path,
                f"HTML element <{name}> is not allowed: {quoted}",
                f"write it in Markdown, or use an allowed element ({', '.join(ALLOWED_ELEMENTS)}); "
                "to show a tag as text, put it in backticks",
                line,
            )
        ]
    errors = []
    allowed = ALLOWED_ELEMENTS[name] | GLOBAL_ATTRIBUTES
    for attribute, value in attributes.items():
        if attribute.startswith("on"):
            errors.append(ContentError(page.path, f"event handler '{attribute}' in {quoted}", "pages run no scripts: remove the attribute", line))
        elif attribute not in allowed and not attribute.startswith(("aria-", "data-")):
            errors.append(
                ContentError(page.path, f"attribute '{attribute}' is not allowed on <{name}>: {quoted}",
                             f"<{name}> may have: {', '.join(sorted(allowed))}", line)
            )
    href = attributes.get("href", "")
    if re.match(r"\s*(?:javascript|data|vbscript):", href, re.I):
        errors.append(ContentError(page.path, f"script link in {quoted}", "link to a page or a web address", line))
    if name == "img":
        errors += _image_errors(page, attributes.get("src", ""), attributes.get("alt"), line, quoted)
    return errors


def _image_errors(page: Page, src: str, alt: str | None, line: int, quoted: str) -> list[ContentError]:
    errors = []
    if EXTERNAL_RE.match(src):
        errors.append(
            ContentError(page.path, f"image from outside the site: {quoted}",
                         "save the image (SVG) in the part's img/ folder and link it relatively; the site loads nothing from other hosts", line)
        )
    if alt is None or not alt.strip():
        errors.append(
            ContentError(page.path, f"image without alt text: {quoted}",
                         "describe the image in its alt text: ![what the image shows](img/x.svg)", line)
        )
    return errors


def markup_errors(page: Page) -> list[ContentError]:
    """Raw HTML, images and footnote references in the page's prose (code and math are not looked at)."""
    errors: list[ContentError] = []
    definitions = set(_FOOTNOTE_DEF_RE.findall(page.body))

    def scan(text: str, first_line: int) -> str:
        for match in _TAG_RE.finditer(text):
            if match.group(1):  # closing tag
                continue
            name = match.group(2).lower()
            errors.extend(_tag_errors(page, match.group(0), name, _Attributes(match.group(0)).attributes, _line(text, match.start(), first_line)))
        for match in _IMAGE_RE.finditer(text):
            errors.extend(_image_errors(page, match.group("src"), match.group("alt"), _line(text, match.start(), first_line), excerpt(match.group(0), 80)))
        for match in _FOOTNOTE_REF_RE.finditer(text):
            if match.group(1) not in definitions:
                errors.append(
                    ContentError(page.path, f"footnote [^{match.group(1)}] has no definition (it would show as literal text)",
                                 f"add a line '[^{match.group(1)}]: the note' below the paragraph, or remove the reference", _line(text, match.start(), first_line))
                )
        return text

    map_prose(page.body, scan, first_line=page.body_first_line)
    for match in _FENCE_OPEN_RE.finditer(page.body):
        if match.group("lang").lower() in DIAGRAM_LANGUAGES:
            errors.append(
                ContentError(page.path, f"```{match.group('lang')} block: the site does not render {match.group('lang')} (readers would see the code)",
                             "draw the diagram as an SVG file in the part's img/ folder (export it locally, e.g. with Mermaid CLI) and "
                             "include it as ![description](img/x.svg)", _line(page.body, match.start(), page.body_first_line))
            )
    return errors


# Elements marked as Traditional Chinese: text inside them may use Traditional characters.
_TRADITIONAL_ELEMENT_RE = re.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^<>]*\blang=[\"']?zh-(?:Hant|TW|HK|MO)\b[^<>]*>.*?</(?P=tag)>", re.S | re.I
)
_LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<[^<>]*>")


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """The page's prose line by line, with code, math, HTML tags, link targets and text marked
    lang="zh-Hant" blanked out: what a reader reads as the page's own words."""

    def blank(text: str, first_line: int) -> str:
        text = _TRADITIONAL_ELEMENT_RE.sub(lambda m: _blanked(m.group(0)), text)
        return _LINK_TARGET_RE.sub(lambda m: _blanked(m.group(0)), text)

    prose = blank_code_and_math(map_prose(page.body, blank))
    return [(page.body_first_line + index, line) for index, line in enumerate(prose.split("\n")) if line.strip()]


def _blanked(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)
