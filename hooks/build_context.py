"""Reads and validates the whole site once per build, before any page is rendered.

Adds to the build a strict parse of every page's front matter (MkDocs would silently drop bad
YAML), the bibliography, the reference data and every citation key, reporting all problems at once
with file, line and fix. The result is the build context (llmkb/build/context.py) the other hooks
use; the editions after the first reuse it.
"""

from __future__ import annotations

from pathlib import Path

from llmkb.build import context
from llmkb.build.pipeline import stage
from llmkb.errors import plugin_errors
from llmkb.model.editions import build_language, building_another_edition


@stage("config", "build_context")
def on_config(config):
    if not building_another_edition(config):
        with plugin_errors():
            context.load(Path(config.docs_dir))
    context.current().edition = build_language(config)
    return config
