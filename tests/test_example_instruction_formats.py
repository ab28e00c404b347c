"""Tests for examples/instruction_formats.py (the runnable example on practice/instruction-data-formats.md)."""

from __future__ import annotations

import json

import pytest
from helpers import load_example

fmt = load_example("instruction_formats")


def test_alpaca_with_input_joins_instruction_and_input_with_newline():
    out = fmt.alpaca_to_messages({"instruction": "翻译成英文。", "input": "你好", "output": "Hello"})
    assert out == {
        "messages": [
            {"role": "user", "content": "翻译成英文。\n你好"},
            {"role": "assistant", "content": "Hello"},
        ]
    }


def test_alpaca_without_input_system_and_history():
    out = fmt.alpaca_to_messages(
        {"instruction": "再说一遍", "input": "", "output": "好的", "system": "简洁", "history": [["你好", "你好！"]]}
    )
    assert [m["role"] for m in out["messages"]] == ["system", "user", "assistant", "user", "assistant"]
    assert out["messages"][3]["content"] == "再说一遍"
    assert fmt.validate_messages(out["messages"]) == []


def test_alpaca_missing_output_is_rejected():
    with pytest.raises(ValueError, match="output"):
        fmt.alpaca_to_messages({"instruction": "x", "input": ""})


def test_sharegpt_roles_are_mapped_and_system_column_goes_first():
    out = fmt.sharegpt_to_messages(
        {"system": "S", "conversations": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "A"}]}
    )
    assert out["messages"] == [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "Q"},
        {"role": "assistant", "content": "A"},
    ]


def test_sharegpt_unknown_role_names_the_turn():
    with pytest.raises(ValueError, match="第 1 条"):
        fmt.sharegpt_to_messages({"conversations": [{"from": "human", "value": "Q"}, {"from": "bot", "value": "A"}]})


@pytest.mark.parametrize(
    "messages, fragment",
    [
        ([], "非空列表"),
        ([{"role": "user", "content": "Q"}], "最后一条消息应为 assistant"),
        ([{"role": "user", "content": "Q"}, {"role": "assistant", "content": "  "}], "content 为空"),
        ([{"role": "assistant", "content": "A"}], "应为 user"),
        ([{"role": "user", "content": "Q"}, {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A"}], "必须交替"),
        ([{"role": "user", "content": "Q"}, {"role": "system", "content": "S"}, {"role": "assistant", "content": "A"}], "只能出现在第 1 条"),
        ([{"role": "user", "content": "Q"}, {"role": "bot", "content": "A"}], "不在"),
        ([{"role": "system", "content": "S"}], "缺少对话内容"),
    ],
)
def test_validation_reports_each_problem(messages, fragment):
    problems = fmt.validate_messages(messages)
    assert any(fragment in p for p in problems), problems


def test_valid_multi_turn_conversation_passes_and_assert_valid_raises_otherwise():
    good = [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "A1"},
        {"role": "user", "content": "Q2"},
        {"role": "assistant", "content": "A2"},
    ]
    assert fmt.validate_messages(good) == []
    fmt.assert_valid(good)
    with pytest.raises(ValueError, match="对话不合法"):
        fmt.assert_valid(good[:-1])


def test_jsonl_round_trip_keeps_chinese_readable(tmp_path):
    path = tmp_path / "d.jsonl"
    records = [fmt.alpaca_to_messages({"instruction": "你好", "output": "你好！"}), {"messages": []}]
    assert fmt.write_jsonl(path, records) == 2
    text = path.read_text(encoding="utf-8")
    assert "你好" in text and "\\u" not in text
    assert len(text.splitlines()) == 2
    assert all(json.loads(line) for line in text.splitlines()[:1])
    assert fmt.read_jsonl(path) == records


def test_read_jsonl_skips_blank_lines_and_reports_bad_line_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"a": 1}\n\n{"a": 2\n', encoding="utf-8")
    with pytest.raises(ValueError, match="第 3 行"):
        fmt.read_jsonl(path)


def test_main_runs(capsys):
    fmt.main()
    out = capsys.readouterr().out
    assert "写入 2 条" in out and "必须交替" in out
