"""Compiles the theme's templates once per process, not once per edition and per rebuild.

Gives each Jinja environment MkDocs makes (one per edition, one per save under ``mkdocs serve``) the
same in-memory bytecode cache (llmkb/build/templates.py); the pages written are the same.
"""

from __future__ import annotations

from llmkb.build.pipeline import stage
from llmkb.build.templates import COMPILED_TEMPLATES


@stage("env", "templates")  # before any hook renders a template with the environment
def on_env(env, config, files):
    env.bytecode_cache = COMPILED_TEMPLATES
    return env
