"""The deduplication example shown on practice/data-preparation.md behaves as the page says."""

from __future__ import annotations

import random

import pytest
from helpers import load_example


@pytest.fixture(scope="module")
def dedup():
    return load_example("dedup")


BASE = (
    "The city council approved the new budget on Monday after a long debate about "
    "school funding, road repairs and the future of the public library system."
)
EDITED = BASE.replace("library system", "library network")
SHOUTED = BASE.upper().replace(",", ",   ").replace(".", "!")
OTHER = (
    "Researchers trained a small language model on deduplicated web text and found "
    "that it memorised far fewer sentences than a model trained on the raw crawl."
)


def test_normalize_ignores_case_punctuation_and_spacing(dedup):
    assert dedup.normalize(SHOUTED) == dedup.normalize(BASE)
    assert dedup.normalize("  Ｈｅｌｌｏ，\n世界！ ") == "hello 世界"


def test_exact_duplicates_are_removed(dedup):
    docs = [BASE, EDITED, SHOUTED, OTHER, BASE]
    assert dedup.exact_dedup(docs) == [0, 1, 3]


def test_near_duplicates_found_and_different_texts_not(dedup):
    pairs = {(i, j) for i, j, _ in dedup.near_duplicates([BASE, EDITED, OTHER])}
    assert pairs == {(0, 1)}


def test_deduplicate_keeps_one_of_each_cluster(dedup):
    assert dedup.deduplicate([BASE, EDITED, SHOUTED, OTHER]) == [0, 3]
    assert dedup.deduplicate([OTHER, BASE]) == [0, 1]


def test_character_shingles_catch_chinese_near_duplicates(dedup):
    zh_a = "市议会周一经过长时间辩论后通过了新的预算，内容涉及学校经费、道路维修以及公共图书馆系统的未来。"
    zh_b = zh_a.replace("系统", "网络")
    zh_c = "研究人员用去重后的网页文本训练了一个小型语言模型，发现它记住的句子远少于用原始抓取数据训练的模型。"
    pairs = {(i, j) for i, j, _ in dedup.near_duplicates([zh_a, zh_b, zh_c], by="char")}
    assert pairs == {(0, 1)}


def test_minhash_estimate_close_to_true_jaccard(dedup):
    rng = random.Random(0)
    vocab = [f"w{n}" for n in range(5000)]
    words = [rng.choice(vocab) for _ in range(400)]
    a = dedup.shingles(" ".join(words), k=3)
    edited = list(words)
    for pos in rng.sample(range(len(edited)), 12):
        edited[pos] = rng.choice(vocab)
    b = dedup.shingles(" ".join(edited), k=3)
    true = dedup.jaccard(a, b)
    assert 0.6 < true < 0.95  # a genuinely partial overlap, not a trivial case
    est = dedup.estimate_jaccard(dedup.minhash_signature(a, 256), dedup.minhash_signature(b, 256))
    assert abs(est - true) < 0.08


def test_lsh_rejects_inconsistent_band_layout(dedup):
    sig = dedup.minhash_signature({"a b c"}, 10)
    with pytest.raises(ValueError):
        dedup.lsh_candidates([sig, sig], bands=3, rows=4)
