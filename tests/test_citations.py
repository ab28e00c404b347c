"""The bibliography is well-formed and every citation resolves, or the build says which one does not."""

from __future__ import annotations

import pytest
from helpers import make_page

from llmkb.errors import ContentErrors
from llmkb.model.bibliography import load_bibliography, parse_bibliography

GOOD_ENTRY = """\
vaswani2017attention:
  authors: [Ashish Vaswani, Noam Shazeer, Niki Parmar]
  et_al: true
  title: Attention Is All You Need
  year: 2017
  venue: NeurIPS 2017
  arxiv: "1706.03762"
"""


def bib_errors(tmp_path, text: str) -> str:
    path = tmp_path / "bibliography.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        parse_bibliography(path)
    return info.value.report()


def test_site_bibliography_is_valid():
    assert len(load_bibliography().entries) >= 40


def test_good_entry_parses(tmp_path):
    path = tmp_path / "bibliography.yaml"
    path.write_text(GOOD_ENTRY, encoding="utf-8")
    entry = parse_bibliography(path).entries["vaswani2017attention"]
    assert entry.link == "https://arxiv.org/abs/1706.03762"
    assert entry.to_html() == (
        'Ashish Vaswani, Noam Shazeer, Niki Parmar, et al. '
        '<a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a>. NeurIPS 2017. arXiv:1706.03762.'
    )


def test_chinese_authors_end_with_deng_and_an_accessed_date_with_a_half_width_stop(tmp_path):
    path = tmp_path / "bibliography.yaml"
    path.write_text("""\
zhang-d2l:
  kind: web
  authors: [阿斯顿·张, 李沐]
  authors_en: [Aston Zhang, Mu Li]
  et_al: true
  title: 动手学深度学习
  title_en: Dive into Deep Learning
  year: 2023
  venue: 在线教材
  venue_en: Online textbook
  url: https://zh.d2l.ai/
  accessed: 2026-11-28
""", encoding="utf-8")
    entry = parse_bibliography(path).entries["zhang-d2l"]
    assert entry.to_html("zh") == '阿斯顿·张, 李沐, 等. <a href="https://zh.d2l.ai/">动手学深度学习</a>. 在线教材, 2023. 访问于 2026-11-28.'
    assert entry.to_html("en").startswith("Aston Zhang, Mu Li, et al. ")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('arxiv: "1706.03762"', 'arxiv: "arXiv:1706.03762"'), "not an arXiv id"),
        (('arxiv: "1706.03762"', 'arxiv: "1713.03762"'), "not an arXiv id"),
        (('arxiv: "1706.03762"', "url: http://example.org/paper"), "not an https URL"),
        (('arxiv: "1706.03762"', "kind: web\n  url: https://example.org/page"), "accessed"),
        (('arxiv: "1706.03762"', ""), "arxiv id or an https url"),
        (("year: 2017", "year: 17th"), "year"),
        (("venue: NeurIPS 2017", "venu: NeurIPS 2017"), "venu"),
        (("vaswani2017attention:", "Vaswani 2017:"), "malformed"),
    ],
)
def test_bad_entries_are_named_with_line(tmp_path, change, expected):
    report = bib_errors(tmp_path, GOOD_ENTRY.replace(*change))
    assert "bibliography.yaml:1:" in report and expected in report


def test_unknown_source_key_fails_the_build(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n", sources=["hu2021lora", "hu2021loar"])})
    assert not result.ok
    assert "index.md:6: unknown bibliography key 'hu2021loar'" in result.log
    assert "did you mean 'hu2021lora'" in result.log


def test_inline_citation_must_be_listed_in_sources(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "一句话[@dettmers2023qlora]。\n")})
    assert not result.ok
    assert "index.md:9: inline citation [@dettmers2023qlora] is not listed in 'sources'" in result.log


def test_citations_render_numbered_with_references(build_fixture_site):
    body = "先引用第二个[@hu2021lora]，再引用第一个[@ouyang2022training]。代码里的 `[@notakey]` 不算。\n"
    result = build_fixture_site({"index.md": make_page("首页", body)})
    assert result.ok, result.log
    html = result.html("index.html")
    assert '<a href="#ref-hu2021lora" aria-label="参考文献 1">[1]</a>' in html
    assert '<a href="#ref-ouyang2022training" aria-label="参考文献 2">[2]</a>' in html
    assert 'id="references"' in html and 'id="ref-hu2021lora"' in html
    assert "<code>[@notakey]</code>" in html
