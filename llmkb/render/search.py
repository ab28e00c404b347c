"""Search with Pagefind: what each page adds to the index, and how the index is built.

Pagefind indexes the built HTML. Each page carries, inside its article, a block the reader never
sees: its part of the site as a filter, its description as metadata (shown as the excerpt when a
query matches the title), and the names of glossary terms the page explains, so that a Chinese name
finds the page about the English term and the other way round.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import subprocess
import sys
import time
from pathlib import Path

import cbor2
import icu

from llmkb.model.editions import DEFAULT, ENGLISH
from llmkb.model.refdata import ReferenceData
from llmkb.text import HAN_RE

# Parts of the site, by top-level folder, offered as search filters. Filter values are these ids;
# the search box shows them with the labels section_<id> (data/labels.yaml).
SECTIONS = ("theory", "practice", "applications", "reference")

# The article only; permalink symbols, page status and each page's reference list stay out.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".kb-reviewed", ".kb-references", ".kb-cite", ".md-source-file"]
FILTER_NAME = "section"


def section_of(src_uri: str) -> str:
    top = src_uri.split("/", 1)[0]
    return top if top in SECTIONS else "home"


def query_forms(text: str) -> str:
    """A name as the browser will cut a query for it, so that the index contains those words.

    Pagefind segments Chinese queries in the browser with Intl.Segmenter (ICU) but segments the
    indexed text with its own dictionary; the two disagree (显存 becomes 显 + 存 in the query). The
    index therefore also gets each name cut by ICU (the same library and version family as
    Chromium's) and cut into single characters, which ICU produces for words it does not know.
    """
    if not HAN_RE.search(text):
        return text
    breaker = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    breaker.setText(text)
    words, start = [], breaker.first()
    for end in breaker:
        words.append(text[start:end])
        start = end
    icu_words = " ".join(word for word in words if word.strip())
    characters = " ".join(HAN_RE.findall(text))
    return f"{text} {icu_words} {characters}"


def aliases_for(src_uri: str, data: ReferenceData, language: str = DEFAULT) -> list[str]:
    """Every name of every glossary term whose explaining page is this page (English names only on English pages)."""
    names: list[str] = []
    for term in data.glossary.values():
        if term.page.split("#", 1)[0] == src_uri:
            if language == ENGLISH:
                names += [term.en, *([term.abbr] if term.abbr else [])]
            else:
                names += [term.zh, term.en, *([term.abbr] if term.abbr else []), *term.aliases]
    return list(dict.fromkeys(names))


def search_markup(src_uri: str, title: str, description: str, data: ReferenceData, language: str = DEFAULT) -> str:
    """Hidden HTML appended to a page's content for the index (filter, excerpt, title and glossary aliases)."""
    parts = [
        f'<div class="kb-search-data" hidden data-pagefind-ignore>'
        f'<span data-pagefind-filter="{FILTER_NAME}">{html.escape(section_of(src_uri))}</span>'
        f'<span data-pagefind-meta="description">{html.escape(description)}</span></div>'
    ]
    names = [title, *aliases_for(src_uri, data, language)]
    # Indexed (not ignored) but never displayed; weighted like a heading.
    text = " · ".join(query_forms(name) for name in names)
    parts.append(f'<div class="kb-search-aliases" hidden data-pagefind-weight="7">{html.escape(text)}</div>')
    return "\n".join(parts)


def build_index(site_dir: Path) -> float:
    """Run Pagefind (extended, with Chinese segmentation) over the built site; returns seconds taken."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    make_filters_reproducible(site_dir / "pagefind")
    return time.perf_counter() - start


# ---- Reproducible filter files ----------------------------------------------------------------
# Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run; the
# filter file's name is a hash of its content, the language's metadata file names it, and
# pagefind-entry.json names the metadata file by its own hash. So every build differed in those
# three files. We sort the values and rename both files by a hash of the sorted content.
# The files are gzip-compressed "pagefind_dcd" + CBOR (read and written with cbor2).

_SIGNATURE = b"pagefind_dcd"


def _renamed(name: str, content: bytes) -> str:
    """`zh_91b2848` -> `zh_<same number of hex digits of the content's SHA-256>`."""
    language, digest = name.rsplit("_", 1)
    return f"{language}_{hashlib.sha256(content).hexdigest()[:len(digest)]}"


def make_filters_reproducible(pagefind_dir: Path) -> None:
    """Sort every filter file's values; rename filter and metadata files by content; update references."""
    renames: dict[str, str] = {}
    for path in sorted((pagefind_dir / "filter").glob("*.pf_filter")):
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(_SIGNATURE):
            raise RuntimeError(f"{path}: not a Pagefind filter file")
        name, values = cbor2.loads(raw[len(_SIGNATURE):])
        canonical = _SIGNATURE + cbor2.dumps([name, sorted(values, key=lambda entry: entry[0])])
        new_name = _renamed(path.stem, canonical)
        path.unlink()
        (path.parent / f"{new_name}.pf_filter").write_bytes(gzip.compress(canonical, compresslevel=9, mtime=0))
        renames[path.stem] = new_name
    entry_file = pagefind_dir / "pagefind-entry.json"
    entry = entry_file.read_text(encoding="utf-8")
    for path in sorted(pagefind_dir.glob("pagefind.*.pf_meta")):
        meta = gzip.decompress(path.read_bytes())
        for old, new in renames.items():
            meta = meta.replace(old.encode(), new.encode())  # same length: the CBOR stays valid
        old_name = path.name.split(".")[1]
        new_name = _renamed(old_name, meta)
        path.unlink()
        (pagefind_dir / f"pagefind.{new_name}.pf_meta").write_bytes(gzip.compress(meta, compresslevel=9, mtime=0))
        entry = entry.replace(f'"{old_name}"', f'"{new_name}"')
    # The languages map comes out in hash-map order too (one index per edition): sort it.
    entry_file.write_text(json.dumps(json.loads(entry), sort_keys=True, separators=(",", ":")), encoding="utf-8")
