"""Model presets for the interactive GPU-memory estimator on practice/gpu-memory.md.

The estimator (docs/assets/javascripts/gpu-memory.js) ports examples/gpu_memory.py, which models a
LLaMA-style dense decoder. Its presets come from data/models.yaml: every dense causal decoder that
has all six shape fields. The marker ``<!-- kb:gpu-estimator -->`` renders the element the script
mounts into, with the presets as JSON in ``data-presets``.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from llmkb.refdata import Model, ReferenceData

if TYPE_CHECKING:  # llmkb.shortcodes imports this module for its registry
    from llmkb.shortcodes import Context

SHAPE_FIELDS = ("layers", "d_model", "heads", "kv_heads", "ffn_dim", "vocab")


def has_shape(model: Model) -> bool:
    """A dense causal decoder with every field the estimator needs (MoE would be counted as dense)."""
    return model.architecture == "causal-decoder" and not model.moe and all(getattr(model, f) for f in SHAPE_FIELDS)


def presets(data: ReferenceData) -> list[dict]:
    """One preset per eligible model, in the order of data/models.yaml."""
    return [
        {"id": m.id, "name": m.name, **{field: getattr(m, field) for field in SHAPE_FIELDS}}
        for m in data.models.values()
        if has_shape(m)
    ]


def presets_json(data: ReferenceData) -> str:
    """The presets as compact JSON (not yet escaped for an HTML attribute)."""
    return json.dumps(presets(data), ensure_ascii=False, separators=(",", ":"))


NOSCRIPT = (
    "<noscript><p>交互式估算器需要启用 JavaScript。也可以直接运行本页"
    '<a href="#code">参考实现</a>中的 <code>estimate_memory</code>，结果相同。</p></noscript>'
)


def render_gpu_estimator(ctx: Context) -> str:
    """The element gpu-memory.js mounts into; a raw HTML block, so Markdown leaves it alone."""
    attribute = html.escape(presets_json(ctx.data), quote=True)
    return f"<div class=\"kb-gpu-estimator\" data-presets='{attribute}'>{NOSCRIPT}</div>\n"
