"""Front matter is parsed strictly: each kind of mistake names the file, the line and the fix."""

from __future__ import annotations

import pytest
from helpers import make_page, site_pages

from llmkb.errors import ContentErrors
from llmkb.model.frontmatter import parse_page

VALID = """---
title: 示例页面
description: 这是一个用来测试 front matter 校验的示例页面。
tags: [架构]
updated: 2026-11-01
sources: [ouyang2022training, hu2021lora]
---

正文。
"""


def errors_for(tmp_path, text: str, name: str = "page.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        parse_page(path, tmp_path)
    return info.value.report()


def test_valid_front_matter_parses(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(VALID, encoding="utf-8")
    page = parse_page(path, tmp_path)
    assert page.meta.title == "示例页面"
    assert page.body_first_line == 8  # the line right after the closing ---


def test_every_site_page_has_valid_front_matter():
    pages = site_pages()
    assert "index.md" in pages and len(pages) >= 16


def test_missing_field_is_named_with_its_fix(tmp_path):
    report = errors_for(tmp_path, VALID.replace("updated: 2026-11-01\n", ""))
    assert "page.md:1: front matter field 'updated' is missing" in report
    assert "updated: 2026-11-28" in report  # the fix shows the expected form


def test_wrong_type_points_at_the_line(tmp_path):
    report = errors_for(tmp_path, VALID.replace("tags: [架构]", "tags: 架构"))
    assert "page.md:4: front matter field 'tags'" in report
    assert "list" in report


def test_bad_date_is_rejected(tmp_path):
    report = errors_for(tmp_path, VALID.replace("updated: 2026-11-01", "updated: 2026-13-01"))
    assert "page.md" in report and "YYYY-MM-DD" in report


def test_date_written_as_words_is_rejected(tmp_path):
    report = errors_for(tmp_path, VALID.replace("updated: 2026-11-01", "updated: last week"))
    assert "page.md:5: front matter field 'updated'" in report


def test_future_date_is_rejected(tmp_path):
    report = errors_for(tmp_path, VALID.replace("updated: 2026-11-01", "updated: 2999-01-01"))
    assert "in the future" in report


def test_unknown_tag_suggests_the_closest(tmp_path):
    report = errors_for(tmp_path, VALID.replace("tags: [架构]", "tags: [架构设计]"))
    assert "page.md:4" in report and "unknown tag '架构设计'" in report and "did you mean '架构'" in report


def test_yaml_syntax_error_gives_line(tmp_path):
    report = errors_for(tmp_path, VALID.replace("title: 示例页面", "title: [示例页面"))
    assert "page.md:" in report and "YAML syntax error" in report


def test_duplicate_key_is_an_error(tmp_path):
    report = errors_for(tmp_path, VALID.replace("tags: [架构]", "tags: [架构]\ntags: [评测]"))
    assert "duplicate key 'tags'" in report


def test_unknown_field_suggests_the_right_name(tmp_path):
    report = errors_for(tmp_path, VALID.replace("sources:", "source:"))
    assert "unknown front matter field 'source'" in report and "did you mean 'sources'" in report


def test_missing_front_matter_is_an_error(tmp_path):
    report = errors_for(tmp_path, "正文，没有 front matter。\n")
    assert "page.md:1: page has no front matter" in report


def test_topic_page_needs_two_sources(tmp_path):
    (tmp_path / "theory").mkdir()
    report = errors_for(tmp_path, VALID.replace("[ouyang2022training, hu2021lora]", "[hu2021lora]"), "theory/x.md")
    assert "at least 2 sources" in report


def test_malformed_front_matter_fails_the_build(build_fixture_site):
    """MkDocs itself would silently drop this front matter; the build must fail instead."""
    bad = make_page("坏页面", "正文。\n").replace("tags: [基础概念]", "tags: [基础概念")
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n"), "bad.md": bad})
    assert not result.ok
    assert "bad.md" in result.log and "YAML syntax error" in result.log


def test_yaml_syntax_error_points_at_the_line_itself(tmp_path):
    report = errors_for(tmp_path, VALID.replace("title: 示例页面", "title: [示例页面"))
    assert "page.md:2: YAML syntax error" in report  # the line with the '[', not the next one


def test_quoted_date_says_to_remove_the_quotes(tmp_path):
    report = errors_for(tmp_path, VALID.replace("updated: 2026-11-01", 'updated: "2026-11-01"'))
    assert "page.md:5: front matter field 'updated' is a quoted string" in report
    assert "remove the quotes: updated: 2026-11-01" in report


def test_invalid_utf8_names_file_and_line_without_a_traceback(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(VALID.encode().replace("正文".encode(), "正文".encode("gbk")))
    with pytest.raises(ContentErrors) as info:
        parse_page(path, tmp_path)
    assert "page.md:9: the file is not valid UTF-8" in info.value.report()


def test_invalid_utf8_fails_the_build_with_file_and_line(build_fixture_site):
    bad = make_page("坏页面", "第一行。\n\n第二段。\n").encode().replace("第二段".encode(), "第二段".encode("gbk"))
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n"), "bad.md": bad})
    assert not result.ok
    assert "bad.md:11: the file is not valid UTF-8" in result.log and "Traceback" not in result.log
