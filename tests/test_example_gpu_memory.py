"""The GPU memory estimator shown on practice/gpu-memory.md follows the formulas the page derives."""

from __future__ import annotations

import pytest
from helpers import load_example

from llmkb.paths import ROOT


@pytest.fixture(scope="module")
def gm():
    return load_example("gpu_memory")


def model_states(est: dict) -> float:
    return est["weights"] + est["gradients"] + est["optimizer"]


def test_parameter_counts_match_llama2_checkpoints(gm):
    assert gm.LLAMA2_7B.num_params() == 6_738_415_616
    assert gm.LLAMA2_13B.num_params() == 13_015_864_320
    assert gm.LLAMA2_70B.num_params() == 68_976_648_192
    # LoRA r=8 on all seven linear layers of LLaMA-7B (same number as on practice/lora-vs-qlora.md)
    assert gm.LLAMA2_7B.lora_params(8) == 19_988_480


@pytest.mark.parametrize("precision", ["bf16", "fp16", "fp32"])
def test_full_adamw_is_16_bytes_per_parameter(gm, precision):
    m = gm.LLAMA2_7B
    est = gm.estimate_memory(m, gm.Settings(mode="full", precision=precision))
    assert model_states(est) * gm.GIB == pytest.approx(16 * m.num_params())
    assert est["gradients"] * gm.GIB == pytest.approx(gm.WEIGHT_BYTES[precision] * m.num_params())


@pytest.mark.parametrize(("optimizer", "bytes_per_param"), [("adamw", 16), ("adamw8bit", 10), ("sgd", 12)])
def test_optimizer_bytes(gm, optimizer, bytes_per_param):
    m = gm.LLAMA2_13B
    est = gm.estimate_memory(m, gm.Settings(mode="full", optimizer=optimizer))
    assert model_states(est) * gm.GIB == pytest.approx(bytes_per_param * m.num_params())


def test_pretrain_uses_the_full_training_formula(gm):
    m = gm.LLAMA2_7B
    assert gm.estimate_memory(m, gm.Settings(mode="pretrain")) == gm.estimate_memory(m, gm.Settings(mode="full"))


def test_kv_cache_llama2_70b_gqa(gm):
    m = gm.LLAMA2_70B
    est = gm.estimate_memory(m, gm.Settings(mode="inference", seq_len=4096, batch=1))
    expected = 2 * 80 * 8 * 128 * 4096 * 1 * 2  # 2 x layers x kv_heads x head_dim x seq x batch x bytes
    assert est["kv_cache"] * gm.GIB == expected
    assert est["kv_cache"] == pytest.approx(1.25)
    # with one K/V per query head (MHA) the cache would be 64 / 8 = 8 times larger
    mha = gm.ModelShape("70B-MHA", 80, 8192, 64, 64, 28672, 32000)
    assert gm.estimate_memory(mha, gm.Settings(mode="inference", seq_len=4096))["kv_cache"] == pytest.approx(10.0)
    # and the cache grows linearly with the batch
    est4 = gm.estimate_memory(m, gm.Settings(mode="inference", seq_len=4096, batch=4))
    assert est4["kv_cache"] == pytest.approx(4 * est["kv_cache"])


def test_training_has_no_kv_cache_and_inference_no_optimizer(gm):
    m = gm.LLAMA2_7B
    assert gm.estimate_memory(m, gm.Settings(mode="full"))["kv_cache"] == 0
    est = gm.estimate_memory(m, gm.Settings(mode="inference"))
    assert est["gradients"] == est["optimizer"] == 0
    assert est["weights"] * gm.GIB == 2 * m.num_params()


@pytest.mark.parametrize("n", [2, 8, 64])
def test_zero_stages_divide_model_states(gm, n):
    m = gm.LLAMA2_70B
    base = gm.estimate_memory(m, gm.Settings(mode="full"))
    z1 = gm.estimate_memory(m, gm.Settings(mode="full", zero_stage=1, num_gpus=n))
    z2 = gm.estimate_memory(m, gm.Settings(mode="full", zero_stage=2, num_gpus=n))
    z3 = gm.estimate_memory(m, gm.Settings(mode="full", zero_stage=3, num_gpus=n))
    p = m.num_params() / gm.GIB
    assert model_states(z1) == pytest.approx(4 * p + 12 * p / n)  # ZeRO paper: 4Ψ + KΨ/N, K = 12
    assert model_states(z2) == pytest.approx(2 * p + 14 * p / n)  # 2Ψ + (2 + K)Ψ/N
    assert model_states(z3) == pytest.approx(model_states(base) / n)  # 16Ψ/N
    assert z3["activations"] == base["activations"]  # ZeRO does not shard activations


