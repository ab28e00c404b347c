"""Preview rebuilds under ``mkdocs serve``: keep the work whose inputs did not change since the last save.

``mkdocs serve`` rebuilds the whole site in the same process after every save. A preview rebuild
writes the same pages as a full build of the same sources would, but does not redo work whose
inputs are unchanged (hooks/preview.py switches this on for ``serve`` only; ``mkdocs build`` and
``mkdocs serve --clean`` never use it):

- a page's Markdown conversion, when its expanded Markdown, the edition's file list and extension
  settings and the files it includes with ``--8<--`` are unchanged (llmkb/build/render_reuse.py);
- the checks of a page that read only that page and the data (llmkb/build/checks.py), when the page's
  text and the data folder are unchanged; links and data markers are checked on every rebuild,
  since they depend on other pages;
- a written page's whitespace collapsed, when the page came out of the templates unchanged (hooks/minify.py);
- the Pagefind index: built on the first build, kept afterwards (the preview's search finds pages as
  they were when ``mkdocs serve`` started; a full build always indexes).

Inputs are compared by content or, for files, by size and modification time, as ``make`` does.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from llmkb import text
from llmkb.model.links import SNIPPET_RE
from llmkb.model.yamlfile import file_stamps
from llmkb.paths import DATA_DIR, ROOT

_active = False


def start(command: str) -> None:
    """Called once when MkDocs starts (``on_startup``): previews only under ``mkdocs serve``."""
    global _active
    _active = command == "serve"
    if _active:
        text.keep_spans_of(1024)  # every page's Markdown, in each edition, kept from one save to the next


def active() -> bool:
    return _active


def data_stamps(data_dir: Path = DATA_DIR) -> tuple:
    """Every file of the data folder (reference data, bibliography, questions, labels, search words)."""
    return file_stamps(path for path in data_dir.rglob("*") if path.is_file())


def snippet_stamps(markdown: str, base: Path = ROOT) -> tuple | None:
    """The files a page includes with ``--8<-- "path"`` (the form the link check reads); None when it
    uses another form, such as a block of file names (such a page is always converted again)."""
    if "8<-" not in markdown:
        return ()
    paths = [match.group("path") for match in SNIPPET_RE.finditer(markdown)]
    if len(paths) != markdown.count("8<-"):
        return None
    return file_stamps(base / path for path in paths)


ADDRESS_RE = re.compile(r" at 0x[0-9a-f]+")


def settings_digest(*settings) -> str:
    """A digest of settings objects by their repr, without the memory addresses of functions (the slug
    function is created anew each time mkdocs.yml is read)."""
    return hashlib.sha256(ADDRESS_RE.sub("", repr(settings)).encode()).hexdigest()


_kept_folders: dict[Path, Path] = {}  # built folder -> its copy


def keep_folder(folder: Path) -> None:
    """A copy of a built folder, for restore_folder on the next rebuilds (MkDocs empties the site each time)."""
    folder = folder.resolve()
    if folder not in _kept_folders:
        _kept_folders[folder] = Path(tempfile.mkdtemp(prefix="kb-preview-"))
        atexit.register(shutil.rmtree, _kept_folders[folder], ignore_errors=True)
    shutil.copytree(folder, _kept_folders[folder], dirs_exist_ok=True)


def restore_folder(folder: Path) -> bool:
    """Puts back the copy keep_folder made of this folder; False when there is none."""
    kept = _kept_folders.get(folder.resolve())
    if kept is None:
        return False
    shutil.copytree(kept, folder, dirs_exist_ok=True)
    return True


_memos: dict[str, dict] = {}
MEMO_LIMIT = 2000  # results per memo; after many saves (of data files, say) it starts afresh


def remembered(name: str, key, compute):
    """``compute()``, a result that depends on nothing but ``key``; under ``mkdocs serve`` kept for the
    next rebuilds."""
    if not _active:
        return compute()
    memo = _memos.setdefault(name, {})
    if key not in memo:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = compute()
    return memo[key]
