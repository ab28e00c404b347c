"""Converts the TeX that pymdownx.arithmatex marks up into MathML at build time.

Formulas need no script and no CDN, render in print, and carry their TeX as ``alttext``. TeX that
latex2mathml cannot render correctly fails the build, naming the page, the line and the formula.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from llmkb.build.pipeline import stage
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
    return rendered
