"""Reference data: every file validates, and each kind of bad entry names the file, entry and field."""

from __future__ import annotations

import textwrap

import pytest

from llmkb.errors import ContentErrors
from llmkb.model.bibliography import load_bibliography
from llmkb.model.refdata import DATASETS, load_reference_data, parse_reference_data
from llmkb.paths import DOCS_DIR

VALID = {
    "glossary": """
        - id: rlhf
          zh: 基于人类反馈的强化学习
          en: Reinforcement Learning from Human Feedback
          abbr: RLHF
          definition: 用人类偏好训练奖励模型，再用强化学习优化语言模型。
          definition_en: Trains a reward model on human preferences, then optimizes the language model with RL.
          page: theory/training-pipeline.md#rlhf-ppo
          group: 训练与对齐
        """,
    "benchmarks": """
        - id: gsm8k
          name: GSM8K
          full_name: Grade School Math 8K
          language: [en]
          domain: 数学
          size: 约 8.5K 题
          format: 自由作答
          metric: 最终答案准确率
          year: 2021
          paper: ouyang2022training
          description: 小学数学应用题，需要 2–8 步运算。
          domain_en: Math
          size_en: About 8.5K problems
          format_en: Free-form answer
          metric_en: Final-answer accuracy
          description_en: Grade-school math word problems that take 2 to 8 steps.
        """,
    "models": """
        - id: llama-7b
          name: LLaMA-7B
          org: Meta
          released: "2023-02"
          params_b: 6.7
          architecture: causal-decoder
          open_weights: true
          paper: touvron2023llama
          family: llama-1
          heads: 32
          kv_heads: 32
        - id: mixtral
          name: Mixtral 8x7B
          org: Mistral AI
          released: "2024-01"
          params_b: 47
          active_params_b: 13
          moe: true
          architecture: causal-decoder
          open_weights: true
          paper: touvron2023llama
        """,
    "datamix": """
        - id: llama-1-mix
          model: llama-7b
          source: touvron2023llama
          components:
            - {name: CommonCrawl, share: 67}
            - {name: C4, share: 33}
        """,
    "milestones": """
        - id: llama
          date: "2023-02"
          title: LLaMA
          description: Meta 发布 7B 到 65B 的基础模型。
          description_en: Meta releases base models from 7B to 65B.
          source: touvron2023llama
          models: [llama-7b]
        """,
}


def write_data(tmp_path, **overrides):
    for name in DATASETS:
        text = overrides.get(name, VALID[name])
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def errors_for(tmp_path, **overrides) -> str:
    write_data(tmp_path, **overrides)
    with pytest.raises(ContentErrors) as info:
        parse_reference_data(tmp_path, DOCS_DIR, load_bibliography())
    return info.value.report()


def test_site_reference_data_is_valid():
    data = load_reference_data()
    assert len(data.glossary) >= 120
    assert len(data.benchmarks) >= 25
    assert len(data.models) >= 40
    assert len(data.datamix) >= 3 and len(data.milestones) >= 15


def test_valid_fixture_parses(tmp_path):
    write_data(tmp_path)
    data = parse_reference_data(tmp_path, DOCS_DIR, load_bibliography())
    assert data.models["mixtral"].active_params_b == 13


@pytest.mark.parametrize(
    ("dataset", "change", "expected"),
    [
        ("glossary", ("abbr: RLHF", "abbr: RL HF"), "entry 'rlhf', field 'abbr'"),
        ("glossary", ("优化语言模型。", "优化语言模型"), "full-width period"),
        ("glossary", ("#rlhf-ppo", "x"), "entry 'rlhf', field 'page'"),
        ("glossary", ("theory/training-pipeline.md", "theory/no-such-page.md"), "theory/no-such-page.md does not exist"),
        ("glossary", ("group: 训练与对齐", "group: 训练与对齐\n  colour: red"), "field 'colour'"),
        ("benchmarks", ("year: 2021", "year: twenty"), "entry 'gsm8k', field 'year'"),
        ("benchmarks", ("language: [en]", "language: [english]"), "entry 'gsm8k', field 'language.0'"),
        ("benchmarks", ("paper: ouyang2022training", "paper: nobody2099"), "unknown bibliography key 'nobody2099'"),
        ("models", ('released: "2023-02"', "released: Feb 2023"), "entry 'llama-7b', field 'released'"),
        ("models", ("kv_heads: 32", "kv_heads: 5"), "kv_heads must divide heads"),
        ("models", ("active_params_b: 13\n  moe: true", "active_params_b: 13"), "only for MoE models"),
        ("models", ("active_params_b: 13", "active_params_b: 130"), "cannot exceed params_b"),
        ("models", ("architecture: causal-decoder\n  open_weights: true\n  paper: touvron2023llama\n  family", "architecture: decoder\n  open_weights: true\n  paper: touvron2023llama\n  family"), "field 'architecture'"),
        ("models", ("id: mixtral", "id: llama-7b"), "duplicate id 'llama-7b'"),
        ("datamix", ("share: 33", "share: 3"), "shares add up to 70%"),
        ("datamix", ("model: llama-7b", "model: llama-8b"), "unknown model id 'llama-8b'"),
        ("milestones", ("models: [llama-7b]", "models: [gpt-9]"), "unknown model id 'gpt-9'"),
        ("milestones", ("  description_en: Meta releases base models from 7B to 65B.\n", ""), "entry 'llama': Chinese text without an English version: add description_en"),
        ("benchmarks", ("metric_en: Final-answer accuracy", "metric_en: 最终答案准确率"), "metric_en must be English"),
    ],
)
def test_bad_entry_names_file_entry_and_field(tmp_path, dataset, change, expected):
    text = textwrap.dedent(VALID[dataset]).lstrip()
    assert change[0] in text, "fixture change must apply"
    report = errors_for(tmp_path, **{dataset: text.replace(*change)})
    assert f"{dataset}.yaml:" in report and expected in report


