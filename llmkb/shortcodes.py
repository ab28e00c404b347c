"""Markers ``<!-- kb:NAME key=value ... -->`` in Markdown, replaced by content generated from data.

One registry of renderers; an unknown marker, an unknown argument or an unknown id is an error
that names the page and the line, so a typo never leaves a silent gap on a page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from llmkb.bibliography import Bibliography
from llmkb.citations import bibliography_html
from llmkb.frontmatter import Page
from llmkb.gpu_presets import render_gpu_estimator
from llmkb.refdata import Benchmark, Model, ReferenceData, release_date
from llmkb.sections import section_cards

MARKER_RE = re.compile(r"<!--\s*kb:([a-z-]+)((?:\s+[a-z-]+=[^\s>]+)*)\s*-->")
ARG_RE = re.compile(r"([a-z-]+)=([^\s>]+)")


class ShortcodeError(ValueError):
    def __init__(self, message: str, fix: str, marker: str | None = None):
        self.message, self.fix, self.marker = message, fix, marker
        super().__init__(message)


@dataclass(frozen=True)
class Context:
    """What a renderer may use: the page being built and the site's data."""

    page_uri: str
    nav_siblings: list[str]
    pages: dict[str, Page]
    bibliography: Bibliography
    data: ReferenceData

    def link(self, target_uri: str) -> str:
        """A relative Markdown link target from the current page to another docs file."""
        path, _, anchor = target_uri.partition("#")
        relative = posixpath.relpath(path, posixpath.dirname(self.page_uri))
        return f"{relative}#{anchor}" if anchor else relative


def _ids(value: str, known: dict, what: str, data_file: str) -> list[str]:
    ids = value.split(",")
    unknown = [item for item in ids if item not in known]
    if unknown:
        raise ShortcodeError(f"unknown {what} id(s): {', '.join(unknown)}", f"use ids from data/{data_file}")
    return ids


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "未公开"
    text = f"{value:g}"
    return f"{text}{unit}"


def _cite(key: str) -> str:
    return f"[@{key}]"


# ---- models --------------------------------------------------------------------------------

# Architecture family -> (display name, what characterises it).
ARCHITECTURES = {
    "encoder-only": ("Encoder-only", "双向注意力，掩码语言模型预训练；擅长理解类任务，不能自回归生成"),
    "encoder-decoder": ("Encoder-Decoder", "编码器双向、解码器因果，交叉注意力相连；适合序列到序列任务"),
    "causal-decoder": ("Causal Decoder", "只看左侧的因果注意力，预测下一个 token；今天的主流"),
    "prefix-decoder": ("Prefix Decoder", "前缀内双向、之后因果，编码与生成共享参数"),
}


def _params(model: Model) -> str:
    if model.params_b is None:
        return "未公开"
    total = f"{model.params_b:g}B"
    if model.moe:
        return f"{total}（激活 {model.active_params_b:g}B）" if model.active_params_b else f"{total}（激活量未公开）"
    return total


