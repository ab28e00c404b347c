"""The chunking and map-reduce example shown on practice/long-inputs.md behaves as the page says."""

from __future__ import annotations

import random

import pytest
from helpers import load_example


@pytest.fixture(scope="module")
def lt():
    return load_example("long_text")


def make_text(seed: int = 0, paragraphs: int = 30) -> str:
    rng = random.Random(seed)
    sentences = ["大模型的上下文窗口有限。", "长文档需要先切分再处理。", "Each chunk must fit the budget.", "摘要可以逐层合并！"]
    paras = []
    for i in range(paragraphs):
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 12)))
        paras.append(f"第{i}段：{body}")
    return "\n\n".join(paras)


def words(length_text: str) -> int:
    """A toy 'tokenizer': Latin words count once, every other non-space character counts once."""
    count, in_word = 0, False
    for ch in length_text:
        if ch.isascii() and ch.isalnum():
            count += not in_word
            in_word = True
        else:
            in_word = False
            count += not ch.isspace()
    return count


def assert_covers_in_order(text, chunks):
    assert chunks, "no chunks"
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
    starts = [c.start for c in chunks]
    ends = [c.end for c in chunks]
    assert starts == sorted(set(starts)) and ends == sorted(set(ends)), "chunks out of order"
    covered = [False] * len(text)
    for chunk in chunks:
        for i in range(chunk.start, chunk.end):
            covered[i] = True
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"characters not in any chunk at offsets {missing[:5]}"
    for before, after in zip(chunks, chunks[1:]):
        gap = text[before.end : after.start] if after.start > before.end else ""
        assert gap.strip() == "", "a gap between chunks holds text"


@pytest.mark.parametrize("budget", [40, 80, 200, 1000])
@pytest.mark.parametrize("length_name", ["chars", "words"])
def test_no_chunk_exceeds_budget_and_text_is_covered(lt, budget, length_name):
    length = len if length_name == "chars" else words
    for seed in range(5):
        text = make_text(seed)
        chunks = lt.chunk_text(text, budget, length=length)
        assert all(length(c.text) <= budget for c in chunks)
        assert_covers_in_order(text, chunks)


def test_prefers_paragraph_boundaries(lt):
    text = "甲" * 50 + "\n\n" + "乙" * 50 + "\n\n" + "丙" * 50
    chunks = lt.chunk_text(text, budget=110)
    assert [c.text for c in chunks] == ["甲" * 50 + "\n\n" + "乙" * 50, "丙" * 50]


def test_oversized_paragraph_splits_at_sentences_then_characters(lt):
    text = "短句一。短句二。" + "长" * 25 + "。"
    chunks = lt.chunk_text(text, budget=10)
    assert [c.text for c in chunks][:2] == ["短句一。短句二。", "长" * 10]
    assert all(len(c.text) <= 10 for c in chunks)
    assert_covers_in_order(text, chunks)


@pytest.mark.parametrize("overlap", [10, 30, 60])
def test_overlap_is_respected(lt, overlap):
    text = make_text(3, paragraphs=40)
    chunks = lt.chunk_text(text, budget=120, overlap=overlap)
    assert_covers_in_order(text, chunks)
    shared = 0
    for before, after in zip(chunks, chunks[1:]):
        if after.start < before.end:
            shared += 1
            assert len(text[after.start : before.end]) <= overlap
            assert after.start > before.start
    assert shared > 0, "an overlap was asked for but no chunks share text"
    assert len(chunks) >= len(lt.chunk_text(text, budget=120))


def test_no_overlap_means_disjoint_chunks(lt):
    text = make_text(4)
    chunks = lt.chunk_text(text, budget=100)
    assert all(after.start >= before.end for before, after in zip(chunks, chunks[1:]))


def test_bad_arguments(lt):
    with pytest.raises(ValueError):
        lt.chunk_text("abc", budget=0)
    with pytest.raises(ValueError):
        lt.chunk_text("abc", budget=10, overlap=10)
    with pytest.raises(ValueError):
        lt.chunk_text("abc", budget=1, length=lambda s: 2 * len(s))


def test_map_reduce_calls_summarise_the_expected_number_of_times(lt):
    text = "\n\n".join(chr(0x4E00 + i) * 100 for i in range(8))  # 8 paragraphs of 100 characters
    seen = []

    def fake(chunk):
        seen.append(chunk)
        return chunk[:30]

    result = lt.map_reduce_summarise(text, fake, budget=250)
    # round 1: 4 chunks of two paragraphs (202 chars each); joined summaries: 4*30 + 3*2 = 126 <= 250;
    # then one final reduce call on the joined summaries.
    assert len(seen) == 5
    assert all(len(c) <= 250 for c in seen)
    assert seen[-1] == "\n\n".join(c[:30] for c in seen[:4])
    assert result == seen[-1][:30]


def test_map_reduce_recurses_until_under_budget(lt):
    text = "\n\n".join(chr(0x4E00 + i) * 100 for i in range(40))
    calls = []

    def fake(chunk):
        calls.append(len(chunk))
        return chunk[: max(1, len(chunk) // 4)]

    lt.map_reduce_summarise(text, fake, budget=250)
    # round 1: 20 chunks -> 20 summaries of 50 chars, joined 20*50 + 19*2 = 1038 > 250;
    # round 2: 5 chunks of 4 summaries (206 chars) -> 5 of 51 chars, joined 263 > 250;
    # round 3: 2 chunks -> 2 summaries, joined under budget; then the final call.
    assert len(calls) == 20 + 5 + 2 + 1
    assert max(calls) <= 250


def test_short_text_is_summarised_once(lt):
    calls = []
    assert lt.map_reduce_summarise("短文本。", lambda s: calls.append(s) or "摘要", budget=100) == "摘要"
    assert calls == ["短文本。"]


def test_map_reduce_stops_when_summaries_do_not_shrink(lt):
    text = "\n\n".join("字" * 100 for _ in range(6))
    with pytest.raises(RuntimeError):
        lt.map_reduce_summarise(text, lambda s: s, budget=150)
