"""Faster rebuilds while writing: under ``mkdocs serve``, each save redoes only what it changed.

Switches on llmkb/build/preview.py for ``mkdocs serve`` (MkDocs tells hooks the command once, when
it starts): pages whose Markdown and inputs did not change are not converted or checked again, and
the search index is built once. ``mkdocs build`` and ``mkdocs serve --clean`` build everything.
"""

from __future__ import annotations

from llmkb.build import preview
from llmkb.build.pipeline import stage


@stage("startup", "preview")
def on_startup(command, dirty):
    preview.start(command)
