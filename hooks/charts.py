"""Adds charts drawn from the reference data to the build, as assets/charts/<name>.svg.

The SVGs are generated in memory on every build from data/*.yaml, so they can never go stale and
are never edited by hand; pages embed them with <!-- kb:chart name=... -->.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from llmkb.charts import CHARTS
from llmkb.errors import ContentErrors
from llmkb.refdata import load_reference_data


def on_files(files, config):
    try:
        data = load_reference_data()
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    for name, draw in CHARTS.items():
        files.append(File.generated(config, f"assets/charts/{name}.svg", content=draw(data)))
    return files
