"""Search with Pagefind: what each page adds to the index, how the index is built, and the words the
search box needs to read a reader's query.

Pagefind indexes the built HTML of the 简体 and the English edition (one index each). Each page carries,
inside its article, a block the reader never sees: its part of the site as a filter, its description
as metadata and as weighted text, and the names of the glossary terms the page explains, so that a
Chinese name finds the page about the English term and the other way round. The 繁體 edition has no
index of its own: Pagefind's Chinese dictionary is Simplified and cuts Traditional text into single
characters, so its search box converts the query to Simplified, searches the 简体 index and shows the
results in Traditional (tables below), linking to the 繁體 pages.

Next to the index, ``pagefind/kb/<edition>.json`` holds what docs/assets/javascripts/search.js needs
to read a query: stop words, synonym groups (data/search.yaml and the glossary), the index's own
Chinese words (so the query is cut the way the pages were), the pages that rank first only when asked
for by name, the parts of the site, and for 繁體 the conversion tables.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import cbor2

from llmkb.model.editions import DEFAULT, ENGLISH, TRADITIONAL, edition_prefix
from llmkb.model.refdata import ReferenceData
from llmkb.model.searchwords import SearchWords, normalized
from llmkb.text import HAN, HAN_RE

# Parts of the site, by top-level folder, offered as search filters. Filter values are these ids;
# the search box shows them with the labels section_<id> (data/labels.yaml).
SECTIONS = ("theory", "practice", "applications", "reference")

# The article only; permalink symbols, page status and each page's reference list stay out.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".kb-reviewed", ".kb-translation-stale", ".kb-references", ".kb-cite", ".md-source-file"]
FILTER_NAME = "section"
# Which index serves each edition (Pagefind names an index by the pages' <html lang>).
INDEX_OF = {DEFAULT: "zh", TRADITIONAL: "zh", ENGLISH: "en"}
QUERY_DATA_DIR = "kb"  # inside the pagefind folder
# Pages that list everything (the glossary, the bibliography, the home page, the part indexes and the
# list of recent changes, which names every page) match almost every query; they rank first only when
# the query asks for them by name.
LISTING_PAGES = ("index.md", "reference/glossary.md", "reference/bibliography.md", "reference/reading-list.md", "reference/tags.md",
                 "reference/recent.md")


def section_of(src_uri: str) -> str:
    top = src_uri.split("/", 1)[0]
    return top if top in SECTIONS else "home"


def is_listing(src_uri: str) -> bool:
    return src_uri in LISTING_PAGES or src_uri.endswith("/index.md")


def aliases_for(src_uri: str, data: ReferenceData, language: str = DEFAULT) -> list[str]:
    """Every name of every glossary term whose explaining page is this page (English names only on English pages)."""
    names: list[str] = []
    for term in data.glossary.values():
        if term.page.split("#", 1)[0] == src_uri:
            names += term_names(term, language)
    return list(dict.fromkeys(names))


def term_names(term, language: str) -> list[str]:
    if language == ENGLISH:
        return [term.en, *([term.abbr] if term.abbr else [])]
    return [term.zh, term.en, *([term.abbr] if term.abbr else []), *term.aliases]


def search_markup(src_uri: str, title: str, description: str, data: ReferenceData, language: str = DEFAULT) -> str:
    """Hidden HTML appended to a page's content for the index (filter, excerpt, title, description and glossary names)."""
    names = " · ".join([title, *aliases_for(src_uri, data, language)])
    return (
        '<div class="kb-search-data" hidden>'
        f'<div data-pagefind-ignore><span data-pagefind-filter="{FILTER_NAME}">{html.escape(section_of(src_uri))}</span>'
        f'<span data-pagefind-meta="description">{html.escape(description)}</span></div>'
        # Indexed but never displayed: the names weigh like the page title, the description like an h2.
        f'<div data-pagefind-weight="7">{html.escape(names)}</div>'
        f'<div data-pagefind-weight="6">{html.escape(description)}</div>'
        "</div>"
    )


# The block above, as it appears in a built page.
SEARCH_DATA_RE = re.compile(r'<div class="kb-search-data" hidden><div data-pagefind-ignore>(?:<span[^>]*>[^<]*</span>)*</div>(?:<div[^>]*>[^<]*</div>)*</div>')


