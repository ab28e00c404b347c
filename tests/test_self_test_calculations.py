"""Calculation questions of the self-tests (data/questions/) give the numbers the examples' code computes.

Every question with ``kind: calculation`` has an entry in CALCULATIONS: a function that recomputes its
``value`` from the reference implementations in examples/ (or, where the page's worked example is
a formula, from that formula written out here). A new calculation question without an entry fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from helpers import load_example

from llmkb.model.frontmatter import load_pages
from llmkb.model.questions import load_questions

gpu_memory = load_example("gpu_memory")
token_ratio = load_example("token_ratio")
bpe = load_example("bpe")
chat_template = load_example("chat_template")

BANK = load_questions(load_pages())
GIB = gpu_memory.GIB

# Model shapes as the pages give them (vocabulary sizes from the models' tokenizers).
# Llama 3 70B (theory/llama-architecture.md, GQA section): 80 layers, 64 query heads, 8 KV heads, d = 8192.
LLAMA3_70B = gpu_memory.ModelShape("Llama 3 70B", layers=80, d_model=8192, heads=64, kv_heads=8, ffn_dim=28672, vocab=128256)
# Llama 3 / 3.1 8B: 32 layers, width 4096, 32 query heads, 8 KV heads (head size 128).
LLAMA3_8B = gpu_memory.ModelShape("Llama 3 8B", layers=32, d_model=4096, heads=32, kv_heads=8, ffn_dim=14336, vocab=128256)
# Qwen2.5-7B as on practice/qwen-inference.md: 28 layers, 28 query heads and 4 KV heads of dimension 128.
QWEN25_7B = gpu_memory.ModelShape("Qwen2.5-7B", layers=28, d_model=3584, heads=28, kv_heads=4, ffn_dim=18944, vocab=152064)
# The example sentence of practice/chinese-llama3.md and practice/tokens-vs-chinese-chars.md (28 characters).
AI_SENTENCE = "人工智能是计算机科学、心理学、哲学等学科融合的交叉学科。"
# The conversation of examples/chat_template.py (practice/multi-turn-dialogue.md).
TRAVEL_CHAT = [
    {"role": "system", "content": "你是旅行助手。回答不超过两句话。"},
    {"role": "user", "content": "我想去杭州玩。"},
    {"role": "assistant", "content": "好的，推荐西湖和灵隐寺。"},
]


def _prefix_mask_pairs(tokens: int, prefix: int) -> int:
    """Allowed (i, j) pairs of a prefix-decoder mask: j <= prefix or j <= i (1-based)."""
    return sum(1 for i in range(1, tokens + 1) for j in range(1, tokens + 1) if j <= prefix or j <= i)


# question id -> the value recomputed from the examples' code (relative tolerance: REL_TOL)
CALCULATIONS: dict[str, Callable[[], float]] = {
    # theory/what-is-llm.md: 15% of tokens selected, 80% of those replaced by [MASK], in percent
    "what-is-llm-bert-mask-share": lambda: 100 * 0.15 * 0.80,
    # theory/history.md: 570GB of 45TB (decimal units), in percent; 405B / 117M
    "history-gpt3-common-crawl-ratio": lambda: 100 * 570 / (45 * 1000),
    "history-dense-parameter-growth": lambda: 405e9 / 117e6,
    # theory/training-pipeline.md: C(9, 2) comparison pairs; 60 of 3,640 petaflop/s-days, in percent
    "training-pipeline-rm-comparison-pairs": lambda: math.comb(9, 2),
    "training-pipeline-post-training-compute": lambda: 100 * 60 / 3640,
    # theory/architectures.md: 6 tokens, prefix 3; DeepSeek-V3 37B active of 671B, in percent
    "architectures-mask-allowed-pairs": lambda: _prefix_mask_pairs(6, 3),
    "architectures-moe-active-share": lambda: 100 * 37 / 671,
    # theory/evaluation.md: 6.49% of the 14,079 MMLU test questions
    "evaluation-mmlu-label-errors": lambda: 14079 * 0.0649,
    # theory/leaderboards.md: Bradley-Terry win probability for a 100-point gap, in percent
    "leaderboards-score-gap-win-rate": lambda: 100 / (1 + 10 ** (-100 / 400)),
    # theory/llama-architecture.md: 2/3 * 4d rounded up to a multiple of 256 for d = 4096 (LLaMA code);
    # KV cache of one 8192-token sequence in bf16, GiB
    "llama-architecture-swiglu-hidden-size": lambda: 256 * math.ceil(int(2 * 4 * 4096 / 3) / 256),
    "llama-architecture-gqa-kv-cache": lambda: gpu_memory.kv_cache_bytes(
        LLAMA3_70B, gpu_memory.Settings(mode="inference", seq_len=8192, batch=1, kv_bytes=2.0)
    )
    / gpu_memory.GIB,
    # theory/rl-vs-sl.md: answer only if p > c / (1 + c), c = 3
    "rl-vs-sl-abstention-threshold": lambda: 3 / (1 + 3),
    # theory/knowledge-editing.md: 2048 GPUs x 21 days x 24 hours
    "knowledge-editing-retraining-cost": lambda: 2048 * 21 * 24,
    # theory/hallucination.md: expected score p - (1 - p) * t / (1 - t) with t = 0.75, p = 0.6
    "hallucination-confidence-threshold": lambda: 0.6 - (1 - 0.6) * 0.75 / (1 - 0.75),
    # theory/scaling-laws.md: C = 6ND, A100 BF16 peak 312 TFLOPS at 40% MFU, 1,024 GPUs, in days
    "scaling-laws-7b-1t-training-days": lambda: 6 * 7e9 * 1e12 / (312e12 * 0.40 * 1024 * 86400),
    # marginal value of a repeated token exp(-R_D / R_D*), R_D = 15 (16th epoch), R_D* = 15.4
    "scaling-laws-repeated-token-value": lambda: math.exp(-15 / 15.4),
    # DeepSeek-V3: 6 x 37B activated parameters x 14.8T tokens, in units of 10^24 FLOPs
    "scaling-laws-moe-compute": lambda: 6 * 37e9 * 14.8e12 / 1e24,
    # theory/chain-of-thought.md: self-consistency on PaLM 540B, GSM8K 56.5% -> 74.4%
    "chain-of-thought-self-consistency-gain": lambda: 74.4 - 56.5,
    # theory/chatgpt-vs-traditional-lm.md: c(w1 w2 w3) / c(w1 w2); perplexity exp(-mean log p)
    "chatgpt-vs-traditional-lm-trigram-mle": lambda: 10 / 40,
    "chatgpt-vs-traditional-lm-perplexity": lambda: math.exp(-sum(math.log(p) for p in (0.5, 0.25, 0.125)) / 3),
    # theory/code-pretraining.md: DeepSeek-Coder, 87% of 2T tokens, in T
    "code-pretraining-deepseek-coder-tokens": lambda: 2 * 0.87,
    # theory/emergent-abilities.md: exact match p^L with p = 0.95, L = 20
    "emergent-abilities-exact-match": lambda: 0.95**20,
    # theory/flash-attention.md: 16-bit N x N scores for batch 2 x 8 heads, N = 4096, in MiB
    "flash-attention-score-matrix-memory": lambda: 2 * 8 * 4096**2 * 2 / 2**20,
    # theory/bpe.md: vocabulary after 10 merges on the classic corpus; the 28-character sentence in UTF-8 bytes
    "bpe-classic-corpus-vocab-size": lambda: len(bpe.train({"low": 5, "lower": 2, "newest": 6, "widest": 3}, 10)[-1]["vocab"]),
    "bpe-chinese-sentence-bytes": lambda: token_ratio.measure(
        "人工智能是计算机科学、心理学、哲学等学科融合的交叉学科。", token_ratio.byte_tokenize
    ).tokens,
    # theory/exposure-bias.md: epsilon * T (T + 1) / 2 with epsilon = 0.001, T = 100
    "exposure-bias-compounding-errors": lambda: 0.001 * 100 * 101 / 2,
    # theory/gpt4-vs-human.md: 50-minute horizon doubling every 7 months, after 21 months
    "gpt4-vs-human-metr-doubling": lambda: 50 * 2 ** (21 / 7),
    # applications/rag.md: nDCG@3 for relevance grades 2, 0, 1
    "rag-ndcg-calculation": lambda: sum(r / math.log2(i + 2) for i, r in enumerate((2, 0, 1)))
    / sum(r / math.log2(i + 2) for i, r in enumerate((2, 1, 0))),
    # applications/agents.md: 10 independent steps at 95%; tau-bench pass^k = C(c, k) / C(n, k), n = 8, c = 6, k = 2
    "agents-step-success-compounding": lambda: 0.95**10,
    "agents-pass-hat-k": lambda: math.comb(6, 2) / math.comb(8, 2),
    # applications/vertical-domains.md: BloombergGPT, 363B financial of 363B + 345B tokens, in %
    "vertical-domains-bloomberggpt-data-mix": lambda: 100 * 363 / (363 + 345),
    # practice/prompting.md: 240 yuan, 20% off, "30 off from 150" coupon, then a 10-yuan red packet
    "prompting-discount-step-by-step": lambda: (lambda price: price - (30 if price >= 150 else 0) - 10)(240 * 0.8),
    # practice/pretraining-datasets.md: Common Crawl share of RedPajama-V1 (billions of tokens), percent
    "pretraining-datasets-redpajama-cc-share": lambda: 100 * 878 / (878 + 175 + 59 + 26 + 28 + 24 + 20),
    # practice/instructgpt-datasets.md: 33,207 RM prompts, each with K = 9 ranked responses -> C(9, 2) pairs
    "instructgpt-datasets-rm-comparison-pairs": lambda: 33207 * math.comb(9, 2),
    # practice/data-preparation.md: LSH with b = 14 bands of r = 8 rows, pair similarity 0.8, percent
    "data-preparation-lsh-candidate-probability": lambda: 100 * (1 - (1 - 0.8**8) ** 14),
    # practice/data-preparation.md: MinHash estimate's standard deviation sqrt(J(1-J)/K), J = 0.8, K = 112
    "data-preparation-minhash-estimate-error": lambda: math.sqrt(0.8 * (1 - 0.8) / 112),
    # practice/training-acceleration.md: 7B model, 3,000 tokens/s per A100 (312 TFLOPS), 6N FLOPs per token, percent
    "training-acceleration-mfu": lambda: 100 * 3000 * 6 * 7e9 / 312e12,
    # practice/training-acceleration.md: ZeRO-2 model states 2Ψ + 14Ψ/N_d, Ψ = 7.5B, N_d = 64, GB
    "training-acceleration-zero-memory": lambda: 2 * 7.5 + 14 * 7.5 / 64,
    # practice/training-acceleration.md: pipeline bubble (p - 1)/(m + p - 1), p = 4, m = 16, percent
    "training-acceleration-pipeline-bubble": lambda: 100 * (4 - 1) / (16 + 4 - 1),
    # practice/llamaindex.md: similarity_top_k = 4 chunks of SentenceSplitter's default 1024 tokens
    "llamaindex-top-k-context-window": lambda: 4 * 1024,
    # practice/finance-benchmarks.md: FinQA program subtract(5829, 5735), divide(#0, 5735), percent
    "finance-benchmarks-finqa-program": lambda: 100 * (5829 - 5735) / 5735,
    # practice/qwen-inference.md: single-request decode bound = bandwidth / weight bytes, A100 2,039 GB/s, 7.61B params in BF16
    "qwen-inference-decode-speed-bound": lambda: 2039 / (7.61 * 2),
    # practice/qwen-inference.md: BF16 KV cache of one 32K-token sequence, GiB
    "qwen-inference-kv-cache-size": lambda: gpu_memory.kv_cache_bytes(QWEN25_7B, gpu_memory.Settings(mode="inference", seq_len=32768)) / gpu_memory.GIB,
    # practice/lora-vs-qlora.md: LLaMA-7B (same shape as Llama 2 7B), LoRA r = 8 on all seven linear layers
    "lora-vs-qlora-trainable-params": lambda: gpu_memory.LLAMA2_7B.lora_params(8),
    # practice/lora-vs-qlora.md: bits saved by double quantization (0.5 -> ~0.127 per parameter) on a 65B model, GB
    "lora-vs-qlora-double-quantization": lambda: (32 / 64 - gpu_memory.NF4_CONSTANT_BITS) * 65e9 / 8 / 1e9,
    # practice/chinese-llama3.md: characters per token of Chinese-LLaMA's tokenizer (28 characters, 16 tokens)
    "chinese-llama3-chars-per-token": lambda: len(AI_SENTENCE) / 16,
    # practice/galore.md: GaLore state (2nr + mr) over Adam (2mn) for a 4096 x 4096 matrix, r = 128, in %
    "galore-single-matrix-state": lambda: 100 * (2 * 4096 * 128 + 4096 * 128) / (2 * 4096 * 4096),
    # practice/galore.md: Adam's two moments for every LLaMA-7B parameter, 2 bytes each, in GiB
    "galore-llama7b-adam-memory": lambda: 2 * 2 * gpu_memory.LLAMA2_7B.num_params() / GIB,
    # practice/long-inputs.md: attention (4n^2 d) exceeds the rest (24 n d^2) when n > 6d, d = 4096
    "long-inputs-attention-crossover": lambda: 6 * 4096,
    # practice/long-inputs.md: KV cache of one 131,072-token sequence of Llama 3.1 8B in BF16, in GiB
    "long-inputs-kv-cache-llama31-8b": lambda: gpu_memory.kv_cache_bytes(
        LLAMA3_8B, gpu_memory.Settings(mode="inference", seq_len=131072)) / GIB,
    # practice/long-inputs.md: map-reduce calls N / (B (1 - r)) + 1
    "long-inputs-map-reduce-calls": lambda: 200_000 / (6000 * (1 - 0.1)) + 1,
    # practice/pdf-qa-bot.md: reciprocal rank fusion, k = 60, ranks 1 and 3
    "pdf-qa-bot-rrf-score": lambda: 1 / (60 + 1) + 1 / (60 + 3),
    # practice/tokens-vs-chinese-chars.md: byte-level tokens of the 28-character sentence, no merges
    "tokens-vs-chinese-chars-byte-worst-case": lambda: token_ratio.measure(AI_SENTENCE, token_ratio.byte_tokenize).tokens,
    # practice/tokens-vs-chinese-chars.md: characters that fit (C - N_sys - N_out) / r
    "tokens-vs-chinese-chars-context-budget": lambda: (131_072 - 1000 - 4000) / 0.75,
    # practice/gpt35-pricing.md: 1,000 reports on gpt-3.5-turbo-0125, 1.1 tokens per character, in USD
    "gpt35-pricing-report-cost": lambda: 1000 * (10_000 * 1.1 * 0.50 + 500 * 1.1 * 1.50) / 1e6,
    # practice/lora-training.md: rsLoRA scaling alpha / sqrt(r) for r = 64, alpha = 16
    "lora-training-rslora-scale": lambda: 16 / math.sqrt(64),
    # practice/distributed-training-frameworks.md: MFU 42.1% -> 54.2%, throughput gain in %
    "distributed-training-frameworks-mfu-gain": lambda: 100 * (54.2 / 42.1 - 1),
    # practice/gpu-memory.md: 16 bytes per parameter for Llama 2 7B, in GiB
    "gpu-memory-full-finetune-model-states": lambda: 16 * gpu_memory.LLAMA2_7B.num_params() / GIB,
    # practice/gpu-memory.md: KV cache of Llama 2 70B, bf16, 4096 tokens, batch 1, in GiB
    "gpu-memory-kv-cache-gqa": lambda: gpu_memory.kv_cache_bytes(
        gpu_memory.LLAMA2_70B, gpu_memory.Settings(mode="inference", seq_len=4096)) / GIB,
    # practice/gpu-memory.md: LoRA parameters of Llama 2 7B, rank 8, all seven linear layers
    "gpu-memory-lora-parameter-count": lambda: gpu_memory.LLAMA2_7B.lora_params(8),
    # practice/vllm-deployment.md: BF16 weights of a 72B model, in GB
    "vllm-deployment-72b-weights": lambda: 72e9 * 2 / 1e9,
    # practice/training-modes.md: LLaMA-65B, 2048 GPUs for 21 days, in GPU-hours
    "training-modes-pretraining-compute": lambda: 2048 * 21 * 24,
    # practice/multi-turn-dialogue.md: positions whose label is not -100 in the first three messages
    "multi-turn-dialogue-loss-token-count": lambda: sum(
        label != chat_template.IGNORE_INDEX for label in chat_template.build_labels(TRAVEL_CHAT)[2]),
}
REL_TOL = 0.01


def test_every_calculation_question_is_recomputed():
    calculations = {qid for qid, question in BANK.questions.items() if question.kind == "calculation"}
    missing = sorted(calculations - set(CALCULATIONS))
    assert not missing, f"add a recomputation to CALCULATIONS for: {missing}"
    stale = sorted(set(CALCULATIONS) - calculations)
    assert not stale, f"CALCULATIONS names questions that are not calculations (any more): {stale}"


@pytest.mark.parametrize("question_id", sorted(CALCULATIONS))
def test_calculation_answer_matches_the_code(question_id):
    expected = CALCULATIONS[question_id]()
    value = BANK.questions[question_id].value
    assert math.isclose(value, expected, rel_tol=REL_TOL), f"{question_id}: the answer says {value:g}, the code gives {expected:g}"
