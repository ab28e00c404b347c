"""Tests for examples/token_ratio.py (the runnable example on practice/tokens-vs-chinese-chars.md)."""

from __future__ import annotations

import pytest
from helpers import load_example


@pytest.fixture(scope="module")
def tr():
    return load_example("token_ratio")


def test_script_classes(tr):
    assert [tr.script_of(ch) for ch in "汉a7，. \u3042😀"] == [
        "cjk", "latin", "digit", "punct", "punct", "space", "other", "punct",
    ]
    assert tr.script_of("\U00020000") == "cjk"  # 扩展 B 区汉字，4 个 UTF-8 字节
    assert tr.script_of("é") == "latin"


def test_byte_level_baseline_is_three_tokens_per_common_hanzi(tr):
    stats = tr.measure("汉字换算", tr.byte_tokenize)
    assert stats == tr.Stats(chars=4, cjk_chars=4, utf8_bytes=12, tokens=12)
    assert stats.tokens_per_char == 3.0
    assert stats.bytes_per_token == 1.0
    # 非 BMP 汉字 4 个字节，带重音的拉丁字母 2 个字节
    assert tr.measure("\U00020000", tr.byte_tokenize).tokens == 4
    assert tr.measure("é", tr.byte_tokenize).utf8_bytes == 2


def test_measure_accepts_any_tokenizer(tr):
    def words(text):  # 按空格切的玩具分词器
        return text.split()

    stats = tr.measure("one two three", words)
    assert stats.tokens == 3
    assert stats.chars_per_token == pytest.approx(13 / 3)
    empty = tr.measure("", words)
    assert empty.tokens_per_char == 0.0 and empty.chars_per_token == 0.0


def test_runs_group_scripts_and_attach_spaces_to_words(tr):
    assert tr.runs("按 token 计费，2024 年 ok ") == [
        ("cjk", "按"),
        ("latin", " token"),
        ("space", " "),
        ("cjk", "计费"),
        ("punct", "，"),
        ("digit", "2024"),
        ("space", " "),
        ("cjk", "年"),
        ("latin", " ok"),
        ("space", " "),
    ]
    # 片段拼回去必须等于原文（无损）
    assert "".join(piece for _, piece in tr.runs(tr.SAMPLE)) == tr.SAMPLE


def test_breakdown_by_script(tr):
    text = "中文 abc，123"
    parts = tr.breakdown(text, tr.byte_tokenize)
    assert set(parts) == {"cjk", "latin", "punct", "digit"}
    assert parts["cjk"] == tr.Stats(chars=2, cjk_chars=2, utf8_bytes=6, tokens=6)
    assert parts["latin"].chars == 4 and parts["latin"].tokens == 4  # " abc"
    assert parts["punct"].tokens == 3  # 全角逗号 3 个字节
    assert parts["digit"].tokens_per_char == 1.0
    # 字节级基准下，各类别之和与整段结果相等
    assert sum(p.tokens for p in parts.values()) == tr.measure(text, tr.byte_tokenize).tokens
    assert sum(p.chars for p in parts.values()) == len(text)


def test_sample_ratios_and_report(tr):
    zh = tr.measure(tr.SAMPLE_ZH, tr.byte_tokenize)
    en = tr.measure(tr.SAMPLE_EN, tr.byte_tokenize)
    assert zh.cjk_chars > 100 and en.cjk_chars == 0
    assert en.tokens_per_char == 1.0
    assert zh.tokens_per_char > 2.0  # 以汉字为主的文本，字节级最坏情况超过每字 2 个 token
    assert tr.breakdown(tr.SAMPLE_ZH, tr.byte_tokenize)["cjk"].tokens_per_char == 3.0

    out = tr.report("汉字 ab", {"byte-level": tr.byte_tokenize, "char-level": tr.char_tokenize})
    lines = out.splitlines()
    assert lines[0] == "字符 5，其中汉字 2，UTF-8 字节 9"
    assert lines[3].split() == ["byte-level", "9", "1.80", "0.56", "3.00", "1.00", "-", "-", "-", "-"]
    assert lines[4].split()[:4] == ["char-level", "5", "1.00", "1.00"]


def test_main_prints_report(tr, capsys, tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("你好", encoding="utf-8")
    tr.main(["token_ratio.py", str(f)])
    out = capsys.readouterr().out
    assert "字符 2，其中汉字 2，UTF-8 字节 6" in out
    assert "byte-level" in out and "char-level" in out
