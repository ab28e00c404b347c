"""BPE 的参考实现（只用标准库）：训练时记下每一步的相邻对计数、选中的合并、词表和语料的切分，
再用学到的合并规则切分新词。

- 初始符号是单个字符（Unicode 码位），汉字和拉丁字母一样处理；每个词末尾加词尾标记 </w>。
- 语料可以是 {词: 频次} 字典，也可以是一段文本：按空白切成词（与 str.split() 相同）并计数。
- 平局规则：频次相同时，取语料中最先出现的一对，即按词的顺序（字典的顺序，或文本中第一次
  出现的顺序）、每个词内从左到右扫描时最先遇到的那一对。
- 每一步的结果只含列表、字典、字符串和整数，可以直接转成 JSON。本页的交互演示
  （docs/assets/javascripts/bpe.js）实现了同一算法和同一平局规则，返回相同的结构。

运行：python examples/bpe.py [合并次数]，打印经典小语料每一步的合并，再切分几个新词。
"""

from __future__ import annotations

import sys

END = "</w>"  # 词尾标记


def word_counts(corpus: dict[str, int] | str) -> dict[str, int]:
    """语料 → {词: 频次}；文本按空白切分，词按第一次出现的顺序排列。"""
    if isinstance(corpus, str):
        counts: dict[str, int] = {}
        for word in corpus.split():
            counts[word] = counts.get(word, 0) + 1
        return counts
    for word, freq in corpus.items():
        if not word or any(ch.isspace() for ch in word):
            raise ValueError(f"词不能为空，也不能含空白：{word!r}")
        if not isinstance(freq, int) or freq < 1:
            raise ValueError(f"频次必须是正整数：{word!r}: {freq!r}")
    return dict(corpus)


def pair_counts(corpus: list[dict]) -> list[dict]:
    """统计相邻对，按词频加权；按频次从高到低排列，频次相同的保持最先出现的顺序。"""
    counts: dict[tuple[str, str], int] = {}  # 字典记得插入顺序，也就是每一对第一次出现的顺序
    for row in corpus:
        tokens = row["tokens"]
        for pair in zip(tokens, tokens[1:]):
            counts[pair] = counts.get(pair, 0) + row["freq"]
    ranked = sorted(counts.items(), key=lambda item: -item[1])  # sorted 是稳定排序
    return [{"pair": [a, b], "count": count} for (a, b), count in ranked]


def merge(tokens: list[str], pair: tuple[str, str]) -> list[str]:
    """在一个词的切分里从左到右合并所有不重叠的 pair。"""
    a, b = pair
    out, i = [], 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] == a and tokens[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def initial_state(corpus: dict[str, int] | str) -> dict:
    """合并之前：初始词表（按码位排序的字符，最后是 </w>）和逐字符切分的语料。"""
    counts = word_counts(corpus)
    vocab = sorted({ch for word in counts for ch in word}) + [END]
    rows = [{"word": word, "freq": freq, "tokens": [*word, END]} for word, freq in counts.items()]
    return {"vocab": vocab, "corpus": rows}


def train(corpus: dict[str, int] | str, num_merges: int) -> list[dict]:
    """学习至多 num_merges 条合并规则；每个词都成了一个 token 时提前结束。

    每一步是一个字典：step（从 1 起的序号）、pair_counts（合并前全部相邻对及频次，
    第一项就是选中的一对）、merge（选中的一对）、token（合并出的新符号）、count（它的频次）、
    vocab（合并后的词表）和 corpus（合并后每个词的 word、freq、tokens）。
    """
    if not isinstance(num_merges, int) or num_merges < 0:
        raise ValueError(f"合并次数必须是非负整数：{num_merges!r}")
    state = initial_state(corpus)
    vocab, rows = state["vocab"], state["corpus"]
    steps = []
    for number in range(1, num_merges + 1):
        counts = pair_counts(rows)
        if not counts:
            break
        best = counts[0]  # 频次最高；平局时是最先出现的一对
        a, b = best["pair"]
        rows = [{**row, "tokens": merge(row["tokens"], (a, b))} for row in rows]
        if a + b not in vocab:  # 不同的对偶尔会拼出同一个字符串
            vocab = [*vocab, a + b]
        steps.append({
            "step": number, "pair_counts": counts, "merge": [a, b], "token": a + b,
            "count": best["count"], "vocab": vocab, "corpus": rows,
        })
    return steps


def tokenize(word: str, merges: list) -> list[str]:
    """把一个新词拆成字符加 </w>，再按学到的先后顺序依次套用合并规则。

    merges 可以是 [(a, b), ...]，也可以直接传 train() 返回的步骤列表。
    """
    if not word or any(ch.isspace() for ch in word):
        raise ValueError(f"一次切分一个词，不能为空或含空白：{word!r}")
    tokens = [*word, END]
    for rule in merges:
        a, b = rule["merge"] if isinstance(rule, dict) else rule
        tokens = merge(tokens, (a, b))
    return tokens


if __name__ == "__main__":
    num_merges = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    classic = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
    steps = train(classic, num_merges)
    for s in steps:
        a, b = s["merge"]
        segmented = " | ".join(" ".join(row["tokens"]) for row in s["corpus"])
        print(f"{s['step']:>2}  {a} {b} → {s['token']}  ({s['count']})  {segmented}")
    print(f"词表大小：{len(steps[-1]['vocab'])}")  # 11 个字符 + 10 次合并 = 21
    for word in ("lowest", "newer"):
        print(word, tokenize(word, steps))  # ['low', 'est</w>']、['new', 'e', 'r', '</w>']
    zh = train("模型 模型 大模型 大模型 大模型 语言模型 语言模型", 5)
    print([s["token"] for s in zh])  # ['模型', '模型</w>', '大模型</w>', '语言', '语言模型</w>']
    print("大语言模型", tokenize("大语言模型", zh))  # ['大', '语言模型</w>']
