"""The charts' files: where each lives in the site, and its SVG, drawn once and then kept on disk.

Drawing needs matplotlib: importing it and drawing the charts took about a fifth of a whole build.
The SVG depends only on the data files, the drawing code and the version of matplotlib, so
``chart_svg`` keeps each drawn chart in ``.cache/charts/`` under a hash of exactly those, and a build
whose inputs have not changed reads the file instead: the output is byte-identical, and matplotlib is not even imported (llmkb/render/charts.py is
imported only on a miss). Delete ``.cache/`` to draw everything again (for example after installing
other fonts, which change the measured size of the labels and so where they are put).
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from llmkb.model.editions import ENGLISH
from llmkb.paths import DATA_DIR, ROOT

CHART_NAMES = ("params-over-time", "datamix")  # the keys of llmkb.render.charts.CHARTS (tests check)
CACHE_DIR = ROOT / ".cache" / "charts"
# What a chart's SVG is made from, besides its name and language.
CODE = [ROOT / "llmkb" / "render" / "charts.py", ROOT / "llmkb" / "model" / "refdata.py", ROOT / "llmkb" / "model" / "editions.py"]
LIBRARIES = ("matplotlib",)

_drawn: dict[tuple[Path, str], str] = {}


def chart_path(name: str, language: str) -> str:
    """Where a chart lives in the docs tree: one file per language its labels are written in."""
    return f"assets/charts/{name}.svg" if language != ENGLISH else f"assets/charts/{name}-en.svg"


def inputs_digest(name: str, language: str, data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256(f"{name}\0{language}\0".encode())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    for path in [*sorted(data_dir.glob("*.yaml")), *CODE]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def chart_svg(name: str, language: str, data, cache_dir: Path | None = CACHE_DIR) -> str:
    """The chart's SVG for ``data`` (the build's reference data, read from data/): from memory, from
    the cache folder, or drawn (and then stored in both). ``cache_dir=None`` always draws."""
    key = inputs_digest(name, language)
    if (cache_dir, key) in _drawn:
        return _drawn[(cache_dir, key)]
    cached = cache_dir / f"{name}-{language}-{key[:32]}.svg" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        svg = cached.read_text(encoding="utf-8")
    else:
        from llmkb.render.charts import CHARTS

        svg = CHARTS[name](data, language)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(svg, encoding="utf-8")
            temporary.replace(cached)
    if cache_dir is not None:
        _drawn[(cache_dir, key)] = svg
    return svg
