"""Converts the TeX that pymdownx.arithmatex marks up into MathML at build time.

Formulas need no script and no CDN, render in print, and carry their TeX as ``alttext``. TeX that
latex2mathml cannot render correctly fails the build, naming the page, the line and the formula.
Once every edition is written, the site gets its math font: Latin Modern Math cut down to the
characters the built pages' formulas draw (llmkb/render/mathfont.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.build.pipeline import stage
from llmkb.model.editions import building_another_edition
from llmkb.render.mathfont import SITE_FONT, write_site_font
from llmkb.render.mathml import render_math_in_html
from llmkb.text import source_location


@stage("page_content", "math")
def on_page_content(html, page, config, files):
    rendered, errors = render_math_in_html(html)
    if errors:
        lines = [
            f"{source_location(page.file.abs_src_path, error.tex.strip(), page.file.src_path)}: "
            f"{error.problem} in ${error.tex.strip()}$\n    fix: {error.fix}"
            for error in errors
        ]
        raise PluginError(f"{len(errors)} formula problem(s):\n" + "\n".join(lines))
    # The page template preloads the math font where formulas are, so it comes with the stylesheets
    # instead of after the first paint, when its glyphs would reflow every line with a formula.
    page.meta["kb_math_font"] = SITE_FONT if "<math" in rendered else None
    return rendered


@stage("post_build", "math")
def on_post_build(config):
    if building_another_edition(config):
        return
    characters, size = write_site_font(Path(config.site_dir))
    logging.getLogger("mkdocs.hooks.math").info(f"Math font: {characters} characters, {size / 1024:.1f} KiB (WOFF2)")
