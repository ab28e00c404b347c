"""Bad input in a page fails the strict build on its own, naming the file, the line and the fix.

One fixture per class of bad input an author can write; each is built with the real mkdocs.yml
(only the default edition, unless the class is about editions). Bad data files are in
test_reference_data.py, bad front matter in test_front_matter.py, oversized input in test_content_lint.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import make_page

from llmkb.paths import ROOT

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title><rect width="10" height="10"/></svg>'
HOME = make_page("首页", "正文。\n")

# (name, body of bad.md, what the log must say after "bad.md:<line>: "); the body starts at line 9.
CASES = [
    ("marker with a space after a comma", "<!-- kb:model-table ids=llama-7b, gpt-3-175b -->\n", "9: not a valid marker"),
    ("marker not closed", "<!-- kb:timeline\n\n正文。\n", "9: not a valid marker"),
    ("marker name in capitals", "<!-- KB:timeline -->\n", "9: not a valid marker"),
    ("marker with an impossible month", "正文。\n\n<!-- kb:timeline since=2023-13 -->\n", "11: kb:timeline: '2023-13' is not a real YYYY-MM or YYYY-MM-DD date"),
    ("marker with a bad boolean", "<!-- kb:model-table moe=yes -->\n", "9: kb:model-table: 'yes' is not true or false"),
    ("unbalanced brace in TeX", "正文。\n\n$$\n\\frac{a}{b\n$$\n", "11: unbalanced braces"),
    ("extra closing brace in inline TeX", "公式 $a}$ 在这里。\n", "9: unbalanced braces"),
    ("unclosed environment", "$$\n\\begin{cases} a \\\\ b\n$$\n", "9: \\begin{cases} is not closed"),
    ("inline script", "正文。\n\n<script>alert(1)</script>\n", "11: <script> is not allowed"),
    ("iframe", '<iframe src="https://example.com/"></iframe>\n', "9: <iframe> is not allowed"),
    ("event handler", '<span onclick="alert(1)">点我</span>\n', "9: event handler 'onclick'"),
    ("external HTML image", '<img src="https://example.com/x.png" alt="示意图">\n', "9: image from outside the site"),
    ("external Markdown image", "![示意图](https://example.com/x.png)\n", "9: image from outside the site"),
    ("external protocol-relative image", "![示意图](//example.com/x.png)\n", "9: image from outside the site"),
    ("external video", '<video src="https://example.com/x.mp4"></video>\n', "9: <video> is not allowed"),
    ("external stylesheet", '<link rel="stylesheet" href="https://example.com/x.css">\n', "9: <link> is not allowed"),
    ("unknown HTML element", "<center>居中</center>\n", "9: HTML element <center> is not allowed"),
    ("image with empty alt", "![](img/x.svg)\n", "9: image without alt text"),
    ("HTML image with empty alt", '<img src="img/x.svg" alt="">\n', "9: image without alt text"),
    ("undefined footnote", "正文[^1]。\n", "9: footnote [^1] has no definition"),
    ("mermaid block", "```mermaid\ngraph LR\n  A --> B\n```\n", "9: ```mermaid block"),
    ("Traditional characters", "正文。\n\n這是說明。\n", "11: Traditional characters in a Simplified page"),
    ("placeholder", "这一节 TODO。\n", "9: placeholder text 'TODO'"),
    ("level-1 heading", "# 又一个标题\n\n正文。\n", "9: level-1 heading in the body"),
    ("unexplained abbreviation", "新方法 ZQXW 很好。\n", "9: abbreviation 'ZQXW' is not in the glossary"),
    ("YAML alias in front matter", None, "4: YAML anchor '&t'"),
]


def bad_page(body: str | None) -> str:
    if body is None:
        return make_page("坏页面", "正文。\n").replace("tags: [基础概念]", "tags: &t [基础概念]")
    return make_page("坏页面", body)


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_fails_the_build_with_file_line_and_fix(build_fixture_site, name, body, expected):
    result = build_fixture_site({"index.md": HOME, "bad.md": bad_page(body), "img/x.svg": SVG})
    assert not result.ok, f"{name}: the build passed"
    assert f"bad.md:{expected}" in result.log, result.log
    assert "fix:" in result.log
    assert "Traceback" not in result.log


def test_every_problem_of_a_build_is_reported_together(build_fixture_site):
    result = build_fixture_site(
        {
            "index.md": HOME,
            "a.md": make_page("甲", "这一节 TODO。\n"),
            "b.md": make_page("乙", "<!-- kb:model-table ids=a, b -->\n"),
            "c.md": make_page("丙", "$\\frac{a}{b$\n\n<script>x()</script>\n"),
        }
    )
    assert not result.ok
    for expected in ("a.md:9: placeholder", "b.md:9: not a valid marker", "c.md:9: unbalanced braces", "c.md:11: <script>"):
        assert expected in result.log, result.log


def test_two_pages_with_the_same_title_fail(build_fixture_site):
    result = build_fixture_site({"index.md": HOME, "a.md": make_page("注意力", "正文。\n"), "b.md": make_page("注意力", "正文。\n")})
    assert not result.ok
    assert "b.md:2: title '注意力' is also the title of a.md" in result.log


def test_allowed_input_builds(build_fixture_site):
    """Traditional text marked as such, less common but supported TeX, local images with alt text,
    defined footnotes, links to other hosts and the allowed HTML all pass."""
    body = """
        引用台湾的写法：<span lang="zh-Hant">這是繁體字</span>。代码里的 `這個` 也不算。

        $$
        f(x) = \\left\\{ \\begin{array}{ll} \\underbrace{x^2 + 1}_{n} & x \\ge 0 \\\\ \\mathcal{L}\\tilde{y} & \\text{否则} \\end{array} \\right.
        $$

        行内 $\\{a, b\\} \\subseteq \\mathbb{R}$、$\\sqrt[3]{\\hat{x}}$ 和 $\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}$。

        ![示意图](img/x.svg) <img src="img/x.svg" alt="示意图" width="10">

        脚注[^note]，按 <kbd>Ctrl</kbd> 键，H<sub>2</sub>O，[外部链接](https://example.com/)。

        [^note]: 脚注的内容。

        ```python
        print("<script>不是 HTML</script> ![](https://example.com/x.png)")
        ```
        """
    result = build_fixture_site({"index.md": HOME, "good.md": make_page("好页面", body), "img/x.svg": SVG})
    assert result.ok, result.log
    assert "<math" in result.html("good/index.html")


def test_broken_links_anchors_images_and_snippets_are_found_before_rendering(build_fixture_site):
    body = "正文。\n\n见[缺页](missing.md)和[小节](index.md#没有这节)。\n\n![图](img/none.svg)\n\n```python\n--8<-- \"examples/none.py\"\n```\n"
    result = build_fixture_site({"index.md": HOME, "a.md": make_page("甲", body)}, editions=True)
    assert not result.ok
    assert "a.md:11: link 'missing.md': no such page" in result.log and "fix: link to an existing page's .md file" in result.log
    assert "a.md:11: link 'index.md#没有这节': index.md has no anchor" in result.log
    assert "a.md:13: image 'img/none.svg' does not exist" in result.log
    assert "a.md:16: snippet file 'examples/none.py' does not exist" in result.log
    assert result.log.count("link 'missing.md'") == 1, result.log


def test_mkdocs_link_warnings_have_line_and_fix_and_show_once(build_fixture_site):
    """Anchors made from data are only known after rendering: MkDocs finds those, and its warning gets a line and a fix."""
    pages = {
        "index.md": HOME,
        "a.md": make_page("甲", "正文。\n\n见[时间线](b.md#没有这节)。\n"),
        "b.md": make_page("乙", "<!-- kb:timeline since=2023-01 -->\n"),
    }
    result = build_fixture_site(pages, editions=True)
    assert not result.ok
    assert "a.md:11: link 'b.md#没有这节': b.md has no anchor '#没有这节'" in result.log
    assert "fix: link to an anchor that exists in b.md" in result.log
    assert result.log.count("link 'b.md#没有这节'") == 1, result.log  # the other editions render the same source


def test_nav_warnings_name_the_page_and_the_fix(build_fixture_site):
    result = build_fixture_site({"index.md": HOME, "orphan.md": make_page("孤页", "正文。\n")}, nav=["index.md"])
    assert not result.ok
    assert "orphan.md:1: the page is not in the nav" in result.log and "add '- orphan.md' to nav" in result.log


def test_check_command_runs_the_same_page_checks(tmp_path):
    """llmkb check reports what the build reports, without building."""
    page = tmp_path / "draft.md"
    page.write_text(make_page("草稿", "<!-- kb:timeline until=2024-00 -->\n\n$a^{2$\n\n![](img/x.svg)\n\n[缺页](gone.md)\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "llmkb", "check", str(page)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    for expected in ("draft.md:9: kb:timeline", "draft.md:11: unbalanced braces", "draft.md:13: image without alt text", "draft.md:15: link 'gone.md'"):
        assert expected in result.stderr, result.stderr
