"""Charts drawn from the reference data with matplotlib, as SVG with text kept as text.

Text stays text (``svg.fonttype: none``) so the browser renders Chinese with the reader's own
fonts, stays selectable and searchable, and the files stay small. Output is deterministic: the
same data gives byte-identical SVG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from llmkb.model.editions import DEFAULT, label  # noqa: E402
from llmkb.model.refdata import ReferenceData, release_date  # noqa: E402

CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei"]
# White labels sit on these in the data-mix chart: each keeps 3:1 against white (tests/test_reader_pages.py).
COLORS = ["#3f51b5", "#d35400", "#2e9d5b", "#c0392b", "#8e44ad", "#16a085", "#7f8c8d", "#9a7d0a", "#2c3e50", "#e84393"]


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


# Where a label may sit around its point: rings of directions (every 22.5°, starting to the right), nearest
# ring first, each spot as (offset in points, alignment that keeps the text on the far side of the offset).
LABEL_RINGS = (7, 16, 26, 38, 52)  # radii in points; beyond the first a leader line joins label and point
LABEL_DIRECTIONS = 16


def _label_spots() -> list[tuple[float, float, str, str, bool]]:
    spots = []
    for ring, radius in enumerate(LABEL_RINGS):
        for step in range(LABEL_DIRECTIONS):
            angle = 2 * math.pi * step / LABEL_DIRECTIONS
            dx, dy = math.cos(angle), math.sin(angle)
            ha = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
            va = "bottom" if dy > 0.3 else "top" if dy < -0.3 else "center"
            spots.append((round(radius * dx, 2), round(radius * dy, 2), ha, va, ring > 0))
    return spots


COLUMN_YEARS = 4  # the labels of the last four years of releases stand in a column right of the plot
COLUMN_GAP = 0.065  # least distance between two labels of the column, as a fraction of the plot's height
COLUMN_TOP = 0.95  # the highest a label of the column stands (clear of the title)


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
        ax.set_ylim(bottom=0.05)  # room below the earliest models for their labels
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _pos: f"{value:g}"))
        ax.set_ylabel(label("chart_params_axis", language))
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(True, which="major", axis="y", alpha=0.3)
        legend = ax.legend(loc="lower right", frameon=False)
        ax.set_title(label("chart_params_title", language), fontsize=11)
        # Label only the largest dense and the largest MoE model of each year, so labels stay legible.
        largest: dict[tuple[int, bool], object] = {}
        for m in models:
            key = (release_date(m.released).year, m.moe)
            if key not in largest or m.params_b > largest[key].params_b:
                largest[key] = m
        labelled = sorted(largest.values(), key=lambda m: release_date(m.released))
        last_year = release_date(models[-1].released).year
        recent = [m for m in labelled if release_date(m.released).year > last_year - COLUMN_YEARS]
        fig.canvas.draw()  # positions in pixels are known from here on
        points = [(release_date(m.released), m.params_b) for m in models] + [(release_date(m.released), m.active_params_b) for m in active]
        taken = [_marker_box(ax, x, y) for x, y in points] + [legend.get_window_extent()]
        taken += [_line_box(ax, release_date(m.released), m.active_params_b, m.params_b) for m in active]
        for m in labelled:
            if m not in recent:
                taken.append(_label_beside(ax, m.t("name", language), (release_date(m.released), m.params_b), taken))
        _label_column(ax, [(m.t("name", language), (release_date(m.released), m.params_b)) for m in recent])
        return _to_svg(fig)


def _marker_box(ax, x, y, size_pt: float = 6.0):
    """The pixels a marker covers (scatter's default size is 36 pt², a marker 6 pt across), with a margin."""
    px, py = ax.transData.transform((mdates.date2num(x), y))
    half = size_pt * ax.figure.dpi / 72 / 2 + 1
    return Bbox.from_extents(px - half, py - half, px + half, py + half)


def _line_box(ax, x, low: float, high: float):
    """The pixels of a dotted line from a model's active to its total parameters, with a margin."""
    x0, y0 = ax.transData.transform((mdates.date2num(x), low))
    _, y1 = ax.transData.transform((mdates.date2num(x), high))
    return Bbox.from_extents(x0 - 2, y0, x0 + 2, y1)


def _label_beside(ax, text: str, point, taken: list):
    """The first spot around the point (_label_spots: nearest first, farther ones with a leader line)
    where the label covers no marker, no line, no other label and not the legend, inside the plot; if
    there is none, the spot inside the plot that covers the fewest. Returns the label's box. A fixed
    order of tries, so the same data gives the same chart."""
    frame = ax.get_window_extent()
    best = None  # (number covered, annotation, box)
    for dx, dy, ha, va, far in _label_spots():
        leader = {"arrowprops": {"arrowstyle": "-", "color": "#888888", "lw": 0.6, "shrinkA": 0, "shrinkB": 3}} if far else {}
        annotation = ax.annotate(text, (mdates.date2num(point[0]), point[1]), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, fontsize=8.5, **leader)
        box = annotation.get_window_extent().padded(3)  # browsers draw the text a little wider than matplotlib measures
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        covered = sum(box.overlaps(other) for other in taken) if inside else len(taken) + 1
        if best is None or covered < best[0]:
            if best is not None:
                best[1].remove()
            best = (covered, annotation, box)
            if covered == 0:
                break
        else:
            annotation.remove()
    return best[2]


def _label_column(ax, labels: list[tuple[str, tuple]]) -> None:
    """Labels in a column right of the plot, each at its point's height where it can, pushed apart to
    COLUMN_GAP and joined to its point by a leader line: where releases crowd, no label covers a marker."""
    to_axes = ax.transAxes.inverted()
    heights = [to_axes.transform(ax.transData.transform((mdates.date2num(x), y)))[1] for _, (x, y) in labels]
    placed: dict[int, float] = {}
    floor = -1.0
    for index in sorted(range(len(labels)), key=lambda i: heights[i]):
        placed[index] = floor = max(heights[index], floor + COLUMN_GAP)
    overflow = max(0.0, floor - COLUMN_TOP)
    for index, (text, (x, y)) in enumerate(labels):
        ax.annotate(text, (mdates.date2num(x), y), xytext=(1.03, placed[index] - overflow), textcoords="axes fraction",
                    va="center", fontsize=8.5, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6, "shrinkA": 0, "shrinkB": 4})


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
