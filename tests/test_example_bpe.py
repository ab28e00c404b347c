"""Tests for examples/bpe.py (the reference BPE on theory/bpe.md): the page's tables come from it."""

from __future__ import annotations

import json
import re

import pytest
from helpers import load_example

from llmkb.paths import DOCS_DIR, ROOT

CLASSIC = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
PAGE = DOCS_DIR / "theory" / "bpe.md"


@pytest.fixture(scope="module")
def bpe():
    return load_example("bpe")


def page_table(heading: str) -> list[list[str]]:
    """The body rows of the first Markdown table after a heading (or a paragraph starting with it)."""
    text = PAGE.read_text(encoding="utf-8")
    rest = text[text.index(heading):]
    lines = rest[rest.index("\n|"):].lstrip("\n").splitlines()
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[2:]  # header and separator


def code(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_all_ten_merges_match_the_page_table(bpe):
    rows = page_table("### 全部 10 次合并")
    steps = bpe.train(CLASSIC, 10)
    assert len(rows) == len(steps) == 10
    for row, step in zip(rows, steps):
        pair, _, token = code(row[1])[0].partition(" → ")
        assert int(row[0]) == step["step"]
        assert pair.split(" ") == step["merge"] and token == step["token"]
        assert int(row[2]) == step["count"]
        # Every word the row shows after the merge is in the corpus the code produced.
        segmented = {" ".join(r["tokens"]) for r in step["corpus"]}
        for shown in code(row[3]):
            assert shown in segmented, (step["step"], shown)
    assert len(steps[-1]["vocab"]) == 21  # 11 个初始符号 + 10 次合并


def test_first_round_pair_counts_match_the_page_table(bpe):
    rows = page_table("统计全部相邻对")
    first = bpe.train(CLASSIC, 1)[0]
    assert [(code(r[0])[0].split(" "), int(r[2].strip("*"))) for r in rows] == [
        (p["pair"], p["count"]) for p in first["pair_counts"]
    ]
    assert first["merge"] == ["e", "s"]  # 三对并列 9 次，取最先出现的一对


def test_rounds_two_to_four_match_the_page_table(bpe):
    steps = bpe.train(CLASSIC, 4)
    for row in page_table("### 第 2～4 次合并"):
        step = steps[int(row[0]) - 1]
        shown = [(pair.split(" "), int(count)) for pair, count in re.findall(r"`([^`]+)`（(\d+)）", row[1])]
        assert shown == [(p["pair"], p["count"]) for p in step["pair_counts"][: len(shown)]]
        pair, _, token = code(row[2])[0].partition(" → ")
        assert (pair.split(" "), token) == (step["merge"], step["token"])


def test_initial_symbols_match_the_page(bpe):
    text = PAGE.read_text(encoding="utf-8")
    listed = re.search(r"初始符号共 (\d+) 个：`([^`]+)`", text)
    vocab = bpe.initial_state(CLASSIC)["vocab"]
    assert int(listed.group(1)) == len(vocab) and listed.group(2).split(" ") == vocab


def test_new_words_are_split_as_on_the_page(bpe):
    steps = bpe.train(CLASSIC, 10)
    assert bpe.tokenize("lowest", steps) == ["low", "est</w>"]
    assert bpe.tokenize("newer", steps) == ["new", "e", "r", "</w>"]
    merges = [step["merge"] for step in steps]
    assert bpe.tokenize("lowest", merges) == bpe.tokenize("lowest", [tuple(m) for m in merges])
    # The page's step-by-step table for "lowest": rules 1-5 apply, the result after rule 5 is final.
    rows = page_table("| 应用的规则 | 当前切分 |")
    assert code(rows[-1][1])[0].split(" ") == bpe.tokenize("lowest", merges[:5])
    assert bpe.tokenize("lowz", steps) == ["low", "z", "</w>"]  # 没见过的字符原样保留


def test_chinese_words_merge_character_by_character(bpe):
    steps = bpe.train("模型 模型 大模型 大模型 大模型 语言模型 语言模型", 5)
    assert [step["merge"] for step in steps] == [
        ["模", "型"], ["模型", "</w>"], ["大", "模型</w>"], ["语", "言"], ["语言", "模型</w>"],
    ]
    assert [step["count"] for step in steps] == [7, 7, 3, 2, 2]
    assert steps[0]["pair_counts"][:2] == [{"pair": ["模", "型"], "count": 7}, {"pair": ["型", "</w>"], "count": 7}]
    assert [row["tokens"] for row in steps[-1]["corpus"]] == [["模型</w>"], ["大模型</w>"], ["语言模型</w>"]]
    assert steps[-1]["vocab"] == ["型", "大", "模", "言", "语", "</w>", "模型", "模型</w>", "大模型</w>", "语言", "语言模型</w>"]
    assert bpe.tokenize("大语言模型", steps) == ["大", "语言模型</w>"]


def test_mixed_text_corpus_and_whitespace(bpe):
    text = "低 低代码\u3000低代码\n最新\tnew  new"
    assert bpe.word_counts(text) == {"低": 1, "低代码": 2, "最新": 1, "new": 2}
    assert list(bpe.word_counts(text)) == ["低", "低代码", "最新", "new"]  # 第一次出现的顺序
    assert bpe.train(text, 50) == bpe.train(bpe.word_counts(text), 50)
    steps = bpe.train(text, 50)
    assert all(len(row["tokens"]) == 1 for row in steps[-1]["corpus"])  # 提前结束：每个词都成了一个 token
    assert len(steps) < 50


def test_ties_go_to_the_pair_met_first(bpe):
    # 同一组词，顺序不同，平局时选中的对也不同
    assert bpe.train("ab cd", 1)[0]["merge"] == ["a", "b"]
    assert bpe.train("cd ab", 1)[0]["merge"] == ["c", "d"]
    first = bpe.train("xy yx", 1)[0]
    assert [p["pair"] for p in first["pair_counts"]] == [["x", "y"], ["y", "</w>"], ["y", "x"], ["x", "</w>"]]


def test_vocabulary_has_no_duplicates(bpe):
    # 把字面的 "</w>" 拼出来时，它已经在词表里了
    steps = bpe.train("</w>", 3)
    assert steps[-1]["token"] == "</w>"
    assert len(steps[-1]["vocab"]) == len(set(steps[-1]["vocab"])) == 7


def test_steps_are_plain_json(bpe):
    steps = bpe.train(CLASSIC, 10)
    assert json.loads(json.dumps(steps, ensure_ascii=False)) == steps
    assert set(steps[0]) == {"step", "pair_counts", "merge", "token", "count", "vocab", "corpus"}
    assert bpe.train(CLASSIC, 0) == [] and bpe.train("", 3) == []


@pytest.mark.parametrize("bad", [{"a b": 1}, {"": 1}, {"ab": 0}, {"ab": 1.5}])
def test_bad_corpus_is_rejected(bpe, bad):
    with pytest.raises(ValueError):
        bpe.train(bad, 1)


def test_bad_arguments_are_rejected(bpe):
    with pytest.raises(ValueError):
        bpe.train(CLASSIC, -1)
    with pytest.raises(ValueError):
        bpe.tokenize("two words", [])
    with pytest.raises(ValueError):
        bpe.tokenize("", [])


def test_page_includes_the_file_and_shows_its_output(capsys, monkeypatch):
    import runpy

    monkeypatch.setattr("sys.argv", ["bpe.py"])
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "examples/bpe.py"' in text
    runpy.run_path(str(ROOT / "examples" / "bpe.py"), run_name="__main__")
    printed = capsys.readouterr().out
    assert printed in text  # 页面上的“输出”代码块就是运行结果
