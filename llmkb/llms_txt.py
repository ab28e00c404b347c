"""llms.txt (https://llmstxt.org/): the site as a Markdown index for people's own LLM tools.

Generated from the nav and each page's front matter; every page is also published as Markdown
next to its HTML (``<page>/index.md``) so the links in llms.txt lead to plain text.
"""

from __future__ import annotations

from llmkb.frontmatter import Page
from llmkb.book import book_pages


def llms_txt(site_name: str, description: str, nav: list, pages: dict[str, Page], base_url: str) -> str:
    lines = [f"# {site_name}", "", f"> {description}", "",
             "每个页面都有 Markdown 版本（链接如下），内容与网站相同，参考文献以 [@键] 标注，完整书目见“参考文献”一页。"]
    current = object()
    for entry in book_pages(nav):
        if entry.src_uri not in pages:  # a nav entry without a page fails the build elsewhere
            continue
        part = entry.part or "首页"
        if part != current:
            lines += ["", f"## {part}", ""]
            current = part
        meta = pages[entry.src_uri].meta
        lines.append(f"- [{meta.title}]({base_url}{entry.url}index.md): {meta.description}")
    return "\n".join(lines).strip() + "\n"
