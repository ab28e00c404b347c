"""Adds charts drawn from the reference data to the build, as assets/charts/<name>.svg.

The SVGs are generated in memory on every build from data/*.yaml, so they can never go stale and
are never edited by hand; pages embed them with <!-- kb:chart name=... -->. Each edition gets the
charts its pages need: Chinese labels (converted to Traditional in the zh-Hant edition) and, in
the English edition, English ones (<name>-en.svg) as well. Runs after mkdocs-static-i18n has laid
out the edition's files (priority -100), so the charts land inside the edition's folder.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from llmkb.charts import CHARTS, chart_path
from llmkb.errors import ContentErrors
from llmkb.hant import convert_svg
from llmkb.i18n import ENGLISH, TRADITIONAL, build_language, edition_prefix
from llmkb.refdata import load_reference_data


# Drawn once per data version and language, not once per edition: load_reference_data() returns
# the same object until a data file changes.
_drawn_for: dict[tuple[str, str], tuple[object, str]] = {}


def _drawn(name: str, language: str, data) -> str:
    cached = _drawn_for.get((name, language))
    if cached is None or cached[0] is not data:
        cached = _drawn_for[(name, language)] = (data, CHARTS[name](data, language))
    return cached[1]


@event_priority(-110)
def on_files(files, config):
    try:
        data = load_reference_data()
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    edition = build_language(config)
    # Pages shown in the English edition are English or (not yet translated) Chinese.
    languages = ["zh", ENGLISH] if edition == ENGLISH else ["zh"]
    for name in CHARTS:
        for language in languages:
            svg = _drawn(name, language, data)
            if edition == TRADITIONAL:
                svg = convert_svg(svg)
            src_uri = chart_path(name, language)
            chart = File.generated(config, src_uri, content=svg)
            chart.dest_uri = edition_prefix(edition) + chart.dest_uri
            chart.url = chart.dest_uri
            files.append(chart)
    return files
