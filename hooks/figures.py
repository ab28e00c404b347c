"""Figures in every edition and palette: each edition's diagrams in its own script, a dark variant of
every diagram and chart, and a link that opens a figure full size (llmkb/render/figures.py).

Adds to the build, for each SVG figure of the edition being built: the 繁體中文 conversion of its
text, written inside the edition's own folder (zh-Hant/theory/img/...) so the default edition's file
is never overwritten; and ``x.dark.svg`` beside it. In every page, a figure image becomes the light
and the dark variant inside a link to the full-size figure (site.css shows the one that matches the
palette; docs/assets/javascripts/figures.js opens the link in a lightbox).
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import TRADITIONAL, edition_prefix, label, page_language
from llmkb.render.figures import dark_uri, dark_variant, figure_size, figures_in_html, is_figure
from llmkb.render.hant import convert_svg


def _generated(config, src_uri: str, dest_uri: str, content: str) -> File:
    _sizes[dest_uri] = _sizes[dark_uri(dest_uri)] = figure_size(content)
    file = File.generated(config, src_uri, content=content)
    file.dest_uri = file.url = dest_uri
    return file


# Width and height of every figure of the edition, by its path in the site: the page gives each <img>
# its size, so the text does not jump when a figure loads.
_sizes: dict[str, tuple[int, int]] = {}


@stage("files", "figures")
def on_files(files, config):
    edition = context.current().edition
    prefix = edition_prefix(edition)
    for file in [file for file in files if is_figure(file.src_uri)]:
        svg = file.content_string
        dest = file.dest_uri
        _sizes[dest] = figure_size(svg)
        if edition == TRADITIONAL:
            converted = convert_svg(svg)
            if converted != svg:
                # mkdocs-static-i18n points every edition without its own copy at the default edition's file.
                dest = dest if dest.startswith(prefix) else prefix + dest
                files.remove(file)
                files.append(_generated(config, file.src_uri, dest, converted))
                svg = converted
        files.append(_generated(config, dark_uri(file.src_uri), dark_uri(dest), dark_variant(svg)))
    return files


@stage("page_content", "figures")
def on_page_content(html, page, config, files):
    if "<img" not in html:
        return html
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)

    def size(src: str) -> tuple[int, int] | None:
        return _sizes.get(posixpath.normpath(posixpath.join(base, src)))

    return figures_in_html(html, label("figure_zoom", page_language(page.file.src_uri)), size)
