"""Adds charts drawn from the reference data to the build, as assets/charts/<name>.svg.

The SVGs are generated in memory on every build from data/*.yaml, so they can never go stale and
are never edited by hand; pages embed them with <!-- kb:chart name=... -->. Each edition gets the
charts its pages need: Chinese labels (hooks/figures.py converts them for the zh-Hant edition) and,
in the English edition, English ones (<name>-en.svg) as well. Runs after mkdocs-static-i18n has laid
out the edition's files, so the charts land inside the edition's folder.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT, ENGLISH, edition_prefix
from llmkb.render.charts import CHARTS, chart_path

# Drawn once per data version and language, not once per edition: the reference data object is the
# same until a data file changes.
_drawn_for: dict[tuple[str, str], tuple[object, str]] = {}


def _drawn(name: str, language: str, data) -> str:
    cached = _drawn_for.get((name, language))
    if cached is None or cached[0] is not data:
        cached = _drawn_for[(name, language)] = (data, CHARTS[name](data, language))
    return cached[1]


@stage("files", "charts")
def on_files(files, config):
    build = context.current()
    # Pages shown in the English edition are English or (not yet translated) Chinese.
    languages = [DEFAULT, ENGLISH] if build.edition == ENGLISH else [DEFAULT]
    for name in CHARTS:
        for language in languages:
            svg = _drawn(name, language, build.data)  # converted to 繁體 with the other figures (hooks/figures.py)
            chart = File.generated(config, chart_path(name, language), content=svg)
            chart.dest_uri = edition_prefix(build.edition) + chart.dest_uri
            chart.url = chart.dest_uri
            files.append(chart)
    return files
