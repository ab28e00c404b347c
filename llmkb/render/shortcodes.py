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

from llmkb.errors import ContentError, excerpt
from llmkb.model.bibliography import Bibliography
from llmkb.model.changes import site_changes
from llmkb.model.editions import DEFAULT, ENGLISH, label, normalized_uri, translation_uri
from llmkb.model.frontmatter import Page
from llmkb.model.questions import QuestionBank
from llmkb.model.refdata import Benchmark, Model, ReferenceData, checked_month, release_date
from llmkb.paths import ARCHIVE_FILE, book_file
from llmkb.render.chartfiles import CHART_NAMES, chart_path
from llmkb.render.questions import question_bank_html
from llmkb.render.citations import bibliography_html
from llmkb.render.sections import section_cards
from llmkb.render.widgets import bpe_visualizer_html, gpu_estimator_html

MARKER_RE = re.compile(r"<!--\s*kb:([a-z-]+)((?:\s+[a-z-]+=[^\s>]+)*)\s*-->")
ARG_RE = re.compile(r"([a-z-]+)=([^\s>]+)")
# Any comment that starts like a marker: one that is not exactly a marker would stay an HTML
# comment and silently drop its table, so it is an error.
MARKER_LIKE_RE = re.compile(r"<!--\s*kb\s*:(?:.*?-->|.*\Z)", re.S | re.I)
MARKER_FORM = "<!-- kb:NAME key=value key=a,b -->"


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
    language: str = DEFAULT  # the language the page is written in; generated text follows it
    edition: str = DEFAULT  # the edition being built (zh, zh-Hant, en)
    questions: QuestionBank = QuestionBank({}, {})  # data/questions/ (empty in test sites of a few pages)

    def label(self, key: str, **values) -> str:
        return label(key, self.language, **values)

    def link(self, target_uri: str) -> str:
        """A relative Markdown link target from the current page to another docs file."""
        path, _, anchor = target_uri.partition("#")
        relative = posixpath.relpath(path, posixpath.dirname(normalized_uri(self.page_uri)))
        return f"{relative}#{anchor}" if anchor else relative


# Every argument value is parsed by its type, so a bad value is an error and not a text comparison.
_LIST_RE = re.compile(r"[A-Za-z0-9_.-]+(?:,[A-Za-z0-9_.-]+)*")


def _month(value: str) -> str:
    try:
        return checked_month(value)
    except ValueError:
        raise ShortcodeError(f"'{value}' is not a real YYYY-MM or YYYY-MM-DD date", "write a real month or day, e.g. since=2023-01") from None


def _boolean(value: str) -> bool:
    if value not in ("true", "false"):
        raise ShortcodeError(f"'{value}' is not true or false", "write true or false")
    return value == "true"


def _list(value: str) -> str:
    if not _LIST_RE.fullmatch(value):
        raise ShortcodeError(f"'{value}' is not a comma-separated list", "separate items with commas and no spaces, e.g. ids=a,b")
    return value


ARGUMENT_TYPES: dict[str, Callable[[str], object]] = {
    "ids": _list, "columns": _list, "since": _month, "until": _month, "moe": _boolean,
}


def _ids(value: str, known: dict, what: str, data_file: str) -> list[str]:
    ids = value.split(",")
    unknown = [item for item in ids if item not in known]
    if unknown:
        raise ShortcodeError(f"unknown {what} id(s): {', '.join(unknown)}", f"use ids from data/{data_file}")
    return ids


def _cite(key: str) -> str:
    return f"[@{key}]"


# ---- models --------------------------------------------------------------------------------

# Architecture family -> display name; what characterises each is the label arch_<family>.
ARCHITECTURES = {
    "encoder-only": "Encoder-only",
    "encoder-decoder": "Encoder-Decoder",
    "causal-decoder": "Causal Decoder",
    "prefix-decoder": "Prefix Decoder",
}


