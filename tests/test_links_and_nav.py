"""Internal links, heading anchors, images and the nav are checked by the strict build.

Each fixture site is built with the real mkdocs.yml, so these tests fail if its `validation:`
block or `strict: true` is weakened.
"""

from __future__ import annotations

from helpers import make_page

from llmkb.paths import DOCS_DIR

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title><rect width="10" height="10"/></svg>'


def test_good_links_anchors_and_images_build(build_fixture_site):
    result = build_fixture_site(
        {
            "index.md": make_page("首页", "见[注意力](b.md#注意力机制)、[显式锚点](b.md#kv-cache)和![示意图](img/x.svg)。\n"),
            "b.md": make_page("B", "## 注意力机制\n\n文字。\n\n## KV 缓存 {#kv-cache}\n\n文字。\n"),
            "img/x.svg": SVG,
        }
    )
    assert result.ok, result.log


def test_broken_link_fails_naming_the_file(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "见[不存在的页面](missing.md)。\n")})
    assert not result.ok
    assert "index.md" in result.log and "missing.md" in result.log


def test_missing_anchor_fails(build_fixture_site):
    result = build_fixture_site(
        {
            "index.md": make_page("首页", "见[小节](b.md#不存在的小节)。\n"),
            "b.md": make_page("B", "## 注意力机制\n\n文字。\n"),
        }
    )
    assert not result.ok
    assert "index.md" in result.log and "不存在的小节" in result.log


def test_anchor_slug_is_unicode_and_lowercase(build_fixture_site):
    """Same slug function as the site: Chinese kept, ASCII lowercased, spaces to hyphens."""
    result = build_fixture_site(
        {
            "index.md": make_page("首页", "见[小节](b.md#rope-旋转位置编码)。\n"),
            "b.md": make_page("B", "## RoPE 旋转位置编码\n\n文字。\n"),
        }
    )
    assert result.ok, result.log


def test_missing_image_fails(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "![示意图](img/missing.svg)\n")})
    assert not result.ok
    assert "index.md" in result.log and "img/missing.svg" in result.log


def test_page_missing_from_nav_fails(build_fixture_site):
    result = build_fixture_site(
        {"index.md": make_page("首页", "正文。\n"), "orphan.md": make_page("孤页", "正文。\n")},
        nav=["index.md"],
    )
    assert not result.ok
    assert "orphan.md" in result.log


def test_nav_entry_without_file_fails(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n")}, nav=["index.md", {"缺页": "gone.md"}])
    assert not result.ok
    assert "gone.md" in result.log


def site_nav() -> list:
    from mkdocs.config import load_config

    from llmkb.paths import MKDOCS_FILE

    return load_config(config_file=str(MKDOCS_FILE)).nav


def test_site_nav_lists_every_page_exactly_once():
    def flatten(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from flatten(value)
            else:
                yield value

    nav = list(flatten(site_nav()))
    # Translations (page.en.md) share their page's nav entry.
    pages = sorted(p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md") if not p.name.endswith(".en.md"))
    assert sorted(nav) == pages
    assert len(nav) == len(set(nav))


def test_nav_page_entries_take_titles_from_front_matter():
    """A title written in the nav would override the page's front matter and could drift from it."""

    def titled_pages(items):
        for item in items:
            if isinstance(item, dict):
                (name, value), = item.items()
                if isinstance(value, list):
                    yield from titled_pages(value)
                else:
                    yield f"{name}: {value}"

    titled = list(titled_pages(site_nav()))
    assert not titled, f"remove the titles from these nav entries (the page's front matter has it): {titled}"


def test_urls_are_ascii_kebab_case():
    import re

    bad = [
        p.relative_to(DOCS_DIR).as_posix()
        for p in DOCS_DIR.rglob("*")
        if p.is_file() and not re.fullmatch(r"[a-z0-9/._-]+", p.relative_to(DOCS_DIR).as_posix().lower())
    ]
    assert not bad, f"rename to ASCII kebab-case: {bad}"