def test_not_a_list_is_reported(tmp_path):
    report = errors_for(tmp_path, models="id: llama\n")
    assert "models.yaml:1: the file must be a YAML list" in report


def test_yaml_syntax_error_is_reported_with_line(tmp_path):
    report = errors_for(tmp_path, benchmarks="- id: a\n  name: [broken\n")
    assert "benchmarks.yaml:" in report and "YAML syntax error" in report


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    """A 2 KB data file of nested aliases would expand to gigabytes; anchors and aliases are refused."""
    levels = ["- id: a\n  name: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    levels += [f"  x{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 10)]
    report = errors_for(tmp_path, benchmarks="".join(levels))
    assert "benchmarks.yaml:2: YAML anchor '&l0' is not allowed" in report
    assert "write the value out in full" in report
    assert len(report) < 10_000


def test_unclosed_quote_points_at_its_line(tmp_path):
    text = textwrap.dedent(VALID["benchmarks"]).lstrip().replace("full_name: Grade School Math 8K", 'full_name: "Grade School Math 8K')
    report = errors_for(tmp_path, benchmarks=text)
    assert "benchmarks.yaml:3: YAML syntax error: a quoted value starting on this line is not closed" in report


def test_invalid_model_date_is_reported_once_where_it_is(tmp_path):
    text = textwrap.dedent(VALID["models"]).lstrip().replace('released: "2023-02"', 'released: "2023-13"')
    report = errors_for(tmp_path, models=text)
    assert "models.yaml:1: entry 'llama-7b', field 'released'" in report
    assert "unknown model id" not in report  # datamix and milestones refer to it: no second, false error
    assert report.startswith("1 problem found")


def test_glossary_term_under_a_second_id_is_an_error(tmp_path):
    entry = textwrap.dedent(VALID["glossary"]).lstrip()
    second = entry.replace("id: rlhf", "id: rlhf-2").replace("  abbr: RLHF\n", "")
    report = errors_for(tmp_path, glossary=entry + second)
    assert "glossary.yaml:9: entry 'rlhf-2': term '基于人类反馈的强化学习' is already in the glossary as 'rlhf'" in report
    assert "aliases" in report


def test_duplicate_bibliography_key_says_to_remove_one(tmp_path):
    from llmkb.model.bibliography import parse_bibliography

    entry = "vaswani2017attention:\n  authors: [Ashish Vaswani]\n  title: Attention Is All You Need\n  year: 2017\n  venue: NeurIPS\n  arxiv: \"1706.03762\"\n"
    path = tmp_path / "bibliography.yaml"
    path.write_text(entry + entry, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        parse_bibliography(path)
    report = info.value.report()
    assert "bibliography.yaml:7: YAML error: duplicate key 'vaswani2017attention' (first on line 1)" in report
    assert "write each key once" in report and "indentation" not in report


def test_quoted_date_in_bibliography_says_to_remove_the_quotes(tmp_path):
    from llmkb.model.bibliography import parse_bibliography

    path = tmp_path / "bibliography.yaml"
    path.write_text(
        "x-docs:\n  kind: web\n  authors: [X]\n  title: X Docs\n  year: 2025\n  venue: 官方文档\n  venue_en: Official docs\n"
        "  url: https://example.com/\n  accessed: \"2026-11-01\"\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as info:
        parse_bibliography(path)
    assert "remove the quotes: accessed: 2026-11-01" in info.value.report()


def test_data_file_that_is_not_utf8_names_file_and_line(tmp_path):
    write_data(tmp_path)
    path = tmp_path / "milestones.yaml"
    path.write_bytes(path.read_bytes().replace("发布".encode(), "发布".encode("gbk")))
    with pytest.raises(ContentErrors) as info:
        parse_reference_data(tmp_path, DOCS_DIR, load_bibliography())
    assert "milestones.yaml:4: the file is not valid UTF-8" in info.value.report()
