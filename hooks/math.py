"""Converts the TeX that pymdownx.arithmatex marks up into MathML at build time.

Formulas need no script and no CDN, render in print, and carry their TeX as ``alttext``. TeX that
latex2mathml cannot render correctly fails the build, naming the page, the line and the formula.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from llmkb.mathml import render_math_in_html


def on_page_content(html, page, config, files):
    rendered, errors = render_math_in_html(html)
    if errors:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        lines = []
        for error in errors:
            offset = source.find(error.tex.strip())
            line = source.count("\n", 0, offset) + 1 if offset >= 0 else None
            where = f"{page.file.src_path}:{line}" if line else page.file.src_path
            lines.append(f"{where}: {error.problem} in ${error.tex.strip()}$\n    fix: {error.fix}")
        raise PluginError(f"{len(errors)} formula problem(s):\n" + "\n".join(lines))
    return rendered
