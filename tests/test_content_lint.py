"""No placeholder text and correct Chinese typography on every page; the lint catches both."""

from __future__ import annotations

import pytest
from helpers import make_page, site_pages

from llmkb.model.frontmatter import parse_page
from llmkb.model.lint import lint_page


@pytest.mark.parametrize("uri", sorted(site_pages()))
def test_site_page_passes_content_lint(uri):
    errors = lint_page(site_pages()[uri])
    assert not errors, "\n".join(str(error) for error in errors)


def lint_text(tmp_path, body: str) -> str:
    path = tmp_path / "page.md"
    path.write_text(make_page("示例", body), encoding="utf-8")
    return "\n".join(str(error) for error in lint_page(parse_page(path, tmp_path)))


@pytest.mark.parametrize("placeholder", ["TODO", "待补充", "TBD", "Lorem ipsum", "【待写】"])
def test_placeholder_is_reported_with_line(tmp_path, placeholder):
    report = lint_text(tmp_path, f"第一段。\n\n这一节{placeholder}。\n")
    assert "page.md:11: placeholder text" in report


def test_placeholder_inside_code_is_allowed(tmp_path):
    assert lint_text(tmp_path, "示例：\n\n```python\n# TODO: 这是代码里的注释\n```\n") == ""


def test_missing_space_between_chinese_and_latin(tmp_path):
    report = lint_text(tmp_path, "GPT3有96层。\n")
    assert "page.md:9: Chinese typography" in report and "'GPT3 有 96 层。'" in report


def test_missing_space_between_chinese_and_a_link_with_latin_text(tmp_path):
    report = lint_text(tmp_path, "详见[LLM 构建流程](a.md)。\n\n读 [什么是 BPE](b.md)、[@key] 与[GPT-4](c.md)后\n")
    assert report.count("Chinese typography") == 3, report
    assert "page.md:9: Chinese typography" in report and "'见 [LLM 构建流程](a." in report
    assert "page.md:11: Chinese typography" in report and "'与 [GPT-4](c" in report and "(c.md) 后'" in report


def test_half_width_punctuation_in_chinese(tmp_path):
    report = lint_text(tmp_path, "模型很大,训练很贵.\n")
    assert "page.md:9: Chinese typography" in report and "，" in report


def test_level_one_heading_is_reported(tmp_path):
    report = lint_text(tmp_path, "# 重复的标题\n\n正文。\n")
    assert "level-1 heading" in report


@pytest.mark.parametrize("uri", sorted(site_pages()))
def test_every_abbreviation_is_in_the_glossary(uri):
    from llmkb.model.lint import allowed_abbreviations, unexplained_abbreviations
    from llmkb.model.refdata import load_reference_data

    data = load_reference_data()
    errors = unexplained_abbreviations(site_pages()[uri], data, allowed_abbreviations(data))
    assert not errors, "\n".join(str(error) for error in errors)


def test_unexplained_abbreviation_is_reported(tmp_path):
    from llmkb.model.lint import unexplained_abbreviations
    from llmkb.model.refdata import load_reference_data

    path = tmp_path / "page.md"
    path.write_text(make_page("示例", "新方法 ZQXW 很好，`CODEWORD` 和 $ABC$ 不算。\n"), encoding="utf-8")
    errors = unexplained_abbreviations(parse_page(path, tmp_path), load_reference_data(), set())
    assert [str(e).splitlines()[0] for e in errors] == [f"{path}:9: abbreviation 'ZQXW' is not in the glossary"]


def test_page_over_one_megabyte_is_linted_in_pieces(tmp_path):
    """autocorrect gives up on very large input ("call limit reached"); the lint must not crash."""
    paragraph = "大语言模型的训练需要大量数据和计算资源，这一段用来把页面撑到很大。" * 20 + "\n\n"
    body = paragraph * (1_100_000 // len(paragraph.encode())) + "最后一段GPT3有96层。\n"
    report = lint_text(tmp_path, body)
    last_line = 8 + body.count("\n")
    assert f"page.md:{last_line}: Chinese typography" in report


def test_huge_line_is_quoted_as_a_short_excerpt(tmp_path):
    report = lint_text(tmp_path, "这是很长的一行GPT3有96层。" * 60_000 + "\n")
    assert "page.md:9: Chinese typography" in report
    assert max(len(line) for line in report.splitlines()) < 600