def _params(ctx: Context, model: Model) -> str:
    if model.params_b is None:
        return ctx.label("undisclosed")
    total = f"{model.params_b:g}B"
    if model.moe:
        if model.active_params_b:
            return ctx.label("active_params", total=total, active=f"{model.active_params_b:g}")
        return ctx.label("active_undisclosed", total=total)
    return total


def _openness(ctx: Context, model: Model) -> str:
    """Yes/no, with the licence of the weights below it when the data names it (a narrow column)."""
    if not model.open_weights:
        return ctx.label("answer_no")
    if not model.license:
        return ctx.label("answer_yes")
    return f'{ctx.label("answer_yes")}<br><span class="kb-license">{html.escape(model.license)}</span>'



# Column name -> renderer; the header is the label col_<name>.
MODEL_COLUMNS: dict[str, Callable[[Context, Model], str]] = {
    "name": lambda c, m: m.t("name", c.language),
    "org": lambda c, m: m.t("org", c.language),
    "released": lambda c, m: m.released,
    "year": lambda c, m: m.released[:4],
    "params": _params,
    "architecture": lambda c, m: ARCHITECTURES[m.architecture] + (" + MoE" if m.moe else ""),
    "experts": lambda c, m: m.t("experts", c.language) or "—",
    "context": lambda c, m: f"{m.context:,}" if m.context else "—",
    "open": lambda c, m: _openness(c, m),
    "layers": lambda c, m: str(m.layers or "—"),
    "d_model": lambda c, m: str(m.d_model or "—"),
    "heads": lambda c, m: str(m.heads or "—"),
    "head_dim": lambda c, m: str(m.d_model // m.heads) if m.d_model and m.heads else "—",
    "kv_heads": lambda c, m: str(m.kv_heads or "—"),
    "ffn_dim": lambda c, m: str(m.ffn_dim or "—"),
    "vocab": lambda c, m: f"{m.vocab:,}" if m.vocab else "—",
    "tokens": lambda c, m: f"{m.training_tokens_t:g}T" if m.training_tokens_t else "—",
    "lr": lambda c, m: f"{m.peak_lr:.1e}".replace("e-0", "e-") if m.peak_lr else "—",
    "batch": lambda c, m: c.label("batch_tokens", n=f"{m.batch_tokens_m:g}") if m.batch_tokens_m else "—",
    "source": lambda c, m: _cite(m.paper),
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
    ctx: Context, ids: str | None = None, family: str | None = None, moe: bool | None = None, columns: str | None = None
) -> str:
    models = ctx.data.models
    selected = _select(models, ids, "family", family, "model", "models.yaml")
    if selected is None:
        selected = sorted(models.values(), key=lambda m: (release_date(m.released), m.name))
    if moe is not None:
        selected = [m for m in selected if m.moe == moe]
    names = _columns(columns, MODEL_COLUMNS, "name,org,released,params,architecture,context,open,source")
    rows = [[MODEL_COLUMNS[name](ctx, model) for name in names] for model in selected]
    return _table([ctx.label(f"col_{name}") for name in names], rows)


def render_architecture_families(ctx: Context) -> str:
    """One row per architecture family with its models from the data, oldest first."""
    rows = []
    for family, name in ARCHITECTURES.items():
        members = sorted((m for m in ctx.data.models.values() if m.architecture == family), key=lambda m: release_date(m.released))
        examples = ctx.label("list_separator").join(m.t("name", ctx.language) for m in members) or "—"
        moe = sum(m.moe for m in members)
        count = ctx.label("count_with_moe", n=len(members), moe=moe) if moe else str(len(members))
        rows.append([name, ctx.label("arch_" + family.replace("-", "_")), examples, count])
    return _table([ctx.label(key) for key in ("col_family", "col_traits", "col_members", "col_count")], rows)


# ---- benchmarks ----------------------------------------------------------------------------

def _languages(ctx: Context, bench: Benchmark) -> str:
    return " / ".join(ctx.label(f"lang_{code}") for code in bench.language)


def _size_and_format(ctx: Context, bench: Benchmark) -> str:
    separator = "; " if ctx.language == ENGLISH else "；"
    return f"{bench.t('size', ctx.language)}{separator}{bench.t('format', ctx.language)}"


# Column name -> (header label, renderer).
BENCHMARK_COLUMNS: dict[str, tuple[str, Callable[[Context, Benchmark], str]]] = {
    "name": ("col_benchmark", lambda c, b: b.name),
    "full_name": ("col_full_name", lambda c, b: b.t("full_name", c.language)),
    "description": ("col_description", lambda c, b: b.t("description", c.language)),
    "language": ("col_language", _languages),
    "domain": ("col_domain", lambda c, b: b.t("domain", c.language)),
    "size": ("col_size_format", _size_and_format),
    "metric": ("col_metric", lambda c, b: b.t("metric", c.language)),
    "year": ("col_year", lambda c, b: str(b.year)),
    "leaderboard": ("col_leaderboard", lambda c, b: f"[{c.label('official_leaderboard')}]({b.leaderboard})" if b.leaderboard else "—"),
    "source": ("col_source", lambda c, b: _cite(b.paper)),
}


def render_benchmark_table(ctx: Context, ids: str | None = None, domain: str | None = None, columns: str | None = None) -> str:
    benchmarks = ctx.data.benchmarks
    selected = _select(benchmarks, ids, "domain", domain, "benchmark", "benchmarks.yaml")
    if selected is None:
        selected = list(benchmarks.values())
    names = _columns(columns, BENCHMARK_COLUMNS, "name,description,language,size,metric,source")
    rows = [[BENCHMARK_COLUMNS[name][1](ctx, bench) for name in names] for bench in selected]
    return _table([ctx.label(BENCHMARK_COLUMNS[name][0]) for name in names], rows)


def render_benchmark_catalogue(ctx: Context) -> str:
    """Every benchmark, grouped by domain, each with an anchor equal to its id."""
    groups: dict[str, list[Benchmark]] = {}
    for bench in ctx.data.benchmarks.values():
        groups.setdefault(bench.t("domain", ctx.language), []).append(bench)
    english = ctx.language == ENGLISH
    colon, separator = (": ", "; ") if english else ("：", "；")
    parts = []
    for domain, benches in groups.items():
        parts.append(f"## {domain}\n")
        for bench in sorted(benches, key=lambda b: b.name.lower()):
            board = f"{separator}[{ctx.label('official_leaderboard')}]({bench.leaderboard})" if bench.leaderboard else ""
            facts = f" ({bench.year}, {_languages(ctx, bench)})" if english else f"（{bench.year}，{_languages(ctx, bench)}）"
            parts.append(
                f"### {bench.name} {{#{bench.id}}}\n\n"
                f"**{bench.t('full_name', ctx.language)}**{facts}{_cite(bench.paper)}\n\n"
                f"{bench.t('description', ctx.language)}\n\n"
                f"- {ctx.label('item_size')}{colon}{bench.t('size', ctx.language)}\n"
                f"- {ctx.label('item_format')}{colon}{bench.t('format', ctx.language)}\n"
                f"- {ctx.label('item_metric')}{colon}{bench.t('metric', ctx.language)}{board}\n"
            )
    return "\n".join(parts)


# ---- glossary ------------------------------------------------------------------------------

def render_glossary(ctx: Context) -> str:
    """Every term, grouped; each with an anchor equal to its id and a link to the page explaining it."""
    groups: dict[str, list] = {}
    for term in ctx.data.glossary.values():
        groups.setdefault(term.group, []).append(term)
    english = ctx.language == ENGLISH
    parts = []
    for group, terms in groups.items():
        parts.append(f"## {ctx.label('group:' + group)}\n\n<dl class=\"kb-glossary\" markdown=\"1\">\n")
        for term in sorted(terms, key=lambda t: (t.abbr or t.en).lower()):
            page_path = term.page.split("#", 1)[0]
            page = ctx.pages.get(translation_uri(page_path, ctx.language)) or ctx.pages.get(page_path)
            title = page.meta.title if page else page_path
            see = ctx.label("see_page", title=title, link=ctx.link(term.page))
            definition = term.t("definition", ctx.language)
            if english:
                # English readers get the English name first and the Chinese name as the gloss.
                names = html.escape(term.en) + (f" ({html.escape(term.abbr)})" if term.abbr else "")
                heading = f"<strong>{names}</strong> · <span lang=\"zh-Hans\">{html.escape(term.zh)}</span>"
                aliases = ""
            else:
                names = html.escape(term.en) + (f"，{html.escape(term.abbr)}" if term.abbr else "")
                heading = f"<strong>{html.escape(term.zh)}</strong>（{names}）"
                aliases = f"<br><span class=\"kb-aliases\">{ctx.label('also_called')}{html.escape(ctx.label('list_separator').join(term.aliases))}</span>" if term.aliases else ""
            parts.append(f'<dt id="{term.id}">{heading}</dt>\n<dd markdown="1">{definition}{" " if english else ""}{see}{aliases}</dd>\n')
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
                [model.t("name", ctx.language), component.t("name", ctx.language), f"{component.share:g}%",
                 component.t("size", ctx.language) or "—", f"{component.epochs:g}" if component.epochs else "—", _cite(mix.source)]
            )
    headers = ("col_model", "col_data_source", "col_share", "col_size", "col_epochs", "col_source")
    return _table([ctx.label(key) for key in headers], rows)


