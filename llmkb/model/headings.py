"""The headings of a page and the anchors the site gives them, read from its Markdown.

Uses Python-Markdown's toc extension with the site's slug function (mkdocs.yml), so an anchor here is
the id the built page has: the explicit ``{#id}`` when the heading has one, otherwise the Unicode slug
of its text. Self-test questions point at these anchors, and an English page's headings correspond
one to one to its Chinese page's.

    uv run python -m llmkb.model.headings docs/theory/rl-vs-sl.md     # level, anchor and text of each heading
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify

from llmkb.model.frontmatter import FRONT_MATTER_RE


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str
    explicit: bool = False  # the anchor is written in the Markdown (``## Title {#id}``), not a slug of the text


# Slugs get this prefix while converting, so an anchor without it was written as {#id}.
_SLUG_MARK = "kb-slug--"
_slugify = slugify(case="lower")


def markdown_headings(body: str) -> list[Heading]:
    """Every heading of a Markdown body (level 2 and below; the title is in front matter), in order."""
    return list(_headings(body))


class _OnlyHeadings(Treeprocessor):
    """Drops the blocks that hold no heading before the inline patterns run (they are most of a
    conversion's time, and only the headings' text matters here)."""

    BLOCKS_WITHOUT_HEADINGS = frozenset({"p", "ul", "ol", "table", "pre", "dl", "hr"})

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in self.BLOCKS_WITHOUT_HEADINGS:
                    parent.remove(child)


class _OnlyHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_OnlyHeadings(md), "kb_only_headings", 25)  # before "inline" (20) and "toc" (5)


# A Markdown conversion per call: the questions ask for the same pages' headings many times a build.
@lru_cache(maxsize=512)
def _headings(body: str) -> tuple[Heading, ...]:
    converter = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "admonition", "pymdownx.superfences", "pymdownx.details", "pymdownx.highlight", "toc",
                    _OnlyHeadingsExtension()],
        # Code is not coloured: Pygments would be most of the remaining time.
        extension_configs={"pymdownx.highlight": {"use_pygments": False},
                           "toc": {"slugify": lambda text, separator: _SLUG_MARK + _slugify(text, separator)}},
    )
    converter.convert(body)
    headings: list[Heading] = []

    def walk(tokens) -> None:
        for token in tokens:
            explicit = not token["id"].startswith(_SLUG_MARK)
            headings.append(Heading(token["level"], token["id"].removeprefix(_SLUG_MARK), token["name"], explicit))
            walk(token["children"])

    walk(converter.toc_tokens)
    return tuple(headings)


def file_headings(path: Path) -> list[Heading]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    return markdown_headings(text[match.end():] if match else text)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        for heading in file_headings(Path(argument)):
            anchor = f"{{#{heading.anchor}}}" if heading.explicit else heading.anchor
            print(f"{'#' * heading.level} {anchor}    {heading.text}")