MODEL_COLUMNS: dict[str, tuple[str, Callable[[Model], str]]] = {
    "name": ("模型", lambda m: m.name),
    "org": ("机构", lambda m: m.org),
    "released": ("发布", lambda m: m.released),
    "year": ("年份", lambda m: m.released[:4]),
    "params": ("参数量", _params),
    "architecture": ("结构", lambda m: ARCHITECTURES[m.architecture][0] + (" + MoE" if m.moe else "")),
    "experts": ("专家配置", lambda m: m.experts or "—"),
    "context": ("上下文", lambda m: f"{m.context:,}" if m.context else "—"),
    "open": ("开放权重", lambda m: "是" if m.open_weights else "否"),
    "layers": ("层数", lambda m: str(m.layers or "—")),
    "d_model": ("维度 $d$", lambda m: str(m.d_model or "—")),
    "heads": ("注意力头", lambda m: str(m.heads or "—")),
    "head_dim": ("每头维度", lambda m: str(m.d_model // m.heads) if m.d_model and m.heads else "—"),
    "kv_heads": ("KV 头", lambda m: str(m.kv_heads or "—")),
    "ffn_dim": ("前馈维度", lambda m: str(m.ffn_dim or "—")),
    "vocab": ("词表", lambda m: f"{m.vocab:,}" if m.vocab else "—"),
    "tokens": ("训练 token", lambda m: f"{m.training_tokens_t:g}T" if m.training_tokens_t else "—"),
    "lr": ("峰值学习率", lambda m: f"{m.peak_lr:.1e}".replace("e-0", "e-") if m.peak_lr else "—"),
    "batch": ("批大小", lambda m: f"{m.batch_tokens_m:g}M token" if m.batch_tokens_m else "—"),
    "source": ("出处", lambda m: _cite(m.paper)),
}


def _table(headers: list[str], rows: list[list[str]]) -> str:
    def clean(cell: str) -> str:
        return cell.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(clean(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _columns(value: str | None, registry: dict, default: str) -> list[str]:
    names = (value or default).split(",")
    unknown = [name for name in names if name not in registry]
    if unknown:
        raise ShortcodeError(f"unknown column(s): {', '.join(unknown)}", f"use columns from: {', '.join(registry)}")
    return names


def _select(entries: dict, ids: str | None, field: str, value: str | None, what: str, data_file: str) -> list | None:
    """Entries named by ``ids``, or those whose ``field`` equals ``value``; None when neither is given."""
    if ids:
        return [entries[i] for i in _ids(ids, entries, what, data_file)]
    if value:
        selected = [entry for entry in entries.values() if getattr(entry, field) == value]
        if not selected:
            raise ShortcodeError(f"no {what} has {field} '{value}'", f"use a {field} that appears in data/{data_file}")
        return selected
    return None


def render_model_table(
    ctx: Context, ids: str | None = None, family: str | None = None, moe: str | None = None, columns: str | None = None
) -> str:
    models = ctx.data.models
    selected = _select(models, ids, "family", family, "model", "models.yaml")
    if selected is None:
        selected = sorted(models.values(), key=lambda m: (release_date(m.released), m.name))
    if moe is not None:
        if moe not in ("true", "false"):
            raise ShortcodeError(f"moe={moe}", "write moe=true or moe=false")
        selected = [m for m in selected if m.moe == (moe == "true")]
    names = _columns(columns, MODEL_COLUMNS, "name,org,released,params,architecture,context,open,source")
    rows = [[MODEL_COLUMNS[name][1](model) for name in names] for model in selected]
    return _table([MODEL_COLUMNS[name][0] for name in names], rows)


def render_architecture_families(ctx: Context) -> str:
    """One row per architecture family with its models from the data, oldest first."""
    rows = []
    for family, (name, note) in ARCHITECTURES.items():
        members = sorted((m for m in ctx.data.models.values() if m.architecture == family), key=lambda m: release_date(m.released))
        examples = "、".join(m.name for m in members) or "—"
        moe = sum(m.moe for m in members)
        rows.append([name, note, examples, f"{len(members)}（其中 MoE {moe}）" if moe else str(len(members))])
    return _table(["架构", "特点", "本站收录的模型", "数量"], rows)


# ---- benchmarks ----------------------------------------------------------------------------

LANGUAGE_NAMES = {"zh": "中文", "en": "英文", "multi": "多语言", "code": "代码"}

BENCHMARK_COLUMNS: dict[str, tuple[str, Callable[[Benchmark], str]]] = {
    "name": ("基准", lambda b: b.name),
    "full_name": ("全称", lambda b: b.full_name),
    "description": ("测什么", lambda b: b.description),
    "language": ("语言", lambda b: " / ".join(LANGUAGE_NAMES[code] for code in b.language)),
    "domain": ("领域", lambda b: b.domain),
    "size": ("规模与形式", lambda b: f"{b.size}；{b.format}"),
    "metric": ("主要指标", lambda b: b.metric),
    "year": ("年份", lambda b: str(b.year)),
    "leaderboard": ("排行榜", lambda b: f"[官方榜单]({b.leaderboard})" if b.leaderboard else "—"),
    "source": ("出处", lambda b: _cite(b.paper)),
}


def render_benchmark_table(ctx: Context, ids: str | None = None, domain: str | None = None, columns: str | None = None) -> str:
    benchmarks = ctx.data.benchmarks
    selected = _select(benchmarks, ids, "domain", domain, "benchmark", "benchmarks.yaml")
    if selected is None:
        selected = list(benchmarks.values())
    names = _columns(columns, BENCHMARK_COLUMNS, "name,description,language,size,metric,source")
    rows = [[BENCHMARK_COLUMNS[name][1](bench) for name in names] for bench in selected]
    return _table([BENCHMARK_COLUMNS[name][0] for name in names], rows)


def render_benchmark_catalogue(ctx: Context) -> str:
    """Every benchmark, grouped by domain, each with an anchor equal to its id."""
    groups: dict[str, list[Benchmark]] = {}
    for bench in ctx.data.benchmarks.values():
        groups.setdefault(bench.domain, []).append(bench)
    parts = []
    for domain, benches in groups.items():
        parts.append(f"## {domain}\n")
        for bench in sorted(benches, key=lambda b: b.name.lower()):
            languages = " / ".join(LANGUAGE_NAMES[code] for code in bench.language)
            board = f"；[官方榜单]({bench.leaderboard})" if bench.leaderboard else ""
            parts.append(
                f"### {bench.name} {{#{bench.id}}}\n\n"
                f"**{bench.full_name}**（{bench.year}，{languages}）{_cite(bench.paper)}\n\n"
                f"{bench.description}\n\n"
                f"- 规模：{bench.size}\n- 形式：{bench.format}\n- 指标：{bench.metric}{board}\n"
            )
    return "\n".join(parts)


# ---- glossary ------------------------------------------------------------------------------

def render_glossary(ctx: Context) -> str:
    """Every term, grouped; each with an anchor equal to its id and a link to the page explaining it."""
    groups: dict[str, list] = {}
    for term in ctx.data.glossary.values():
        groups.setdefault(term.group, []).append(term)
    parts = []
    for group, terms in groups.items():
        parts.append(f"## {group}\n\n<dl class=\"kb-glossary\" markdown=\"1\">\n")
        for term in sorted(terms, key=lambda t: (t.abbr or t.en).lower()):
            page_path = term.page.split("#", 1)[0]
            title = ctx.pages[page_path].meta.title if page_path in ctx.pages else page_path
            names = html.escape(term.en) + (f"，{html.escape(term.abbr)}" if term.abbr else "")
            aliases = f"<br><span class=\"kb-aliases\">又称：{html.escape('、'.join(term.aliases))}</span>" if term.aliases else ""
            parts.append(
                f'<dt id="{term.id}"><strong>{html.escape(term.zh)}</strong>（{names}）</dt>\n'
                f'<dd markdown="1">{term.definition}详见 [{title}]({ctx.link(term.page)})。{aliases}</dd>\n'
            )
        parts.append("</dl>\n")
    return "\n".join(parts)


# ---- data mix and timeline -----------------------------------------------------------------

def render_datamix(ctx: Context, ids: str | None = None) -> str:
    mixes = ctx.data.datamix
    selected = [mixes[i] for i in _ids(ids, mixes, "datamix", "datamix.yaml")] if ids else list(mixes.values())
    rows = []
    for mix in selected:
        model = ctx.data.models[mix.model]
        for component in mix.components:
            rows.append(
                [model.name, component.name, f"{component.share:g}%", component.size or "—",
                 f"{component.epochs:g}" if component.epochs else "—", _cite(mix.source)]
            )
    return _table(["模型", "数据来源", "训练占比", "规模", "轮数", "出处"], rows)


def render_timeline(ctx: Context, since: str | None = None, until: str | None = None) -> str:
    events = sorted(ctx.data.milestones.values(), key=lambda m: release_date(m.date))
    if since:
        events = [m for m in events if m.date >= since]
    if until:
        events = [m for m in events if m.date <= until]
    rows = [[m.date, m.title, m.description + _cite(m.source)] for m in events]
    return _table(["时间", "事件", "要点"], rows)


# ---- charts, pages, bibliography -----------------------------------------------------------

CHART_ALTS = {
    "params-over-time": "代表性大模型参数量随时间变化的散点图（对数纵轴），MoE 模型同时标出激活参数",
    "datamix": "几款模型预训练数据来源占比的堆叠条形图",
}


def render_chart(ctx: Context, name: str) -> str:
    if name not in CHART_ALTS:
        raise ShortcodeError(f"unknown chart '{name}'", f"use one of: {', '.join(CHART_ALTS)}")
    target = ctx.link(f"assets/charts/{name}.svg")
    # Linked to itself so a phone reader can open the chart full-size and zoom.
    return f"[![{CHART_ALTS[name]}]({target})]({target} \"打开大图\")\n"


def render_section_pages(ctx: Context) -> str:
    return section_cards(ctx.pages, [uri for uri in ctx.nav_siblings if uri != ctx.page_uri], ctx.page_uri)


def render_bibliography(ctx: Context) -> str:
    return bibliography_html(ctx.bibliography, ctx.pages, ctx.page_uri)


# ---- interactive widgets -------------------------------------------------------------------

def render_bpe_visualizer(ctx: Context) -> str:
    """Mount point of the BPE visualizer (docs/assets/javascripts/bpe.js), with a note without JavaScript."""
    return (
        '<div class="kb-bpe-visualizer"></div>\n'
        "<noscript><p>交互演示需要浏览器启用 JavaScript；"
        "不启用时，可以在本地运行上面的 Python 代码得到同样的结果。</p></noscript>\n"
    )


RENDERERS: dict[str, Callable[..., str]] = {
    "section-pages": render_section_pages,
    "bibliography": render_bibliography,
    "glossary": render_glossary,
    "benchmarks": render_benchmark_catalogue,
    "benchmark-table": render_benchmark_table,
    "model-table": render_model_table,
    "architecture-families": render_architecture_families,
    "datamix": render_datamix,
    "timeline": render_timeline,
    "chart": render_chart,
    "bpe-visualizer": render_bpe_visualizer,
    "gpu-estimator": render_gpu_estimator,
}


def expand(markdown: str, ctx: Context) -> str:
    """Replace every marker; raise ShortcodeError naming the line for anything unknown."""

    def replace(match: re.Match[str]) -> str:
        name, raw_args, marker = match.group(1), match.group(2), match.group(0)
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise ShortcodeError(f"unknown marker kb:{name}", f"use one of: {', '.join(RENDERERS)}", marker)
        args = {key.replace("-", "_"): value for key, value in ARG_RE.findall(raw_args)}
        try:
            return renderer(ctx, **args)
        except TypeError:
            accepted = [p for p in renderer.__code__.co_varnames[1 : renderer.__code__.co_argcount]]
            raise ShortcodeError(
                f"kb:{name} got arguments it does not take: {', '.join(args) or '(none)'}",
                f"kb:{name} takes: {', '.join(accepted) or 'no arguments'}",
                marker,
            ) from None
        except ShortcodeError as exc:
            raise ShortcodeError(f"kb:{name}: {exc.message}", exc.fix, marker) from None

    return MARKER_RE.sub(replace, markdown)
