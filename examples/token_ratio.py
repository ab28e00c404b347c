"""统计一段文本的字符数、汉字数、UTF-8 字节数和 token 数，算出“每个字符多少 token”（只用标准库）。

任何分词器只要能写成 tokenize(text) -> 列表 的函数，就能传进来比较，例如
tiktoken 的 enc.encode、Hugging Face 分词器的 tok.encode。本文件自带两个离线基准：

- byte_tokenize：每个 UTF-8 字节算 1 个 token，相当于字节级 BPE 一次合并都没做，是最坏情况；
- char_tokenize：每个字符算 1 个 token，相当于“一字一 token”。

breakdown() 按文字类别（汉字、拉丁字母、数字、标点符号、空白、其他）分别统计。
运行：python examples/token_ratio.py [文本文件]，不给文件时使用内置的中英文示例。
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

Tokenize = Callable[[str], Sequence]

# 输出顺序固定，便于比较
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
    """把单个字符归入一个文字类别。"""
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
    if category[0] in "PS":  # 标点（含全角标点）与符号（含表情符号）
        return "punct"
    return "other"  # 假名、谚文等其他文字


def byte_tokenize(text: str) -> list[int]:
    """最坏情况基准：每个 UTF-8 字节算一个 token。"""
    return list(text.encode("utf-8"))


def char_tokenize(text: str) -> list[str]:
    """“一字一 token”基准：每个 Unicode 字符算一个 token。"""
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
    """整段文本一次性分词后的统计。"""
    return Stats(
        chars=len(text),
        cjk_chars=sum(script_of(ch) == "cjk" for ch in text),
        utf8_bytes=len(text.encode("utf-8")),
        tokens=len(tokenize(text)),
    )


def runs(text: str) -> list[tuple[str, str]]:
    """把文本切成同一类别的连续片段。拉丁字母和数字片段前面的空白并入该片段
    （如“ token”），与常见分词器把前导空格和单词放在一起的做法一致；其余空白单独成段。"""
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
    """按文字类别分别统计：每个片段单独分词，再按类别求和。
    片段之间的合并（例如标点与后面的字连成一个 token）不会发生，
    所以各类别 token 数之和可能与 measure() 的结果略有出入。"""
    totals = {s: [0, 0, 0, 0] for s in SCRIPTS}
    for script, piece in runs(text):
        t = totals[script]
        t[0] += len(piece)
        t[1] += sum(script_of(ch) == "cjk" for ch in piece)
        t[2] += len(piece.encode("utf-8"))
        t[3] += len(tokenize(piece))
    return {s: Stats(*v) for s, v in totals.items() if v[0]}


def report(text: str, tokenizers: dict[str, Tokenize]) -> str:
    """返回一张纯文本表格：每个分词器的总体比例和按类别的比例。"""
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
