"""Smaller pages: whitespace between tags collapsed in every written page (llmkb/render/minify.py).

Under ``mkdocs serve`` a page that came out of the templates as before is not collapsed again
(llmkb/build/preview.py)."""

from __future__ import annotations

from llmkb.build import preview
from llmkb.build.pipeline import stage
from llmkb.render.minify import collapse_whitespace


@stage("post_page", "minify")
def on_post_page(output, page, config):
    return preview.remembered("minify", output, lambda: collapse_whitespace(output))
