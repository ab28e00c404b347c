"""Charts drawn from the reference data with matplotlib, as SVG with text kept as text.

Text stays text (``svg.fonttype: none``) so the browser renders Chinese with the reader's own
fonts, stays selectable and searchable, and the files stay small. Output is deterministic: the
same data gives byte-identical SVG.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
from adjustText import adjust_text  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from llmkb.model.editions import DEFAULT, label  # noqa: E402
from llmkb.model.refdata import ReferenceData, release_date  # noqa: E402

CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei"]
COLORS = ["#3f51b5", "#e67e22", "#2e9d5b", "#c0392b", "#8e44ad", "#16a085", "#7f8c8d", "#d4a017", "#2c3e50", "#e84393"]


def chart_style() -> dict:
    """Matplotlib settings shared by the charts (and the EPUB cover): CJK fonts, text kept as text."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    # The first installed CJK font is used to measure text; the SVG names the whole list so the
    # reader's browser picks whatever it has.
    families = [name for name in CJK_FONTS if name in installed] + ["DejaVu Sans"]
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "llm-notes-zh",
        "font.family": "sans-serif",
        "font.sans-serif": families + [name for name in CJK_FONTS if name not in families],
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
    }


def _to_svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def params_over_time(data: ReferenceData, language: str = DEFAULT) -> str:
    """Parameter counts of the models with a published size, over release date, log scale."""
    with plt.rc_context(chart_style()):
        fig, ax = plt.subplots(figsize=(8, 4.8))
        models = sorted((m for m in data.models.values() if m.params_b), key=lambda m: release_date(m.released))
        dense = [m for m in models if not m.moe]
        moe = [m for m in models if m.moe]
        ax.scatter([release_date(m.released) for m in dense], [m.params_b for m in dense], color=COLORS[0], label=label("chart_dense", language), zorder=3)
        ax.scatter([release_date(m.released) for m in moe], [m.params_b for m in moe], color=COLORS[1], marker="D", label=label("chart_moe_total", language), zorder=3)
        active = [m for m in moe if m.active_params_b]
        for m in active:
            ax.vlines(release_date(m.released), m.active_params_b, m.params_b, color=COLORS[1], alpha=0.5, linestyles="dotted")
        ax.scatter([release_date(m.released) for m in active], [m.active_params_b for m in active], facecolors="white",
                   edgecolors=COLORS[1], marker="D", label=label("chart_moe_active", language), zorder=3)
        ax.set_yscale("log")
        # Label only the largest dense and the largest MoE model of each year, so labels stay legible;
        # adjustText moves them apart and off the markers (a fixed number of steps, not a time limit, so the
        # same data gives the same chart).
        largest: dict[tuple[int, bool], object] = {}
        for m in models:
            key = (release_date(m.released).year, m.moe)
            if key not in largest or m.params_b > largest[key].params_b:
                largest[key] = m
        labelled = sorted(largest.values(), key=lambda m: release_date(m.released))
        texts = [ax.text(release_date(m.released), m.params_b, m.t("name", language), fontsize=8.5) for m in labelled]
        points_x = [mdates.date2num(release_date(m.released)) for m in models] + [mdates.date2num(release_date(m.released)) for m in active]
        points_y = [m.params_b for m in models] + [m.active_params_b for m in active]
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
        ax.set_ylabel(label("chart_params_axis", language))
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(True, which="major", axis="y", alpha=0.3)
        legend = ax.legend(loc="lower right", frameon=False)
        ax.set_title(label("chart_params_title", language), fontsize=11)
        adjust_text(texts, x=points_x, y=points_y, objects=[legend], ax=ax, expand=(1.2, 1.6), iter_lim=300,
                    arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6})
        return _to_svg(fig)


def datamix(data: ReferenceData, language: str = DEFAULT) -> str:
    """One stacked horizontal bar per published pre-training data mix."""
    with plt.rc_context(chart_style()):
        mixes = list(data.datamix.values())
        fig, ax = plt.subplots(figsize=(8, 0.9 * len(mixes) + 1.6))
        ax.set_xlim(0, 100)
        renderer = fig.canvas.get_renderer()
        for row, mix in enumerate(mixes):
            left = 0.0
            for index, component in enumerate(mix.components):
                color = COLORS[index % len(COLORS)]
                bar = ax.barh(row, component.share, left=left, color=color, edgecolor="white")[0]
                if component.share >= 8:
                    text = ax.text(left + component.share / 2, row, f"{component.t('name', language)}\n{component.share:g}%",
                                   ha="center", va="center", fontsize=8.5, color="white")
                    # A label wider than its segment would run into the next one: the table below the chart has it.
                    if text.get_window_extent(renderer).width > bar.get_window_extent(renderer).width - 4:
                        text.remove()
                left += component.share
        ax.set_yticks(range(len(mixes)), [data.models[mix.model].t("name", language) for mix in mixes])
        ax.invert_yaxis()
        ax.set_xlabel(label("chart_share_axis", language))
        ax.set_title(label("chart_datamix_title", language), fontsize=11)
        return _to_svg(fig)


CHARTS: dict[str, Callable[[ReferenceData, str], str]] = {"params-over-time": params_over_time, "datamix": datamix}

