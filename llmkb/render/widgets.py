"""The interactive widgets' mount points: the GPU-memory estimator and the BPE visualizer.

The estimator (docs/assets/javascripts/gpu-memory.js) ports examples/gpu_memory.py, which models a
LLaMA-style dense decoder. Its presets come from data/models.yaml: every dense causal decoder that
has all six shape fields, handed to the script as JSON in ``data-presets``. The BPE visualizer
(docs/assets/javascripts/bpe.js) ports examples/bpe.py.

The scripts hold no words of their own: each mount point carries the widget's labels from
data/labels.yaml (keys ``gpu_*`` and ``bpe_*``) in the page's language as JSON in ``data-kb-labels``,
and the 繁體中文 edition converts that attribute with the rest of the page (llmkb/render/hant.py).
Each mount point also carries a ``<noscript>`` note for readers without JavaScript (labels
gpu_estimator_noscript and bpe_noscript, which stay out of the JSON).

A widget's script and stylesheet load only on the pages that have its marker: ``WIDGET_ASSETS``
maps the marker to its files, ``assets_for`` finds them for a page's Markdown (hooks/shortcodes.py
stores them in ``page.meta`` as ``kb_scripts`` and ``kb_styles``, and overrides/main.html writes the
tags). A new widget is one line in ``WIDGET_ASSETS``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import NamedTuple

from llmkb.model.editions import label_keys
from llmkb.model.refdata import Model, ReferenceData

SHAPE_FIELDS = ("layers", "d_model", "heads", "kv_heads", "ffn_dim", "vocab")
GPU_LABELS = "gpu_"
BPE_LABELS = "bpe_"
NOSCRIPT_SUFFIX = "_noscript"


class Assets(NamedTuple):
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()


# marker name -> the files its widget needs, as paths in the built site (docs/ relative)
WIDGET_ASSETS: dict[str, Assets] = {
    "bpe-visualizer": Assets(scripts=("assets/javascripts/bpe.js",), styles=("assets/stylesheets/bpe.css",)),
    "gpu-estimator": Assets(scripts=("assets/javascripts/gpu-memory.js",), styles=("assets/stylesheets/gpu-memory.css",)),
    "question-bank": Assets(scripts=("assets/javascripts/question-bank.js",), styles=("assets/stylesheets/question-bank.css",)),
}
MARKER_NAME_RE = re.compile(r"<!--\s*kb:([a-z-]+)")


def assets_for(markdown: str) -> Assets:
    """The scripts and stylesheets of the widgets whose markers the page has, each once, in the
    order of WIDGET_ASSETS (so every page lists them the same way)."""
    names = set(MARKER_NAME_RE.findall(markdown)) if "kb:" in markdown else set()
    used = [assets for name, assets in WIDGET_ASSETS.items() if name in names]
    return Assets(
        scripts=tuple(dict.fromkeys(s for a in used for s in a.scripts)),
        styles=tuple(dict.fromkeys(s for a in used for s in a.styles)),
    )


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


def widget_labels(prefix: str, label: Callable[[str], str]) -> dict[str, str]:
    """A widget's words (every label key with ``prefix`` except the <noscript> note), from ``label``."""
    return {key: label(key) for key in label_keys(prefix) if not key.endswith(NOSCRIPT_SUFFIX)}


def labels_attribute(prefix: str, label: Callable[[str], str]) -> str:
    """The ``data-kb-labels`` attribute: the widget's words as JSON, escaped for a double-quoted attribute."""
    words = json.dumps(widget_labels(prefix, label), ensure_ascii=False, separators=(",", ":"))
    return f'data-kb-labels="{html.escape(words, quote=True)}"'


def gpu_estimator_html(data: ReferenceData, label: Callable[[str], str]) -> str:
    """The element gpu-memory.js mounts into; a raw HTML block, so Markdown leaves it alone."""
    attribute = html.escape(presets_json(data), quote=True)
    noscript = label("gpu_estimator_noscript")
    return (
        f"<div class=\"kb-gpu-estimator\" data-presets='{attribute}' {labels_attribute(GPU_LABELS, label)}>"
        f"<noscript><p>{noscript}</p></noscript></div>\n"
    )


def bpe_visualizer_html(label: Callable[[str], str]) -> str:
    """The element bpe.js mounts into, with a note for readers without JavaScript."""
    noscript = label("bpe_noscript")
    return f'<div class="kb-bpe-visualizer" {labels_attribute(BPE_LABELS, label)}></div>\n<noscript><p>{noscript}</p></noscript>\n'
