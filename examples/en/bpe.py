"""A reference implementation of BPE (standard library only): training records, for every step, the
adjacent-pair counts, the chosen merge, the vocabulary and the segmentation of the corpus; the learned
merge rules are then used to split new words.

- The initial symbols are single characters (Unicode code points); Chinese characters are treated
  just like Latin letters. An end-of-word marker </w> is appended to every word.
- The corpus can be a {word: frequency} dictionary or a piece of text, which is split into words on
  whitespace (the same as str.split()) and counted.
- Tie-breaking rule: when counts are equal, take the pair that appears first in the corpus, i.e. the
  first pair encountered when scanning the words in order (dictionary order, or order of first
  occurrence in the text) and each word from left to right.
- The result of every step contains only lists, dicts, strings and integers, so it can be converted
  to JSON directly. The interactive demo on this page (docs/assets/javascripts/bpe.js) implements the
  same algorithm and the same tie-breaking rule, and returns the same structure.

Run: python examples/en/bpe.py [number of merges]. Prints every merge on the classic small corpus,
then splits a few new words.
"""

from __future__ import annotations

import sys

END = "</w>"  # end-of-word marker


def word_counts(corpus: dict[str, int] | str) -> dict[str, int]:
    """Corpus -> {word: frequency}; text is split on whitespace, words in order of first occurrence."""
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
    """Count adjacent pairs, weighted by word frequency; sort by count from high to low, keeping ties
    in the order of first occurrence."""
    counts: dict[tuple[str, str], int] = {}  # dicts keep insertion order: each pair's first appearance
    for row in corpus:
        tokens = row["tokens"]
        for pair in zip(tokens, tokens[1:]):
            counts[pair] = counts.get(pair, 0) + row["freq"]
    ranked = sorted(counts.items(), key=lambda item: -item[1])  # sorted() is a stable sort
    return [{"pair": [a, b], "count": count} for (a, b), count in ranked]


def merge(tokens: list[str], pair: tuple[str, str]) -> list[str]:
    """Merge every non-overlapping occurrence of pair in one word's segmentation, from left to right."""
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
    """Before any merge: the initial vocabulary (characters sorted by code point, then </w>) and the
    corpus split into single characters."""
    counts = word_counts(corpus)
    vocab = sorted({ch for word in counts for ch in word}) + [END]
    rows = [{"word": word, "freq": freq, "tokens": [*word, END]} for word, freq in counts.items()]
    return {"vocab": vocab, "corpus": rows}


def train(corpus: dict[str, int] | str, num_merges: int) -> list[dict]:
    """Learn at most num_merges merge rules; stop early once every word has become a single token.

    Each step is a dict: step (the step number, starting from 1), pair_counts (all adjacent pairs and
    their counts before the merge; the first entry is the chosen pair), merge (the chosen pair), token
    (the new symbol the merge produces), count (its count), vocab (the vocabulary after the merge) and
    corpus (the word, freq and tokens of every word after the merge).
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
        best = counts[0]  # highest count; on a tie, the pair that appears first
        a, b = best["pair"]
        rows = [{**row, "tokens": merge(row["tokens"], (a, b))} for row in rows]
        if a + b not in vocab:  # different pairs occasionally join into the same string
            vocab = [*vocab, a + b]
        steps.append({
            "step": number, "pair_counts": counts, "merge": [a, b], "token": a + b,
            "count": best["count"], "vocab": vocab, "corpus": rows,
        })
    return steps


def tokenize(word: str, merges: list) -> list[str]:
    """Split a new word into characters plus </w>, then apply the merge rules one by one in the order learned.

    merges can be [(a, b), ...], or the list of steps returned by train() passed in directly.
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
    print(f"词表大小：{len(steps[-1]['vocab'])}")  # 11 characters + 10 merges = 21
    for word in ("lowest", "newer"):
        print(word, tokenize(word, steps))  # ['low', 'est</w>'] and ['new', 'e', 'r', '</w>']
    zh = train("模型 模型 大模型 大模型 大模型 语言模型 语言模型", 5)
    print([s["token"] for s in zh])  # ['模型', '模型</w>', '大模型</w>', '语言', '语言模型</w>']
    print("大语言模型", tokenize("大语言模型", zh))  # ['大', '语言模型</w>']