def render_timeline(ctx: Context, since: str | None = None, until: str | None = None) -> str:
    events = sorted(ctx.data.milestones.values(), key=lambda m: release_date(m.date))
    # Compared as dates: a month bound covers the whole month (until=2024-12 keeps 2024-12-31).
    if since:
        events = [m for m in events if release_date(m.date) >= release_date(since)]
    if until:
        events = [m for m in events if release_date(m.date[: len(until)]) <= release_date(until)]
    rows = [[m.date, m.t("title", ctx.language), m.t("description", ctx.language) + _cite(m.source)] for m in events]
    return _table([ctx.label(key) for key in ("col_date", "col_event", "col_key_points")], rows)


# ---- charts, pages, bibliography -----------------------------------------------------------

def render_chart(ctx: Context, name: str) -> str:
    if name not in CHART_NAMES:
        raise ShortcodeError(f"unknown chart '{name}'", f"use one of: {', '.join(CHART_NAMES)}")
    target = ctx.link(chart_path(name, ctx.language))
    alt = ctx.label("chart_" + name.replace("-", "_"))
    # Linked to itself so a phone reader can open the chart full-size and zoom.
    return f"[![{alt}]({target})]({target} \"{ctx.label('open_full_size')}\")\n"


def render_section_pages(ctx: Context) -> str:
    return section_cards(ctx.pages, [uri for uri in ctx.nav_siblings if uri != ctx.page_uri], ctx.page_uri, ctx.language)


