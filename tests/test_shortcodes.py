"""Data-driven content: markers render tables, charts, tooltips and the widgets' mount points with their words;
anything unknown fails the build."""

from __future__ import annotations

import html
import json
import re

import pytest
from helpers import make_page

from llmkb.model.editions import label, label_keys
from llmkb.model.refdata import load_reference_data
from llmkb.paths import ROOT
from llmkb.render.charts import CHARTS
from llmkb.render.hant import convert_html, convert_text
from llmkb.render.widgets import bpe_visualizer_html, gpu_estimator_html
from llmkb.text import HAN_RE


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("<!-- kb:modle-table -->", "unknown marker kb:modle-table"),
        ("<!-- kb:model-table ids=llama-1-7b,gpt-9 -->", "unknown model id(s): gpt-9"),
        ("<!-- kb:model-table columns=name,colour -->", "unknown column(s): colour"),
        ("<!-- kb:benchmark-table ids=mmlu,mmmlu -->", "unknown benchmark id(s): mmmlu"),
        ("<!-- kb:model-table family=llama-9 -->", "no model has family 'llama-9'"),
        ("<!-- kb:benchmark-table domain=天文 -->", "no benchmark has domain '天文'"),
        ("<!-- kb:timeline colour=red -->", "got arguments it does not take: colour"),
        ("<!-- kb:chart name=pie -->", "unknown chart 'pie'"),
    ],
)
def test_unknown_marker_argument_or_id_fails_with_line(build_fixture_site, marker, expected):
    result = build_fixture_site({"index.md": make_page("首页", f"第一段。\n\n{marker}\n")})
    assert not result.ok
    assert "index.md:11:" in result.log and expected in result.log


def test_tables_render_with_citations_in_the_page_references(build_fixture_site):
    body = "<!-- kb:model-table ids=llama-1-7b columns=name,params,layers,source -->\n"
    result = build_fixture_site({"index.md": make_page("首页", body)})
    assert result.ok, result.log
    html = result.html("index.html")
    model = load_reference_data().models["llama-1-7b"]
    assert f"<td>{model.name}</td>" in html and f"<td>{model.layers}</td>" in html
    assert f'id="ref-{model.paper}"' in html  # the table's source is listed under 参考文献


def test_abbreviations_get_tooltips(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "训练流程包括 SFT 和 RLHF。\n")})
    assert result.ok, result.log
    term = next(t for t in load_reference_data().glossary.values() if t.abbr == "RLHF")
    html = result.html("index.html")
    assert f'<abbr title="{term.zh}（{term.en}）：{term.definition}" tabindex="0">RLHF</abbr>' in html


def test_charts_are_built_as_svg_with_text(build_fixture_site):
    result = build_fixture_site({"index.md": make_page("首页", "<!-- kb:chart name=params-over-time -->\n")})
    assert result.ok, result.log
    svg = (result.site_dir / "assets/charts/params-over-time.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "参数量" in svg  # text kept as text, not paths
    page = result.html("index.html")
    assert '<img class="kb-figure__light" src="assets/charts/params-over-time.svg" alt="' in page
    assert '<img class="kb-figure__dark" src="assets/charts/params-over-time.dark.svg" alt="' in page


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_charts_are_deterministic(name):
    data = load_reference_data()
    assert CHARTS[name](data) == CHARTS[name](data)


# ---- the interactive widgets' words ---------------------------------------------------------------

WIDGET_SCRIPTS = ("docs/assets/javascripts/gpu-memory.js", "docs/assets/javascripts/bpe.js")
# JavaScript string literals (kept) and comments (dropped), so that "//" inside a string is no comment.
_JS_STRING_OR_COMMENT_RE = re.compile(r'("(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|`(?:\\.|[^`\\])*`)|/\*.*?\*/|//[^\n]*', re.S)
_LABELS_ATTRIBUTE_RE = re.compile(r'\sdata-kb-labels="([^"]*)"')


def _mount_words(mount_html: str) -> dict[str, str]:
    return json.loads(html.unescape(_LABELS_ATTRIBUTE_RE.search(mount_html).group(1)))


@pytest.mark.parametrize("path", WIDGET_SCRIPTS)
def test_widget_scripts_have_no_han_outside_comments(path):
    """Every word the widgets show is in data/labels.yaml (gpu_*, bpe_*), handed over in data-kb-labels."""
    code = _JS_STRING_OR_COMMENT_RE.sub(lambda match: match.group(1) or "", (ROOT / path).read_text(encoding="utf-8"))
    lines = [line.strip() for line in code.splitlines() if HAN_RE.search(line)]
    assert not lines, f"{path} has Chinese outside comments:\n" + "\n".join(lines[:10])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_widget_mounts_carry_their_words_in_the_page_language(language):
    words = lambda key: label(key, language)  # noqa: E731 - what ctx.label is for a page in this language
    for mount, prefix in ((gpu_estimator_html(load_reference_data(), words), "gpu_"), (bpe_visualizer_html(words), "bpe_")):
        given = _mount_words(mount)
        expected = {key: label(key, language) for key in label_keys(prefix) if not key.endswith("_noscript")}
        assert given == expected and len(given) > 30
        if language == "zh":  # the 繁體中文 edition converts the attribute with the rest of the page
            assert _mount_words(convert_html(mount)) == {key: convert_text(value) for key, value in expected.items()}


def test_chart_names_and_the_chart_cache(tmp_path):
    """The light list of chart names matches the drawing code; a cached chart is the same bytes as a drawn one."""
    from llmkb.model.refdata import load_reference_data
    from llmkb.render.chartfiles import CHART_NAMES, chart_svg

    assert CHART_NAMES == tuple(CHARTS)
    data = load_reference_data()
    for name in CHART_NAMES:
        drawn = chart_svg(name, "zh", data, cache_dir=None)
        first = chart_svg(name, "zh", data, cache_dir=tmp_path)  # drawn and stored
        files = list(tmp_path.glob(f"{name}-zh-*.svg"))
        assert len(files) == 1 and files[0].read_text(encoding="utf-8") == drawn == first
