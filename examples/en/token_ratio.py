"""Count the characters, Chinese characters, UTF-8 bytes and tokens of a text, and compute "tokens per
character" (standard library only).

Any tokenizer that can be written as a function tokenize(text) -> list can be passed in for comparison, for
example tiktoken's enc.encode or a Hugging Face tokenizer's tok.encode. This file comes with two offline baselines:

- byte_tokenize: each UTF-8 byte counts as 1 token, as in byte-level BPE before a single merge: the worst case;
- char_tokenize: each character counts as 1 token, i.e. "one token per character".

breakdown() counts separately by script (Chinese characters, Latin letters, digits, punctuation and symbols,
whitespace, other). Run: python examples/en/token_ratio.py [text file]; without a file, the built-in Chinese
and English sample is used.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

Tokenize = Callable[[str], Sequence]

# A fixed output order, so that results are easy to compare
SCRIPTS = ("cjk", "latin", "digit", "punct", "space", "other")
SCRIPT_NAMES = {
    "cjk": "汉字",
    "latin": "拉丁字母",
    "digit": "数字",
    "punct": "标点符号",
    "space": "空白",
    "other": "其他",
}

SAMPLE_ZH = (
    "大语言模型按 token 计费，而不是按字数计费。同一段中文，用不同的分词器切分，"
    "得到的 token 数可能相差一倍以上。一篇 3000 字的文章，词表里中文词语多的分词器，常常一个 token 就能装下"
    "两三个汉字，整篇只要一两千个 token；词表里中文很少的分词器，一个汉字就要拆成两三个 token。估算费用和上下文长度之前，"
    "最好先用目标模型自己的分词器数一数。"
)
SAMPLE_EN = (
    "Large language models are billed by the token, not by the word. The same text can "
    "produce very different token counts under different tokenizers, so count with the "
    "tokenizer of the model you will actually call before you estimate cost or context length."
)
SAMPLE = SAMPLE_ZH + "\n\n" + SAMPLE_EN + "\n"


def script_of(ch: str) -> str:
    """Assign a single character to a script category."""
    if ch.isspace():
        return "space"
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return "cjk"
    category = unicodedata.category(ch)
    if category == "Nd":
        return "digit"
    if category[0] == "L" and "LATIN" in name:
        return "latin"
    if category[0] in "PS":  # punctuation (including full-width punctuation) and symbols (including emoji)
        return "punct"
    return "other"  # kana, Hangul and other scripts


def byte_tokenize(text: str) -> list[int]:
    """Worst-case baseline: each UTF-8 byte counts as one token."""
    return list(text.encode("utf-8"))


def char_tokenize(text: str) -> list[str]:
    """Baseline of "one token per character": each Unicode character counts as one token."""
    return list(text)


class Stats(NamedTuple):
    chars: int
    cjk_chars: int
    utf8_bytes: int
    tokens: int

    @property
    def tokens_per_char(self) -> float:
        return self.tokens / self.chars if self.chars else 0.0

    @property
    def chars_per_token(self) -> float:
        return self.chars / self.tokens if self.tokens else 0.0

    @property
    def bytes_per_token(self) -> float:
        return self.utf8_bytes / self.tokens if self.tokens else 0.0


def measure(text: str, tokenize: Tokenize) -> Stats:
    """Statistics for the whole text, tokenized in one go."""
    return Stats(
        chars=len(text),
        cjk_chars=sum(script_of(ch) == "cjk" for ch in text),
        utf8_bytes=len(text.encode("utf-8")),
        tokens=len(tokenize(text)),
    )


def runs(text: str) -> list[tuple[str, str]]:
    """Split the text into consecutive runs of the same category. Whitespace before a run of Latin letters
    or digits is joined to that run (as in " token"), as common tokenizers keep a leading space together
    with the word; any other whitespace forms a run of its own."""
    out: list[tuple[str, str]] = []
    pending = ""
    for ch in text:
        script = script_of(ch)
        if script == "space":
            pending += ch
            continue
        if pending and script in ("latin", "digit"):
            out.append((script, pending + ch))
        else:
            if pending:
                out.append(("space", pending))
            if out and not pending and out[-1][0] == script:
                out[-1] = (script, out[-1][1] + ch)
            else:
                out.append((script, ch))
        pending = ""
    if pending:
        out.append(("space", pending))
    return out


def breakdown(text: str, tokenize: Tokenize) -> dict[str, Stats]:
    """Count separately by script category: each run is tokenized on its own, then summed per category.
    Merges across runs (for example a punctuation mark joined with the following character into one token)
    cannot happen, so the sum of the per-category token counts may differ slightly from measure()."""
    totals = {s: [0, 0, 0, 0] for s in SCRIPTS}
    for script, piece in runs(text):
        t = totals[script]
        t[0] += len(piece)
        t[1] += sum(script_of(ch) == "cjk" for ch in piece)
        t[2] += len(piece.encode("utf-8"))
        t[3] += len(tokenize(piece))
    return {s: Stats(*v) for s, v in totals.items() if v[0]}


def report(text: str, tokenizers: dict[str, Tokenize]) -> str:
    """Return a plain-text table: the overall ratios of each tokenizer and its ratios per script category."""
    lines = []
    base = measure(text, byte_tokenize)
    lines.append(f"字符 {base.chars}，其中汉字 {base.cjk_chars}，UTF-8 字节 {base.utf8_bytes}")
    lines.append("tok/char = 每个字符的 token 数；右侧六列是各文字类别的 tok/char")
    header = f"{'tokenizer':<14}{'tokens':>7}{'tok/char':>9}{'char/tok':>9}"
    for script in SCRIPTS:
        header += f"{script:>7}"
    lines.append(header)
    for name, tokenize in tokenizers.items():
        whole = measure(text, tokenize)
        parts = breakdown(text, tokenize)
        row = f"{name:<14}{whole.tokens:>7}{whole.tokens_per_char:>9.2f}{whole.chars_per_token:>9.2f}"
        for script in SCRIPTS:
            cell = f"{parts[script].tokens_per_char:.2f}" if script in parts else "-"
            row += f"{cell:>7}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    text = open(argv[1], encoding="utf-8").read() if len(argv) > 1 else SAMPLE
    print(report(text, {"byte-level": byte_tokenize, "char-level": char_tokenize}))


if __name__ == "__main__":
    main(sys.argv)
