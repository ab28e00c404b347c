"""Adds charts drawn from the reference data to the build, as assets/charts/<name>.svg.

The SVGs are generated from data/*.yaml (and kept in .cache/charts/ under a hash of the data and
the drawing code, so an unchanged chart is not drawn again), so they can never go stale and are
never edited by hand; pages embed them with <!-- kb:chart name=... -->. Each edition gets the
charts its pages need: Chinese labels (hooks/figures.py converts them for the zh-Hant edition) and,
in the English edition, English ones (<name>-en.svg) as well. Runs after mkdocs-static-i18n has laid
out the edition's files, so the charts land inside the edition's folder.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.model.editions import DEFAULT, ENGLISH, edition_prefix
from llmkb.render.chartfiles import CHART_NAMES, chart_path, chart_svg


@stage("files", "charts")
def on_files(files, config):
    build = context.current()
    # Pages shown in the English edition are English or (not yet translated) Chinese.
    languages = [DEFAULT, ENGLISH] if build.edition == ENGLISH else [DEFAULT]
    for name in CHART_NAMES:
        for language in languages:
            # Drawn once per version of the data and the drawing code, then read (llmkb/render/chartfiles.py).
            svg = chart_svg(name, language, build.data)  # converted to 繁體 with the other figures (hooks/figures.py)
            chart = File.generated(config, chart_path(name, language), content=svg)
            chart.dest_uri = edition_prefix(build.edition) + chart.dest_uri
            chart.url = chart.dest_uri
            files.append(chart)
    return files
