"""Exact and near-duplicate detection for a small text corpus (standard library only).

Steps: normalise the text, drop exact duplicates by the SHA-256 of the normalised text,
then find near-duplicates with MinHash signatures over word (or character) shingles and
LSH banding, and confirm each candidate pair with the MinHash estimate of Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC, lower case, punctuation and symbols turned into spaces, runs of spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return _SPACES.sub(" ", text).strip()


def exact_dedup(docs: list[str]) -> list[int]:
    """Indices of the documents to keep: the first of every group with the same normalised text."""
    seen: set[str] = set()
    kept: list[int] = []
    for i, doc in enumerate(docs):
        digest = hashlib.sha256(normalize(doc).encode("utf-8")).hexdigest()
        if digest not in seen:
            seen.add(digest)
            kept.append(i)
    return kept


def shingles(text: str, k: int = 5, by: str = "word") -> set[str]:
    """The set of k-shingles of the normalised text: k consecutive words, or k characters for Chinese."""
    norm = normalize(text)
    units = norm.split() if by == "word" else list(norm.replace(" ", ""))
    if len(units) <= k:
        return {" ".join(units)} if units else set()
    sep = " " if by == "word" else ""
    return {sep.join(units[i : i + k]) for i in range(len(units) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """True Jaccard similarity |A ∩ B| / |A ∪ B|."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash(seed: int, item: str) -> int:
    """The seed-th hash function: BLAKE2b with a per-function salt, read as a 64-bit integer."""
    digest = hashlib.blake2b(item.encode("utf-8"), digest_size=8, salt=seed.to_bytes(16, "little"))
    return int.from_bytes(digest.digest(), "little")


def minhash_signature(shingle_set: set[str], num_perm: int = 128) -> tuple[int, ...]:
    """For each of num_perm hash functions, the minimum hash value over the shingles."""
    if not shingle_set:
        return tuple([2**64 - 1] * num_perm)
    return tuple(min(_hash(seed, s) for s in shingle_set) for seed in range(num_perm))


def estimate_jaccard(sig_a: tuple[int, ...], sig_b: tuple[int, ...]) -> float:
    """Share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity."""
    return sum(x == y for x, y in zip(sig_a, sig_b)) / len(sig_a)


def lsh_candidates(signatures: list[tuple[int, ...]], bands: int, rows: int) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, whose signatures are identical in at least one band of `rows` values."""
    if bands * rows != len(signatures[0]):
        raise ValueError("bands * rows must equal the signature length")
    pairs: set[tuple[int, int]] = set()
    for b in range(bands):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for doc_id, sig in enumerate(signatures):
            buckets[sig[b * rows : (b + 1) * rows]].append(doc_id)
        for ids in buckets.values():
            pairs.update((ids[x], ids[y]) for x in range(len(ids)) for y in range(x + 1, len(ids)))
    return pairs


def near_duplicates(
    docs: list[str], k: int = 5, by: str = "word", num_perm: int = 128, bands: int = 16, threshold: float = 0.7
) -> list[tuple[int, int, float]]:
    """Candidate pairs from LSH whose estimated Jaccard similarity reaches the threshold."""
    signatures = [minhash_signature(shingles(d, k, by), num_perm) for d in docs]
    found = []
    for i, j in sorted(lsh_candidates(signatures, bands, num_perm // bands)):
        est = estimate_jaccard(signatures[i], signatures[j])
        if est >= threshold:
            found.append((i, j, est))
    return found


def deduplicate(docs: list[str], **near_kwargs) -> list[int]:
    """Exact dedup first, then drop every later document that is a near-duplicate of an earlier kept one."""
    kept = exact_dedup(docs)
    subset = [docs[i] for i in kept]
    dropped: set[int] = set()
    for i, j, _ in near_duplicates(subset, **near_kwargs):
        if i not in dropped:
            dropped.add(j)
    return [kept[n] for n in range(len(subset)) if n not in dropped]


if __name__ == "__main__":
    corpus = [
        "The city council approved the new budget on Monday after a long debate about "
        "school funding, road repairs and the future of the public library system.",
        "The city council approved the new budget on Monday after a long debate about "
        "school funding, road repairs and the future of the public library network.",
        "THE CITY COUNCIL approved the new budget on Monday after a long debate about "
        "school funding,   road repairs and the future of the public library system!",
        "Researchers trained a small language model on deduplicated web text and found "
        "that it memorised far fewer sentences than a model trained on the raw crawl.",
    ]
    print("exact dedup keeps:", exact_dedup(corpus))
    a, b = shingles(corpus[0]), shingles(corpus[1])
    est = estimate_jaccard(minhash_signature(a), minhash_signature(b))
    print(f"doc0 vs doc1: true Jaccard {jaccard(a, b):.3f}, MinHash estimate {est:.3f}")
    for i, j, s in near_duplicates(corpus):
        print(f"near-duplicate pair ({i}, {j}), estimated Jaccard {s:.3f}")
    print("after exact + near dedup keeps:", deduplicate(corpus))
