"""Tests for examples/chat_template.py (the runnable example on practice/multi-turn-dialogue.md)."""

from __future__ import annotations

import pytest
from helpers import load_example

ct = load_example("chat_template")

CHAT = [
    {"role": "system", "content": "S"},
    {"role": "user", "content": "Q1 问题"},
    {"role": "assistant", "content": "A1 回答"},
    {"role": "user", "content": "Q2"},
    {"role": "assistant", "content": "A2"},
    {"role": "user", "content": "Q3"},
]


def test_render_chatml_exact_string():
    text = ct.render_chatml(CHAT[:3])
    assert text == (
        "<|im_start|>system\nS<|im_end|>\n"
        "<|im_start|>user\nQ1 问题<|im_end|>\n"
        "<|im_start|>assistant\nA1 回答<|im_end|>\n"
    )


def test_generation_prompt_is_appended_only_when_asked():
    assert ct.render_chatml(CHAT[:2], add_generation_prompt=True).endswith("<|im_end|>\n<|im_start|>assistant\n")
    assert not ct.render_chatml(CHAT[:2]).endswith("assistant\n")


@pytest.mark.parametrize("text", ["", "a b\tc", "<|im_start|>user\n你好，world 42<|im_end|>\n"])
def test_demo_tokenizer_is_lossless_and_keeps_special_tokens_whole(text):
    tokens = ct.tokenize(text)
    assert "".join(tokens) == text
    if "<|im_start|>" in text:
        assert "<|im_start|>" in tokens and "<|im_end|>" in tokens


def test_labels_cover_exactly_assistant_content_and_end_token():
    tokens, ids, labels = ct.build_labels(CHAT[:5])
    assert len(tokens) == len(ids) == len(labels)
    # Every label is either ignored or equal to the input id at the same position.
    assert all(l == ct.IGNORE_INDEX or l == i for i, l in zip(ids, labels))
    trained = "".join(t for t, l in zip(tokens, labels) if l != ct.IGNORE_INDEX)
    assert trained == "A1 回答<|im_end|>A2<|im_end|>"
    # The text that the rendered template produces is exactly the token sequence.
    assert "".join(tokens) == ct.render_chatml(CHAT[:5])


def test_no_user_or_system_token_is_trained():
    tokens, _, labels = ct.build_labels([{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}])
    assert set(labels) == {ct.IGNORE_INDEX}


def test_truncation_keeps_system_and_latest_turns_within_budget():
    full = len(ct.tokenize(ct.render_chatml(CHAT, add_generation_prompt=True)))
    kept = ct.truncate_history(CHAT, max_tokens=full - 1)
    assert kept[0] == CHAT[0]
    assert kept[-1] == CHAT[-1]
    assert CHAT[1] not in kept and CHAT[2] not in kept  # the oldest turn is dropped whole
    assert kept[1]["role"] == "user"
    assert len(ct.tokenize(ct.render_chatml(kept, add_generation_prompt=True))) <= full - 1


def test_truncation_keeps_everything_when_it_fits_and_honours_reserve():
    full = len(ct.tokenize(ct.render_chatml(CHAT, add_generation_prompt=True)))
    assert ct.truncate_history(CHAT, max_tokens=full) == CHAT
    assert ct.truncate_history(CHAT, max_tokens=full, reserve=1) != CHAT


def test_truncation_raises_when_latest_turn_cannot_fit():
    with pytest.raises(ValueError, match="预算不足"):
        ct.truncate_history(CHAT, max_tokens=5)


def test_main_runs(capsys):
    ct.main()
    out = capsys.readouterr().out
    assert "<|im_start|>assistant\n" in out and "[-100×" in out
