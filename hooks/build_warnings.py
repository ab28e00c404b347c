"""MkDocs' link, anchor, image and nav warnings with the line and the fix, each shown once.

Adds to the build a logging filter (llmkb/build/warnings.py) that rewrites MkDocs' validation
warnings into the project's ``file:line: problem / fix:`` form and drops the copies the other
editions would print; strict mode still fails on them.
"""

from __future__ import annotations

from pathlib import Path

from llmkb.build import warnings
from llmkb.build.pipeline import stage
from llmkb.model.editions import building_another_edition


@stage("config", "build_warnings")
def on_config(config):
    if not building_another_edition(config):
        warnings.start(Path(config.docs_dir), Path(config.config_file_path))
    return config