def render_bibliography(ctx: Context) -> str:
    return bibliography_html(ctx.bibliography, ctx.pages, ctx.page_uri, ctx.language)


def render_downloads(ctx: Context) -> str:
    """The edition's PDF and EPUB (`llmkb pdf`, `llmkb epub`) and the offline site (`llmkb archive`), for the home page."""
    if posixpath.dirname(ctx.page_uri):
        raise ShortcodeError("kb:downloads links relative to the edition's root", "use it on the home page (index.md)")
    colon = ": " if ctx.language == ENGLISH else "："
    edition = ctx.label("downloads_edition", name=ctx.label(f"edition:{ctx.edition}"))
    site_root = "" if ctx.edition == DEFAULT else "../"  # the archive holds every edition and sits at the root
    return (
        f'- <a href="{book_file(ctx.edition, "pdf")}" download>{ctx.label("downloads_pdf")}{edition}</a>{colon}{ctx.label("downloads_pdf_note")}\n'
        f'- <a href="{book_file(ctx.edition, "epub")}" download>{ctx.label("downloads_epub")}{edition}</a>{colon}{ctx.label("downloads_epub_note")}\n'
        f'- <a href="{site_root}{ARCHIVE_FILE}" download>{ctx.label("downloads_site")}</a>{colon}{ctx.label("downloads_site_note")}\n'
    )