# ---- The index --------------------------------------------------------------------------------

TEXT_RE = re.compile(r"(<!--.*?-->|<[^>]*>)|([^<]+)", re.S)
LATIN = "A-Za-z0-9"
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
# Pagefind cuts Chinese into words only in a run of text that starts with Chinese: in "KV cache、批处理和
# 推测解码" everything after "cache" would become one long word no query finds. A space between Latin
# text and Chinese text or punctuation makes each its own run (search.js removes it from excerpts).
_BOUNDARY_RE = re.compile(f"(?<=[{LATIN}])(?=[{HAN}{CJK_PUNCTUATION}])|(?<=[{HAN}{CJK_PUNCTUATION}])(?=[{LATIN}])")


def text_for_index(markup: str) -> str:
    """The page as Pagefind should read it: a space wherever Latin text touches Chinese text."""
    return TEXT_RE.sub(lambda m: m.group(1) or _BOUNDARY_RE.sub(" ", m.group(2)), markup)


def indexed_pages(site_dir: Path) -> list[Path]:
    """The built pages of the editions that have an index (简体 and English), without the 404 pages."""
    hant = edition_prefix(TRADITIONAL).strip("/")
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        parts = path.relative_to(site_dir).parts
        if parts[0] in (hant, "pagefind", "assets", "download") or path.name == "404.html":
            continue
        pages.append(path)
    return pages


