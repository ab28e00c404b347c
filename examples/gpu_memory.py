"""Estimate the GPU memory of training or serving a decoder-only LLM (standard library only).

Reference implementation for practice/gpu-memory.md. Every number is per GPU and in GiB (2**30
bytes). The estimate adds up six parts:

  weights      parameters kept on the GPU (frozen base + trainable ones)
  gradients    one gradient per trainable parameter, same precision as the weights
  optimizer    fp32 master copy (mixed precision only) + optimizer states
  activations  tensors saved for the backward pass (Korthikanti et al. 2022), or one
               layer's temporary tensors during inference prefill
  kv_cache     2 x layers x kv_heads x head_dim x seq_len x batch x bytes (inference only)
  overhead     a fixed amount plus a fraction of the rest: an assumption, not a measurement

Modes: "inference", "full" (full fine-tuning), "pretrain" (same memory formula as "full"),
"lora" (frozen 16-bit base + LoRA adapters) and "qlora" (frozen 4-bit NF4 base + adapters).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

GIB = 1024**3

# Bytes per parameter of the stored weights.
WEIGHT_BYTES = {"fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "int8": 1.0, "int4": 0.5}
# QLoRA double quantization: 8-bit constants per 64 weights + fp32 constants per 64*256 weights.
NF4_CONSTANT_BITS = 8 / 64 + 32 / (64 * 256)  # about 0.127 bit per parameter
# Optimizer states per trainable parameter, in bytes (fp32 states; 8-bit Adam keeps 1 byte each).
OPTIMIZER_STATE_BYTES = {"adamw": 8.0, "adamw8bit": 2.0, "sgd": 4.0}  # sgd = SGD with momentum
MASTER_WEIGHT_BYTES = 4.0  # fp32 copy of the trainable weights in bf16/fp16 mixed precision
MODES = ("inference", "full", "pretrain", "lora", "qlora")
TRAINING_PRECISIONS = ("fp32", "bf16", "fp16")
PARTS = ("weights", "gradients", "optimizer", "activations", "kv_cache", "overhead", "total")


@dataclass(frozen=True)
class ModelShape:
    """A LLaMA-style decoder: GQA attention, SwiGLU MLP (3 matrices), RMSNorm, untied embeddings."""

    name: str
    layers: int
    d_model: int
    heads: int
    kv_heads: int
    ffn_dim: int
    vocab: int

    @property
    def head_dim(self) -> int:
        return self.d_model // self.heads

    @property
    def kv_dim(self) -> int:
        return self.kv_heads * self.head_dim

    def linear_shapes(self) -> list[tuple[int, int]]:
        """(in, out) of the seven linear layers in one block: q, k, v, o, gate, up, down."""
        h, kv, f = self.d_model, self.kv_dim, self.ffn_dim
        return [(h, h), (h, kv), (h, kv), (h, h), (h, f), (h, f), (f, h)]

    def block_linear_params(self) -> int:
        """Parameters of the linear layers inside the blocks (what QLoRA stores in 4 bit)."""
        return self.layers * sum(i * o for i, o in self.linear_shapes())

    def num_params(self) -> int:
        embeddings = 2 * self.vocab * self.d_model  # input embedding + output layer (lm_head)
        norms = (2 * self.layers + 1) * self.d_model
        return self.block_linear_params() + embeddings + norms

    def lora_params(self, rank: int) -> int:
        """LoRA on all seven linear layers of every block: r * (in + out) per matrix."""
        return self.layers * sum(rank * (i + o) for i, o in self.linear_shapes())


# Llama 2 shapes (meta-llama/Llama-2-*-hf config.json).
LLAMA2_7B = ModelShape("Llama 2 7B", layers=32, d_model=4096, heads=32, kv_heads=32, ffn_dim=11008, vocab=32000)
LLAMA2_13B = ModelShape("Llama 2 13B", layers=40, d_model=5120, heads=40, kv_heads=40, ffn_dim=13824, vocab=32000)
LLAMA2_70B = ModelShape("Llama 2 70B", layers=80, d_model=8192, heads=64, kv_heads=8, ffn_dim=28672, vocab=32000)
MODELS = (LLAMA2_7B, LLAMA2_13B, LLAMA2_70B)


@dataclass(frozen=True)
class Settings:
    mode: str = "full"  # inference | full | pretrain | lora | qlora
    precision: str = "bf16"  # weights/compute: fp32 | bf16 | fp16 (int8 | int4 for inference only)
    optimizer: str = "adamw"  # adamw | adamw8bit | sgd
    batch: int = 1  # micro-batch per GPU, in sequences
    seq_len: int = 2048
    checkpointing: bool = True  # full activation recomputation
    flash_attention: bool = True  # no s x s attention matrix is stored
    zero_stage: int = 0  # 0-3; training modes only
    num_gpus: int = 1  # ZeRO data-parallel degree, or tensor-parallel degree for inference
    lora_rank: int = 8
    kv_bytes: float = 2.0  # KV cache element size (bf16)
    overhead_gib: float = 1.0  # assumption: CUDA context, kernels, library workspaces
    overhead_fraction: float = 0.10  # assumption: allocator fragmentation and temporary buffers


def _check(s: Settings) -> None:
    if s.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {s.mode!r}")
    if s.precision not in WEIGHT_BYTES:
        raise ValueError(f"precision must be one of {tuple(WEIGHT_BYTES)}, got {s.precision!r}")
    if s.mode != "inference" and s.precision not in TRAINING_PRECISIONS:
        raise ValueError(f"training needs precision in {TRAINING_PRECISIONS}; for a 4-bit base use mode='qlora'")
    if s.optimizer not in OPTIMIZER_STATE_BYTES:
        raise ValueError(f"optimizer must be one of {tuple(OPTIMIZER_STATE_BYTES)}, got {s.optimizer!r}")
    if s.zero_stage not in (0, 1, 2, 3):
        raise ValueError("zero_stage must be 0, 1, 2 or 3")
    if s.mode == "inference" and s.zero_stage:
        raise ValueError("ZeRO applies to training; for inference num_gpus is the tensor-parallel degree")
    if min(s.batch, s.seq_len, s.num_gpus, s.lora_rank) < 1:
        raise ValueError("batch, seq_len, num_gpus and lora_rank must be at least 1")


def trainable_params(model: ModelShape, s: Settings) -> int:
    if s.mode == "inference":
        return 0
    if s.mode in ("lora", "qlora"):
        return model.lora_params(s.lora_rank)
    return model.num_params()


def layer_activation_bytes(model: ModelShape, s: Settings) -> float:
    """Activations one block saves for backward: s*b*h*(34 + 5*a*s/h) bytes in 16-bit.

    The 5*a*s/h term is the s x s attention scores, softmax and dropout mask; FlashAttention
    does not store them. fp32 activations double the 16-bit part.
    """
    sbh = s.seq_len * s.batch * model.d_model
    scale = 2.0 if s.precision == "fp32" else 1.0
    attention_matrix = 0 if s.flash_attention else 5 * model.heads * s.seq_len**2 * s.batch
    return (34 * sbh + attention_matrix) * scale


def activation_bytes(model: ModelShape, s: Settings) -> float:
    if s.mode == "inference":  # prefill: about one block's temporary tensors at a time
        return layer_activation_bytes(model, s)
    logits = 4 * s.seq_len * s.batch * model.vocab  # fp32 logits for the cross-entropy loss
    if s.checkpointing:  # keep each block's input, recompute one block at a time
        sbh = s.seq_len * s.batch * model.d_model
        return model.layers * 2 * sbh + layer_activation_bytes(model, s) + logits
    return model.layers * layer_activation_bytes(model, s) + logits


def kv_cache_bytes(model: ModelShape, s: Settings) -> float:
    if s.mode != "inference":
        return 0.0
    return 2 * model.layers * model.kv_heads * model.head_dim * s.seq_len * s.batch * s.kv_bytes


def estimate_memory(model: ModelShape, s: Settings) -> dict[str, float]:
    """Per-GPU memory breakdown in GiB: weights, gradients, optimizer, activations, kv_cache, overhead, total."""
    _check(s)
    w = WEIGHT_BYTES[s.precision]
    n_train = trainable_params(model, s)

    if s.mode == "inference":
        if s.precision in ("int8", "int4"):  # quantize the block linears; embeddings/lm_head stay 16-bit
            const = NF4_CONSTANT_BITS / 8 if s.precision == "int4" else 0.0
            other = model.num_params() - model.block_linear_params()
            weights = model.block_linear_params() * (w + const) + other * 2.0
        else:
            weights = model.num_params() * w
        parts = {
            "weights": weights / s.num_gpus,  # tensor parallel splits weights, KV heads and activations
            "gradients": 0.0,
            "optimizer": 0.0,
            "activations": activation_bytes(model, s) / s.num_gpus,
            "kv_cache": kv_cache_bytes(model, s) / s.num_gpus,
        }
    else:
        if s.mode == "lora":
            frozen = model.num_params() * w
        elif s.mode == "qlora":
            other = model.num_params() - model.block_linear_params()
            frozen = model.block_linear_params() * (0.5 + NF4_CONSTANT_BITS / 8) + other * 2.0
        else:
            frozen = 0.0
        master = MASTER_WEIGHT_BYTES if s.precision in ("bf16", "fp16") else 0.0
        weights = frozen + n_train * w
        gradients = n_train * w
        optimizer = n_train * (master + OPTIMIZER_STATE_BYTES[s.optimizer])
        n = s.num_gpus
        if s.zero_stage >= 1:
            optimizer /= n
        if s.zero_stage >= 2:
            gradients /= n
        if s.zero_stage >= 3:
            weights /= n
        parts = {
            "weights": weights,
            "gradients": gradients,
            "optimizer": optimizer,
            "activations": activation_bytes(model, s),
            "kv_cache": 0.0,
        }
    subtotal = sum(parts.values())
    parts["overhead"] = s.overhead_gib * GIB + s.overhead_fraction * subtotal
    parts["total"] = subtotal + parts["overhead"]
    return {k: parts[k] / GIB for k in PARTS}


# ---- the tables on the page ------------------------------------------------------------------

SCENARIOS = {
    "全参微调": Settings(mode="full"),
    "LoRA": Settings(mode="lora"),
    "QLoRA": Settings(mode="qlora"),
    "推理": Settings(mode="inference", seq_len=4096),
}
GPU_SIZES_GIB = (24, 40, 48, 80)


def min_gpus(model: ModelShape, s: Settings, capacity_gib: float, limit: int = 64) -> int | None:
    """Smallest power-of-two GPU count whose per-GPU estimate fits (ZeRO-3 for training)."""
    n = 1
    while n <= limit:
        trial = replace(s, num_gpus=n, zero_stage=3 if s.mode != "inference" and n > 1 else s.zero_stage)
        if estimate_memory(model, trial)["total"] <= capacity_gib:
            return n
        n *= 2
    return None


def _fmt(x: float) -> str:
    return f"{x:,.1f}"


def worked_example_table() -> str:
    lines = ["| 模型 | 参数量 | 全参微调 | LoRA | QLoRA | 推理 |", "|---|---|---|---|---|---|"]
    for m in MODELS:
        cells = [_fmt(estimate_memory(m, s)["total"]) for s in SCENARIOS.values()]
        lines.append(f"| {m.name} | {m.num_params() / 1e9:.2f}B | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def breakdown_table(model: ModelShape = LLAMA2_7B) -> str:
    names = ["权重", "梯度", "优化器状态", "激活值", "KV cache", "开销", "合计"]
    lines = ["| 组成（GiB） | " + " | ".join(SCENARIOS) + " |", "|---|" + "---|" * len(SCENARIOS)]
    rows = {name: [] for name in names}
    for s in SCENARIOS.values():
        est = estimate_memory(model, s)
        for name, key in zip(names, PARTS):
            rows[name].append(_fmt(est[key]))
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows.items()]
    return "\n".join(lines)


def seq_len_table(model: ModelShape = LLAMA2_7B) -> str:
    lines = ["| 序列长度 | 检查点开：激活值 | 检查点开：合计 | 检查点关：激活值 | 检查点关：合计 |", "|---|---|---|---|---|"]
    for seq in (512, 2048, 4096, 8192):
        on = estimate_memory(model, Settings(mode="lora", seq_len=seq, checkpointing=True))
        off = estimate_memory(model, Settings(mode="lora", seq_len=seq, checkpointing=False))
        cells = [_fmt(on["activations"]), _fmt(on["total"]), _fmt(off["activations"]), _fmt(off["total"])]
        lines.append(f"| {seq} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def zero_table(model: ModelShape = LLAMA2_7B, gpus: int = 8) -> str:
    lines = ["| ZeRO 阶段 | 权重 | 梯度 | 优化器状态 | 合计 |", "|---|---|---|---|---|"]
    for stage in (0, 1, 2, 3):
        est = estimate_memory(model, Settings(mode="full", zero_stage=stage, num_gpus=gpus))
        label = "不切分" if stage == 0 else f"ZeRO-{stage}"
        lines.append(f"| {label} | " + " | ".join(_fmt(est[k]) for k in ("weights", "gradients", "optimizer", "total")) + " |")
    return "\n".join(lines)


def gpu_fit_table() -> str:
    header = "| 模型与方式 | " + " | ".join(f"{g}GB" for g in GPU_SIZES_GIB) + " | 80GB 卡最少几张 |"
    lines = [header, "|---|" + "---|" * (len(GPU_SIZES_GIB) + 1)]
    for m in MODELS:
        for label, s in SCENARIOS.items():
            total = estimate_memory(m, s)["total"]
            marks = ["✓" if total <= g else "✗" for g in GPU_SIZES_GIB]
            n = min_gpus(m, s, 80)
            lines.append(f"| {m.name} {label} | " + " | ".join(marks) + f" | {n if n else '> 64'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print("总显存（GiB/卡）：微调序列 2048、推理上下文 4096，批大小 1，梯度检查点开，LoRA 秩 8\n")
    print(worked_example_table(), end="\n\n")
    print(breakdown_table(), end="\n\n")
    print(seq_len_table(), end="\n\n")
    print(zero_table(), end="\n\n")
    print(gpu_fit_table())
