"""The interactive widgets' mount points: the GPU-memory estimator and the BPE visualizer.

The estimator (docs/assets/javascripts/gpu-memory.js) ports examples/gpu_memory.py, which models a
LLaMA-style dense decoder. Its presets come from data/models.yaml: every dense causal decoder that
has all six shape fields, handed to the script as JSON in ``data-presets``. The BPE visualizer
(docs/assets/javascripts/bpe.js) ports examples/bpe.py. Each mount point carries a ``<noscript>``
note for readers without JavaScript (labels gpu_estimator_noscript and bpe_noscript).
"""

from __future__ import annotations

import html
import json

from llmkb.model.refdata import Model, ReferenceData

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


def gpu_estimator_html(data: ReferenceData, noscript: str) -> str:
    """The element gpu-memory.js mounts into; a raw HTML block, so Markdown leaves it alone."""
    attribute = html.escape(presets_json(data), quote=True)
    return f"<div class=\"kb-gpu-estimator\" data-presets='{attribute}'><noscript><p>{noscript}</p></noscript></div>\n"


def bpe_visualizer_html(noscript: str) -> str:
    """The element bpe.js mounts into, with a note for readers without JavaScript."""
    return f'<div class="kb-bpe-visualizer"></div>\n<noscript><p>{noscript}</p></noscript>\n'
