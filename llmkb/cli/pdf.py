"""Export the knowledge base as a book-quality PDF, one per language edition.

Writes site/pdf/llm-notes-zh.pdf, site/zh-Hant/pdf/llm-notes-zh-Hant.pdf and site/en/pdf/llm-notes-en.pdf.
Builds the site (unless --no-build), assembles every page in nav order into one book (cover,
contents with page numbers, parts), prints it with Debian's Chromium through Playwright (A4,
bookmarks, tagged PDF, running part names and page numbers), then repairs the text layer so that
copying and searching give real Chinese characters, not look-alike Kangxi radicals. Prints
progress and, at the end, the time taken and the file size.

Example:
    uv run llmkb pdf
    uv run llmkb pdf --no-build --edition en
"""

from __future__ import annotations

import argparse

from llmkb.cli.common import add_edition_argument, add_site_arguments, editions, prepared_site


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    add_edition_argument(parser, "PDF")


def run(args: argparse.Namespace) -> int:
    from llmkb.book.pdf import export_pdf

    if not prepared_site(args):
        return 2
    for edition in editions(args):
        export_pdf(args.site_dir, edition)
    return 0
