"""Rebuilds under `mkdocs serve` (llmkb/build/preview.py): after a save, pages whose Markdown and
inputs did not change are not converted or checked again, and the site written is the one a full
build of the same sources writes (apart from the search index, kept from the first build)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_page

from llmkb.build import preview, render_reuse

PAGES = {
    "index.md": make_page("首页", "正文。\n"),
    "a.md": make_page("甲", "## 数据与训练\n\n正文[@hu2021lora]，公式 $x^2$。见[下一页](b.md#后记)。\n"),
    "b.md": make_page("乙", "## 后记\n\n正文。\n"),
}


@pytest.fixture
def serving(monkeypatch):
    """Preview rebuilds switched on as `mkdocs serve` switches them on, with nothing kept from other tests."""
    monkeypatch.setattr(preview, "_active", True)
    monkeypatch.setattr(preview, "_kept_folders", {})
    monkeypatch.setattr(preview, "_memos", {})
    monkeypatch.setattr(render_reuse, "_previous_rebuild", {})


@pytest.fixture
def conversions(monkeypatch) -> list[tuple[str, str]]:
    """(edition, Markdown) of every Markdown conversion of a page during a build."""
    import markdown

    from llmkb.build import context

    converted: list[tuple[str, str]] = []
    convert = markdown.Markdown.convert

    def recording(self, text):
        build = context._current  # None while the checks convert headings, before the context exists
        if build is not None and text.strip():
            converted.append((build.edition, text))
        return convert(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", recording)
    return converted


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (a preview keeps the first build's)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and "pagefind" not in path.relative_to(site).parts}


def test_only_the_edited_page_is_converted_again(build_fixture_site, serving, conversions):
    assert build_fixture_site(PAGES, editions=True).ok
    conversions.clear()
    result = build_fixture_site(dict(PAGES, **{"b.md": make_page("乙", "## 后记\n\n改过的正文。\n")}), editions=True)
    assert result.ok, result.log
    converted = {(edition, "改过的正文" in text) for edition, text in conversions}
    # The Simplified edition converts the edited page (繁體 reuses it); English falls back to the Chinese page.
    assert converted == {("zh", True), ("en", True)}, conversions
    assert "改過的正文" in result.html("zh-Hant/b/index.html")


def test_a_rebuild_writes_what_a_full_build_writes(build_fixture_site, serving, monkeypatch):
    assert build_fixture_site(PAGES, editions=True).ok
    edited = dict(PAGES, **{"b.md": make_page("乙", "## 后记\n\n改过的正文。\n\n## 新的一节\n\n又一段。\n"),
                            "a.md": PAGES["a.md"].replace("b.md#后记", "b.md#新的一节")})
    rebuilt = build_fixture_site(edited, editions=True)
    assert rebuilt.ok, rebuilt.log
    preview_site = site_files(rebuilt.site_dir)
    monkeypatch.setattr(preview, "_active", False)
    full = build_fixture_site(edited, editions=True)
    assert full.ok, full.log
    full_site = site_files(full.site_dir)
    assert preview_site.keys() == full_site.keys()
    differ = [name for name in full_site if preview_site[name] != full_site[name]]
    assert not differ, f"a preview rebuild wrote other bytes than a full build: {differ}"


def test_a_rebuild_still_reports_a_broken_link_in_an_unchanged_page(build_fixture_site, serving):
    assert build_fixture_site(PAGES, editions=True).ok
    # b.md loses the heading a.md links to; a.md itself is unchanged.
    result = build_fixture_site(dict(PAGES, **{"b.md": make_page("乙", "## 结语\n\n正文。\n")}), editions=True)
    assert not result.ok
    assert "a.md" in result.log and "no anchor '#后记'" in result.log, result.log


def test_only_serve_turns_previews_on(monkeypatch):
    monkeypatch.setattr(preview, "_active", False)
    preview.start("build")
    assert not preview.active()
    preview.start("serve")
    assert preview.active()
    preview.start("build")
    assert not preview.active()


def test_an_included_file_is_part_of_what_a_conversion_read(tmp_path):
    included = tmp_path / "example.py"
    included.write_text("print(1)\n", encoding="utf-8")
    page = 'Code:\n\n```python\n--8<-- "example.py"\n```\n'
    before = preview.snippet_stamps(page, base=tmp_path)
    assert before and before == preview.snippet_stamps(page, base=tmp_path)
    included.write_text("print(2)  # longer\n", encoding="utf-8")
    assert preview.snippet_stamps(page, base=tmp_path) != before, "an edited snippet file must convert the page again"
    # A form the preview does not read: the page is always converted again.
    assert preview.snippet_stamps("--8<--\nexample.py\n--8<--\n", base=tmp_path) is None
    assert preview.snippet_stamps("no snippets here", base=tmp_path) == ()
