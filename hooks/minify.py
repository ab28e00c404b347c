"""Smaller pages: whitespace between tags collapsed in every written page (llmkb/render/minify.py)."""

from __future__ import annotations

from llmkb.build.pipeline import stage
from llmkb.render.minify import collapse_whitespace


@stage("post_page", "minify")
def on_post_page(output, page, config):
    return collapse_whitespace(output)
