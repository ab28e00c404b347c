"""Nothing unused shipped: the theme's files that no page loads (lunr and the search worker of
Material's search plugin, source maps, the PNG favicon) are dropped from every edition before they
are copied, and Material's empty search index is removed after the build (llmkb/render/unused.py)."""

from __future__ import annotations

from pathlib import Path

from llmkb.build.pipeline import stage
from llmkb.model.editions import building_another_edition
from llmkb.render.unused import is_unused, remove_unused_output


@stage("files", "unused_files")
def on_files(files, config):
    for file in [f for f in files if is_unused(f.dest_uri)]:
        files.remove(file)
    return files


@stage("post_build", "unused_files")
def on_post_build(config):
    if not building_another_edition(config):
        remove_unused_output(Path(config.site_dir))
