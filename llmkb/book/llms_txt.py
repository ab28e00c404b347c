"""llms.txt (https://llmstxt.org/): the site as a Markdown index for people's own LLM tools.

Generated from the nav and each page's front matter; every page is also published as Markdown
next to its HTML (``<page>/index.md``), with markers and citations expanded as on the site, so the
links in llms.txt lead to the same content as the pages.
"""

from __future__ import annotations

from llmkb.book.pages import book_pages, pages_by_part
from llmkb.model.editions import DEFAULT, label
from llmkb.model.frontmatter import Page


def llms_txt(site_name: str, description: str, nav: list, pages: dict[str, Page], base_url: str, language: str = DEFAULT) -> str:
    lines = [f"# {site_name}", "", f"> {description}", "", label("llms_intro", language)]
    for part in pages_by_part([page for page in book_pages(nav) if page.src_uri in pages]):
        lines += ["", f"## {part.title or label('llms_start', language)}", ""]
        for entry in part.all_pages:
            meta = pages[entry.src_uri].meta
            lines.append(f"- [{meta.title}]({base_url}{entry.url}index.md): {meta.description}")
    return "\n".join(lines).strip() + "\n"


def markdown_copy(page: Page, expanded_markdown: str) -> str:
    """A page as Markdown for machines: title, summary, and the body as the site renders it."""
    return f"# {page.meta.title}\n\n> {page.meta.description}\n\n{expanded_markdown.strip()}\n"
