"""Split a long text into chunks under a length budget, and summarise it map-reduce style.

Standard library only. The budget is measured by a pluggable ``length`` function: the default
counts characters; pass a tokenizer's counter to budget in tokens, for example
``length=lambda s: len(enc.encode(s))`` with ``enc = tiktoken.get_encoding("o200k_base")``.

Every chunk is an exact slice ``text[start:end]`` of the input, so its position can be cited.
Chunks break at paragraphs (blank lines) when they can, else at sentence ends, and only as a
last resort inside a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

LengthFn = Callable[[str], int]

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
NEVER = re.compile(r"(?!)")  # matches nothing: trims a span without splitting it
SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\.(?=\s)|\n")


@dataclass(frozen=True)
class Chunk:
    start: int  # offset of the first character in the original text
    end: int  # offset one past the last character
    text: str


def _spans(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] after each match of pattern; spans keep the delimiter, drop blanks."""
    spans, begin = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs separated by blank lines, as (start, end) offsets without surrounding whitespace."""
    spans, begin = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    return [span for s, e in spans for span in _spans(text, NEVER, s, e)]


def _hard_split(text: str, start: int, end: int, budget: int, length: LengthFn) -> list[tuple[int, int]]:
    """Cut text[start:end] into the fewest prefix-greedy pieces that fit (binary search per piece)."""
    pieces = []
    while start < end:
        lo, hi = start + 1, end  # find the largest cut with length(text[start:cut]) <= budget
        if length(text[start:lo]) > budget:
            raise ValueError(f"budget {budget} is smaller than a single character at offset {start}")
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if length(text[start:mid]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((start, lo))
        start = lo
    return pieces


def _pieces(text: str, budget: int, length: LengthFn) -> list[tuple[int, int]]:
    """Paragraphs; a paragraph over budget becomes sentences; a sentence over budget is hard-cut."""
    pieces = []
    for p_start, p_end in _paragraph_spans(text):
        if length(text[p_start:p_end]) <= budget:
            pieces.append((p_start, p_end))
            continue
        for s_start, s_end in _spans(text, SENTENCE_END, p_start, p_end):
            if length(text[s_start:s_end]) <= budget:
                pieces.append((s_start, s_end))
            else:
                pieces.extend(_hard_split(text, s_start, s_end, budget, length))
    return pieces


def chunk_text(text: str, budget: int, length: LengthFn = len, overlap: int = 0) -> list[Chunk]:
    """Pack pieces greedily into chunks with length(chunk) <= budget.

    Each chunk after the first starts with the last pieces of the previous chunk whose total
    length is at most ``overlap`` (whole pieces only, so the overlap may be shorter).
    """
    if budget <= 0:
        raise ValueError("budget must be positive")
    if not 0 <= overlap < budget:
        raise ValueError("overlap must be >= 0 and smaller than budget")
    pieces = _pieces(text, budget, length)
    chunks: list[Chunk] = []
    first = 0  # index of the first piece of the current chunk
    while first < len(pieces):
        last = first
        while last + 1 < len(pieces) and length(text[pieces[first][0] : pieces[last + 1][1]]) <= budget:
            last += 1
        start, end = pieces[first][0], pieces[last][1]
        chunks.append(Chunk(start, end, text[start:end]))
        if last + 1 == len(pieces):
            break
        following = pieces[last + 1][1]
        carry = last + 1  # no overlap unless a tail of this chunk fits both limits
        for i in range(first + 1, last + 1):
            if length(text[pieces[i][0] : end]) <= overlap and length(text[pieces[i][0] : following]) <= budget:
                carry = i
                break
        first = carry
    return chunks


def map_reduce_summarise(
    text: str,
    summarise: Callable[[str], str],
    budget: int,
    length: LengthFn = len,
    overlap: int = 0,
    max_rounds: int = 10,
) -> str:
    """Summarise each chunk (map), join the partial summaries, repeat until they fit, then reduce once."""
    current = text
    for _ in range(max_rounds):
        if length(current) <= budget:
            return summarise(current)
        chunks = chunk_text(current, budget, length, overlap)
        joined = "\n\n".join(summarise(chunk.text).strip() for chunk in chunks)
        if length(joined) >= length(current):
            raise RuntimeError("the partial summaries are not shorter than their input; ask for shorter summaries")
        current = joined
    raise RuntimeError(f"still over budget after {max_rounds} rounds")


if __name__ == "__main__":
    sample = "\n\n".join(f"第 {i} 段。" + "这是用来演示切分的句子。" * 8 for i in range(1, 11))
    for overlap in (0, 120):
        parts = chunk_text(sample, budget=300, overlap=overlap)
        print(f"overlap={overlap}: {len(sample)} characters -> {len(parts)} chunks", [len(c.text) for c in parts])

    calls = []

    def fake_summarise(chunk: str) -> str:  # stands in for an LLM call
        calls.append(len(chunk))
        return chunk[:40]

    summary = map_reduce_summarise(sample, fake_summarise, budget=300)
    print(f"{len(calls)} summarise calls; the final summary has {len(summary)} characters")
