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
from pathlib import Path

import markdown
from pymdownx.slugs import slugify

from llmkb.model.frontmatter import FRONT_MATTER_RE


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


def markdown_headings(body: str) -> list[Heading]:
    """Every heading of a Markdown body (level 2 and below; the title is in front matter), in order."""
    converter = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "admonition", "pymdownx.superfences", "pymdownx.details", "toc"],
        extension_configs={"toc": {"slugify": slugify(case="lower")}},
    )
    converter.convert(body)
    headings: list[Heading] = []

    def walk(tokens) -> None:
        for token in tokens:
            headings.append(Heading(token["level"], token["id"], token["name"]))
            walk(token["children"])

    walk(converter.toc_tokens)
    return headings


def file_headings(path: Path) -> list[Heading]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER_RE.match(text)
    return markdown_headings(text[match.end():] if match else text)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        for heading in file_headings(Path(argument)):
            print(f"{'#' * heading.level} {heading.anchor}    {heading.text}")