# ---- interactive widgets -------------------------------------------------------------------

def render_bpe_visualizer(ctx: Context) -> str:
    """Mount point of the BPE visualizer (docs/assets/javascripts/bpe.js) with its words, and a note without JavaScript."""
    return bpe_visualizer_html(ctx.label)


def render_gpu_estimator(ctx: Context) -> str:
    """Mount point of the GPU-memory estimator (docs/assets/javascripts/gpu-memory.js) with the model presets and its words."""
    return gpu_estimator_html(ctx.data, ctx.label)


def render_question_bank(ctx: Context) -> str:
    """Every self-test question with filters, a practice draw and progress (docs/assets/javascripts/question-bank.js)."""
    if not ctx.questions.questions:
        raise ShortcodeError("there are no self-test questions to list", "add questions in data/questions/ (see CONTRIBUTING.md)")
    return question_bank_html(ctx.questions, ctx.pages, ctx.link, ctx.language, ctx.label)


def render_recent_changes(ctx: Context, limit: str | None = None) -> str:
    """Every page's dated changes (front matter ``changes``), newest first: date, page, note.

    The Atom feed (llmkb/render/feed.py) is made of the same list, llmkb/model/changes.py.
    """
    changes = site_changes(ctx.pages, ENGLISH if ctx.language == ENGLISH else DEFAULT)
    if limit is not None:
        if not limit.isdigit() or int(limit) < 1:
            raise ShortcodeError(f"limit={limit}", "write limit= and a whole number, e.g. limit=20")
        changes = changes[: int(limit)]
    if not changes:
        raise ShortcodeError("no page lists any changes", "add a 'changes' entry to a page's front matter")
    separator = ": " if ctx.language == ENGLISH else "："
    lines = []
    for change in changes:
        day = change.date.isoformat()
        title = change.title.replace("[", "\\[").replace("]", "\\]")
        lines.append(f'- <time datetime="{day}">{day}</time> [{title}]({ctx.link(change.page_uri)}){separator}{change.note}')
    return '<div class="kb-changes" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


RENDERERS: dict[str, Callable[..., str]] = {
    "recent-changes": render_recent_changes,
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
    "downloads": render_downloads,
    "bpe-visualizer": render_bpe_visualizer,
    "gpu-estimator": render_gpu_estimator,
    "question-bank": render_question_bank,
}


def expand(markdown: str, ctx: Context) -> str:
    """Replace every marker; raise ShortcodeError naming the line for anything unknown."""

    def replace(match: re.Match[str]) -> str:
        name, raw_args, marker = match.group(1), match.group(2), match.group(0)
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise ShortcodeError(f"unknown marker kb:{name}", f"use one of: {', '.join(RENDERERS)}", marker)
        try:
            args = {key.replace("-", "_"): ARGUMENT_TYPES.get(key, str)(value) for key, value in ARG_RE.findall(raw_args)}
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


def marker_errors(markdown: str, ctx: Context, path, first_line: int = 1) -> list[ContentError]:
    """Every problem with the page's markers, each with its line: comments that look like a marker but
    are not one (they would silently stay a comment), unknown names, arguments, values and ids.

    The same expansion as the build, one marker at a time, so one run reports them all.
    """
    errors: list[ContentError] = []
    for match in MARKER_LIKE_RE.finditer(markdown):
        comment = match.group(0)
        line = first_line + markdown.count("\n", 0, match.start())
        if not MARKER_RE.fullmatch(comment):
            errors.append(
                ContentError(
                    path,
                    f"not a valid marker: {excerpt(comment, 80)}",
                    f"write it exactly as {MARKER_FORM}: lower-case name, no spaces around '=' or after ',', "
                    "closed with '-->' (see 'Data and markers' in CONTRIBUTING.md)",
                    line,
                )
            )
            continue
        try:
            expand(comment, ctx)
        except ShortcodeError as exc:
            errors.append(ContentError(path, exc.message, exc.fix, line))
    return errors
