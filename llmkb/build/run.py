"""Building the site from a script or a test: one way to run ``mkdocs build``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from llmkb.paths import ROOT

# Material prints a multi-line MkDocs 2 banner on every build unless this is set.
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def build_site(site_dir: Path, *, capture: bool = False) -> subprocess.CompletedProcess:
    """``mkdocs build`` of this repository into ``site_dir``, strict as mkdocs.yml says, in a separate process.

    Never with ``-q``: MkDocs drops warnings before strict mode counts them, so a quiet build would pass
    with broken links. With ``capture`` the log is returned instead of printed.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=ROOT, env={**os.environ, **QUIET_ENV}, capture_output=capture, text=True,
    )