def test_peft_needs_less_than_full(gm):
    for m in gm.MODELS:
        full, lora, qlora = (gm.estimate_memory(m, gm.Settings(mode=mode))["total"] for mode in ("full", "lora", "qlora"))
        assert qlora < lora < full


def test_qlora_base_weights_about_half_a_byte(gm):
    m = gm.LLAMA2_70B
    est = gm.estimate_memory(m, gm.Settings(mode="qlora"))
    adapters = m.lora_params(8) * 2
    other = m.num_params() - m.block_linear_params()
    per_param = (est["weights"] * gm.GIB - adapters - 2 * other) / m.block_linear_params()
    assert per_param == pytest.approx(0.5 + 0.127 / 8, abs=1e-4)


@pytest.mark.parametrize("mode", ["inference", "full", "lora", "qlora"])
@pytest.mark.parametrize("checkpointing", [True, False])
def test_monotone_in_sequence_length(gm, mode, checkpointing):
    m = gm.LLAMA2_7B
    totals = [
        gm.estimate_memory(m, gm.Settings(mode=mode, seq_len=s, checkpointing=checkpointing))["total"]
        for s in (256, 1024, 2048, 4096, 8192)
    ]
    assert totals == sorted(totals) and len(set(totals)) == len(totals)


def test_activation_formula_korthikanti(gm):
    m, s, b = gm.LLAMA2_7B, 2048, 2
    off = gm.Settings(mode="full", seq_len=s, batch=b, checkpointing=False, flash_attention=False)
    sbh = s * b * m.d_model
    per_layer = sbh * (34 + 5 * m.heads * s / m.d_model)
    logits = 4 * s * b * m.vocab
    assert gm.estimate_memory(m, off)["activations"] * gm.GIB == pytest.approx(m.layers * per_layer + logits)
    on = gm.Settings(mode="full", seq_len=s, batch=b, checkpointing=True, flash_attention=False)
    expected = m.layers * 2 * sbh + per_layer + logits  # layer inputs + one layer being recomputed
    assert gm.estimate_memory(m, on)["activations"] * gm.GIB == pytest.approx(expected)


def test_overhead_is_the_stated_assumption(gm):
    est = gm.estimate_memory(gm.LLAMA2_7B, gm.Settings(mode="lora"))
    subtotal = sum(est[k] for k in ("weights", "gradients", "optimizer", "activations", "kv_cache"))
    assert est["overhead"] == pytest.approx(1.0 + 0.10 * subtotal)
    assert est["total"] == pytest.approx(subtotal + est["overhead"])


@pytest.mark.parametrize(
    "settings",
    [
        {"mode": "finetune"},
        {"mode": "full", "precision": "int4"},
        {"mode": "full", "optimizer": "adam16"},
        {"mode": "full", "zero_stage": 4},
        {"mode": "inference", "zero_stage": 3},
        {"mode": "full", "seq_len": 0},
    ],
)
def test_rejects_bad_settings(gm, settings):
    with pytest.raises(ValueError):
        gm.estimate_memory(gm.LLAMA2_7B, gm.Settings(**settings))


def test_page_tables_come_from_the_code(gm):
    page = (ROOT / "docs" / "practice" / "gpu-memory.md").read_text(encoding="utf-8")
    for table in (gm.worked_example_table(), gm.breakdown_table(), gm.seq_len_table(), gm.zero_table(), gm.gpu_fit_table()):
        assert table in page


def test_example_shapes_match_the_models_data(gm):
    """The example hard-codes Llama 2 shapes so readers can copy it; they must equal data/models.yaml."""
    from llmkb.model.refdata import load_reference_data

    models = load_reference_data().models
    for shape, model_id in ((gm.LLAMA2_7B, "llama-2-7b"), (gm.LLAMA2_13B, "llama-2-13b"), (gm.LLAMA2_70B, "llama-2-70b")):
        data = models[model_id]
        assert (shape.layers, shape.d_model, shape.heads, shape.kv_heads, shape.ffn_dim, shape.vocab) == (
            data.layers, data.d_model, data.heads, data.kv_heads, data.ffn_dim, data.vocab
        ), model_id