def build_index(site_dir: Path) -> float:
    """Run Pagefind (extended, with Chinese segmentation) over the indexed pages; returns seconds taken.

    Pagefind reads a copy of those pages prepared by ``text_for_index`` and writes its bundle into
    ``site/pagefind/``; its URLs are the pages' paths, the same in the copy as in the site.
    """
    start = time.perf_counter()
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)  # no files left from an earlier index
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary)
        for path in indexed_pages(site_dir):
            target = copy / path.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text_for_index(path.read_text(encoding="utf-8")), encoding="utf-8")
        command = [
            sys.executable, "-m", "pagefind",
            "--site", str(copy),
            "--output-path", str(site_dir / "pagefind"),
            "--root-selector", ROOT_SELECTOR,
            "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
            "--quiet",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    make_filters_reproducible(site_dir / "pagefind")
    return time.perf_counter() - start


def index_words(pagefind_dir: Path, language: str) -> dict[str, int]:
    """Every word of one language's index, with the number of pages it occurs on."""
    meta_file = next(pagefind_dir.glob(f"pagefind.{language}_*.pf_meta"), None)
    if meta_file is None:
        return {}
    meta = cbor2.loads(gzip.decompress(meta_file.read_bytes())[len(_SIGNATURE):])
    words: dict[str, int] = {}
    for _first, _last, chunk in meta[2]:
        entries = cbor2.loads(gzip.decompress((pagefind_dir / "index" / f"{chunk}.pf_index").read_bytes())[len(_SIGNATURE):])
        for word, pages, *_ in entries[0]:
            words[word] = len(pages)
    return words


_WORD_RE = re.compile(f"[{HAN}]{{2,6}}")


def chinese_vocabulary(pagefind_dir: Path) -> list[str]:
    """The Chinese words of the zh index (two to six characters): search.js cuts queries into these."""
    return sorted(word for word in index_words(pagefind_dir, "zh") if _WORD_RE.fullmatch(word))


_LATIN_WORD_RE = re.compile(r"[a-z][a-z0-9]+")


def latin_words(site_dir: Path, index: str) -> list[str]:
    """Every Latin word (lower case, two letters or more) of an index's pages, as the pages write it.

    Pagefind matches an English query word it does not know by a shorter word of the index that
    begins it (zebra finds ZeRO); search.js treats a word none of these begins as unknown instead.
    """
    hant = edition_prefix(TRADITIONAL).strip("/")
    english = edition_prefix(ENGLISH).strip("/")
    found: set[str] = set()
    for path in indexed_pages(site_dir):
        top = path.relative_to(site_dir).parts[0]
        if (top == english) != (index == "en") or top == hant:
            continue
        article = ARTICLE_RE.search(path.read_text(encoding="utf-8"))
        if article:
            text = html.unescape(TAG_RE.sub(" ", article.group(0))).lower()
            found.update(_LATIN_WORD_RE.findall(text))
    return sorted(found)


ARTICLE_RE = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


# ---- What the search box needs ------------------------------------------------------------------


def indexed_page_table(pagefind_dir: Path, index: str) -> dict[str, list[str]]:
    """Pagefind's id of every page of one index -> [URL relative to the edition root, title, description].

    A search result carries its page's id; its URL, title and description only come with its data (one
    request per page). With this table the search box ranks by them before loading any.
    """
    entry = json.loads((pagefind_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    if index not in entry["languages"]:
        return {}  # a site without pages in that language (a test site)
    prefix = edition_prefix(ENGLISH) if index == "en" else ""
    pages: dict[str, list[str]] = {}
    for path in sorted((pagefind_dir / "fragment").glob(f"{index}_*.pf_fragment")):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(_SIGNATURE):])
        url = directory_form(fragment["url"].lstrip("/").removeprefix(prefix))
        pages[path.stem] = [url, normalized(fragment["meta"].get("title", "")), normalized(fragment["meta"].get("description", ""))]
    if len(pages) != entry["languages"][index]["page_count"]:
        raise RuntimeError(f"pagefind/fragment: {len(pages)} '{index}' pages, the index says {entry['languages'][index]['page_count']}")
    return pages


def query_data(edition: str, words: SearchWords, data: ReferenceData, titles: dict[str, str], parts: list[dict],
               vocabulary: list[str], latin: list[str], pages: dict[str, list[str]], conversion: dict | None = None,
               directory_urls: bool = True) -> dict:
    """The JSON search.js loads for one edition (see the module docstring).

    ``titles``: page title by URL (relative to the edition's root) for the listing pages; ``parts``:
    title and URL of each part's index page, in the edition's language. Pages are identified by their
    folder URL (theory/bpe/); links the reader follows are written as the build writes them.
    """
    index = INDEX_OF[edition]
    language = ENGLISH if index == "en" else DEFAULT
    entry = words.indexes[index]
    groups = [list(group) for group in entry.synonyms]
    terms = []
    for term in data.glossary.values():
        names = list(dict.fromkeys(normalized(name) for name in term_names(term, language)))
        page = term.page.split("#", 1)[0]
        terms.append({
            "names": names,
            "label": term.en if language == ENGLISH else f"{term.zh}（{term.en}）",
            "page": page_url(page),
            "glossary": f"{link_to('reference/glossary.md', directory_urls)}#{term.id}",
        })
    result = {
        "index": index,
        "stop": list(entry.stop_words),
        "groups": groups,
        "colloquial": {saying: term for term, sayings in entry.colloquial.items() for saying in sayings},
        "terms": terms,
        "listing": {url: normalized(title) for url, title in sorted(titles.items())},
        "parts": parts,
        "pages": pages,
        "latin": " ".join(latin),
    }
    if index == "zh":
        result["vocabulary"] = " ".join(vocabulary)
    if conversion:
        result["convert"] = conversion
    return result


def directory_form(url: str) -> str:
    """A page URL as a folder (theory/bpe/), also from the offline copy's file links (theory/bpe.html)."""
    if url.endswith(".html"):
        url = url.removesuffix(".html")
        url = url.removesuffix("index") if url == "index" or url.endswith("/index") else url + "/"
    return url


def link_to(src_uri: str, directory_urls: bool = True) -> str:
    """Where the built site links a docs/ page: theory/bpe/ (or theory/bpe.html in the offline copy)."""
    return page_url(src_uri) if directory_urls else src_uri.removesuffix(".md") + ".html"


def page_url(src_uri: str) -> str:
    """docs/ path -> URL relative to the edition root, as Pagefind gives it (theory/x.md -> theory/x/)."""
    path = src_uri.removesuffix(".md")
    if path == "index":
        return ""
    return (path.removesuffix("/index") if path.endswith("/index") else path) + "/"


def write_query_data(pagefind_dir: Path, edition: str, payload: dict) -> Path:
    target = pagefind_dir / QUERY_DATA_DIR / f"{edition}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return target


# ---- 繁體 queries on the 简体 index -----------------------------------------------------------------

_TEXT_NODE_RE = re.compile(r">([^<]+)<")


def convert_with_tables(text: str, phrases: dict[str, str], characters: dict[str, str]) -> str:
    """Longest phrase first, else character by character: what search.js does with the tables."""
    out: list[str] = []
    position = 0
    while position < len(text):
        for length in range(min(MAX_PHRASE, len(text) - position), 1, -1):
            replacement = phrases.get(text[position:position + length])
            if replacement is not None:
                out.append(replacement)
                position += length
                break
        else:
            out.append(characters.get(text[position], text[position]))
            position += 1
    return "".join(out)


MAX_PHRASE = 6  # the longest phrase search.js looks for


def conversion_tables(pairs: list[tuple[str, str]], words: list[str]) -> dict:
    """Simplified <-> Traditional tables for the 繁體 search box, learned from the site's own conversion.

    ``pairs`` are (简体, 繁體) HTML of the same pages; ``words`` the Chinese words of the index. A
    character maps the way the edition converts it most often; a word the edition converts otherwise
    than character by character (数据 -> 資料, 内存 -> 記憶體, 文档 -> 文件) goes into the phrase table.
    ``t2s`` reads queries: every Traditional form OpenCC knows of a character the pages use, and the
    phrases backwards (search.js searches both readings of such a word: 資料 is 资料 or 数据).
    """
    from llmkb.render.hant import CORNER_QUOTES, _opencc, convert_text

    pairs_seen: Counter = Counter()  # (简体 character, 繁體 character) -> times
    for simplified, traditional in pairs:
        zh_nodes = [node for node in _TEXT_NODE_RE.findall(simplified) if HAN_RE.search(node)]
        hant_nodes = [node for node in _TEXT_NODE_RE.findall(traditional) if HAN_RE.search(node)]
        if len(zh_nodes) != len(hant_nodes):
            raise ValueError("a 繁體 page does not have the text of its 简体 page")
        for zh_node, hant_node in zip(zh_nodes, hant_nodes):
            if len(zh_node) == len(hant_node):  # characters line up (a phrase like 内存 -> 記憶體 would shift them)
                pairs_seen.update(zip(zh_node, hant_node))
    characters = sorted({char for pair in pairs_seen for char in pair if HAN_RE.match(char)})
    simplified_of = dict(zip(characters, _opencc("t2s").convert("\n".join(characters)).split("\n")))  # one per line
    best: dict[str, tuple[int, str]] = {}
    for (zh_char, hant_char), times in sorted(pairs_seen.items()):
        # Only a form of the same character: 存储 -> 儲存 lines up 存 with 儲, which is no conversion of 存.
        if HAN_RE.match(zh_char) and simplified_of.get(hant_char) == zh_char and times > best.get(zh_char, (0, ""))[0]:
            best[zh_char] = (times, hant_char)
    used = set(best)
    s2t = {char: hant for char, (_, hant) in sorted(best.items()) if hant != char}
    candidates = sorted(set(words))
    converted = convert_text("\n".join(candidates)).split("\n")  # one per line: no phrase across words
    expected = dict(zip(candidates, converted))
    s2t_phrases: dict[str, str] = {}
    # A word the tables get wrong becomes a phrase; again, because a new phrase can spoil a longer word
    # (智能 -> 智慧 is right alone, but 智能体 stays 智能體).
    while wrong := {word: hant for word, hant in expected.items() if word not in s2t_phrases and convert_with_tables(word, s2t_phrases, s2t) != hant}:
        s2t_phrases.update(wrong)
    every = [chr(code) for code in range(0x3400, 0xA000)]
    back = _opencc("t2s").convert("\n".join(every)).split("\n")
    t2s = {hant: zh for hant, zh in zip(every, back) if hant != zh and zh in used}
    t2s_phrases = {hant: zh for zh, hant in s2t_phrases.items() if "".join(t2s.get(char, char) for char in hant) != zh}
    s2t.update({chr(code): quote for code, quote in CORNER_QUOTES.items()})  # excerpts quote as the pages do: 「…」
    return {"s2t": s2t, "s2tPhrases": s2t_phrases, "t2s": dict(sorted(t2s.items())), "t2sPhrases": dict(sorted(t2s_phrases.items()))}


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
