"""The PDF edition: assemble the built pages into one book, print it with Chromium, fix its text layer.

The book is assembled from the *built* site (one language edition's output folder), so it uses
exactly what the site shows, needs no second copy of the content and works for any edition; the
pages, their order and the cleaned articles come from llmkb/book/pages.py, shared with the EPUB.
It is printed twice: Chromium cannot number the contents (no target-counter()), so the first print
tells on which page each part and page starts, and the second prints those numbers.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import subprocess
import time
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
from bs4 import BeautifulSoup

from llmkb import browser as chromium_browser
from llmkb.book.pages import (WEB_ONLY, BookPage, BookQuestion, Part, answers_appendix, book_pages, link_answers, page_article,
                              pages_by_part, resolve_link, take_questions)
from llmkb.model.editions import DEFAULT, HTML_LANG, edition_prefix
from llmkb.paths import MKDOCS_FILE, TEMPLATES_DIR, book_file, display_path
from llmkb.render.editions import edition_labels, section_title


def _rewrite(article, page: BookPage, pages_by_url: dict[str, BookPage], prefix: str = "") -> None:
    """Make ids unique in the book, point internal links at book anchors, assets at site-root paths."""
    for element in article.find_all(id=True):
        element["id"] = f"{page.anchor}--{element['id']}"
    for level in range(6, 0, -1):  # page title h1 -> h2 ... so parts can be h1 in the outline
        for heading in article.find_all(f"h{level}"):
            heading.name = f"h{min(level + 1, 6)}"
    title = article.find("h2")
    if title is not None:
        title["id"] = page.anchor
        title["class"] = [*title.get("class", []), "kb-page-title"]
    # Paths from the site root: a page of another edition may use the default edition's images.
    base = "/" + prefix + page.url
    for link in article.find_all("a", href=True):
        target = resolve_link(link["href"], page, pages_by_url)
        if target is None:
            continue
        fragment = target.fragment
        if target.page is not None:
            link["href"] = f"#{target.page.anchor}--{fragment}" if fragment else f"#{target.page.anchor}"
        else:
            link["href"] = posixpath.normpath(posixpath.join(base, link["href"].split("#")[0])) + (f"#{fragment}" if fragment else "")
    for image in article.find_all("img", src=True):
        if not urlsplit(image["src"]).scheme:
            image["src"] = posixpath.normpath(posixpath.join(base, image["src"]))


def assemble_book(site_root: Path, nav: list, site_url: str | None, edition: str = DEFAULT,
                  part_title: Callable[[str], str] = str, page_numbers: dict[str, int] | None = None) -> str:
    """One HTML document: cover, contents, and every page of the edition in nav order grouped by part.

    ``site_root`` is the whole built site; the edition's pages are in its folder. Assets are linked
    by their path from the site root, so the book is printed from a server of the whole site.
    ``page_numbers`` maps each contents entry's anchor to the page it starts on (read from a first
    print, see ``destination_pages``); without it the contents show blank numbers of the same width.
    """
    prefix = edition_prefix(edition)
    site_dir = site_root / prefix
    pages = book_pages(nav, part_title, WEB_ONLY)
    pages_by_url = {page.url: page for page in pages}
    words = edition_labels(edition)
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    site_name = home.find("meta", property="og:site_name")
    title = site_name["content"] if site_name else home.title.get_text().strip()
    stylesheets = [
        posixpath.normpath(posixpath.join("/" + prefix, link["href"])) for link in home.select('head link[rel="stylesheet"]')
        if not urlsplit(link["href"]).scheme
    ]
    # The running header of the front matter is the edition's site name.
    print_css = (TEMPLATES_DIR / "print.css").read_text(encoding="utf-8").replace("{site_name}", title.replace('"', "'"))
    parts: list[str] = list(dict.fromkeys(page.part for page in pages if page.part))
    articles = {page.src_uri: page_article(site_dir, page, edition) for page in pages}
    questions = [question for page in pages for question in take_questions(articles[page.src_uri], page, words["quiz_book_intro"])]
    appendix = words["quiz_appendix_title"] if questions else None
    part_css = "\n".join(
        f'@page part-{index} {{ @top-center {{ content: "{name}"; font: 9pt "Noto Sans CJK SC", sans-serif; color: #666; }} }}\n'
        f".kb-part-{index} {{ page: part-{index}; }}"
        for index, name in enumerate(parts + ([appendix] if appendix else []), 1)
    )
    # The edition date comes from the content (the newest review date), not from the clock.
    dates = [meta["content"] for article in articles.values() for meta in article.find_parent("html").select('meta[property="article:modified_time"]')]
    date = max(dates) if dates else ""
    colon = words["book_colon"]
    url_line = (f"<p>{words['book_online']}{colon}{html.escape(site_url)}</p>" if site_url
                else f"<p>{html.escape(words['book_same_source'])}</p>")
    body = [
        f'<section class="kb-cover"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(words['book_subtitle'])}</p>"
        f'<div class="kb-cover__meta"><p>{words["book_edition"]}{colon}{date}</p>{url_line}</div></section>'
    ]
    body.append(contents(pages_by_part(pages), articles, parts, words["book_contents"], page_numbers, appendix))

    for part in pages_by_part(pages):
        if part.title is not None:
            index = parts.index(part.title) + 1
            body.append(f'<section class="kb-part kb-part-{index}"><h1 class="kb-part-title" id="part-{index}">{html.escape(part.title)}</h1>')
        for page in part.all_pages:
            article = articles[page.src_uri]
            _rewrite(article, page, pages_by_url, prefix)
            link_answers(article, lambda question_id: f"#answer-{question_id}", words["quiz_answer_in_appendix"])
            article.name = "section"
            article["class"] = ["kb-book-page", "md-typeset"]
            body.append(str(article))
        if part.title is not None:
            body.append("</section>")
    if appendix:
        body.append(_answers_section(questions, articles, pages_by_url, prefix, appendix, len(parts) + 1))
    links = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    return (
        f'<!doctype html><html lang="{HTML_LANG[edition]}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
        f"{links}\n<style>\n{print_css}\n{part_css}\n</style></head>\n"
        f'<body class="kb-book" dir="ltr"><div class="md-typeset">\n' + "\n".join(body) + "\n</div></body></html>\n"
    )


APPENDIX_ANCHOR = "answers"  # the appendix of self-test answers, after the last part


def _answers_section(questions: list[BookQuestion], articles: dict, pages_by_url: dict[str, BookPage], prefix: str,
                     title: str, part_number: int) -> str:
    """The appendix: every page's answers under the page's title, each linked back to its question."""
    for question in questions:
        _rewrite(question.answer, question.page, pages_by_url, prefix)

    def title_of(page: BookPage) -> str:
        heading = articles[page.src_uri].find(class_="kb-page-title")
        return heading.get_text(strip=True) if heading else page.src_uri

    answers = answers_appendix(questions, title_of, answer_id=lambda q: f"answer-{q.id}",
                               question_href=lambda q: f"#{q.page.anchor}--q-{q.id}")
    return (f'<section class="kb-part kb-part-{part_number} kb-appendix"><h1 class="kb-part-title" id="{APPENDIX_ANCHOR}">'
            f"{html.escape(title)}</h1>\n{answers}\n</section>")


def _contents_entry(anchor: str, title: str, page_numbers: dict[str, int] | None) -> str:
    # Chromium cannot compute target-counter(), so the numbers come from a first print. The number's
    # box has a fixed width, so filling it in does not move anything on the page.
    number = str(page_numbers[anchor]) if page_numbers is not None else ""
    return (f'<a class="kb-toc-entry" href="#{anchor}"><span class="kb-toc-title">{html.escape(title)}</span>'
            f'<span class="kb-toc-leader" aria-hidden="true"></span><span class="kb-toc-number">{number}</span></a>')


TOC_NUMBER_RE = re.compile(r'(<a class="kb-toc-entry" href="#([^"]+)">.*?<span class="kb-toc-number">)(</span></a>)')


def fill_page_numbers(book: str, page_numbers: dict[str, int]) -> str:
    """The assembled book with its contents' page numbers filled in: what assemble_book writes when given
    them, without assembling the book a second time."""
    return TOC_NUMBER_RE.sub(lambda m: f"{m[1]}{page_numbers[m[2]]}{m[3]}", book)


def contents(parts: list[Part], articles: dict, part_names: list[str], heading: str,
             page_numbers: dict[str, int] | None, appendix: str | None = None) -> str:
    """The book's contents: each part and each page once, then the appendix, with the page each starts on and dot leaders."""

    def page_title(page: BookPage) -> str:
        title = articles[page.src_uri].find("h1")
        return title.get_text(strip=True) if title else page.src_uri

    items = []
    for part in parts:
        entries = "".join(f'<li>{_contents_entry(page.anchor, page_title(page), page_numbers)}</li>' for page in part.pages)
        if part.title is None:
            items.append(entries)
        else:
            anchor = f"part-{part_names.index(part.title) + 1}"
            items.append(f'<li class="kb-toc-part">{_contents_entry(anchor, part.title, page_numbers)}<ol>{entries}</ol></li>')
    if appendix:
        items.append(f'<li class="kb-toc-part">{_contents_entry(APPENDIX_ANCHOR, appendix, page_numbers)}</li>')
    return f'<nav class="kb-toc"><h1 id="contents">{html.escape(heading)}</h1><ol>{"".join(items)}</ol></nav>'


def contents_anchors(parts: list[Part], part_names: list[str]) -> list[str]:
    """Every anchor the contents link to, in order (parts as part-N, pages as p-...)."""
    anchors = []
    for part in parts:
        if part.title is not None:
            anchors.append(f"part-{part_names.index(part.title) + 1}")
        anchors += [page.anchor for page in part.pages]
    return anchors


def destination_pages(pdf_path: Path) -> dict[str, int]:
    """Printed page number (1 = the cover) of every named destination: Chromium writes one per link target."""
    with pikepdf.open(pdf_path) as pdf:
        numbers = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
        dests = pdf.Root.get("/Dests")
        if dests is None:
            return {}
        return {str(name)[1:]: numbers[target[0].objgen] for name, target in dests.items()}


# ---- the text layer: Kangxi radicals back to ideographs -------------------------------------

RADICAL_RANGES = [(0x2E80, 0x2EFF), (0x2F00, 0x2FDF)]


def _is_radical(code: int) -> bool:
    return any(low <= code <= high for low, high in RADICAL_RANGES)


@cache
def radical_map(font_family: str = "Noto Sans CJK SC") -> dict[int, int]:
    """Radical code point -> the ideograph that shares its glyph in the font Chromium prints with.

    Noto CJK draws, e.g., U+2F24 ⼤ and U+5927 大 with one glyph; Chromium then writes the lowest code
    point into the PDF's ToUnicode map, so copy and search yield radicals. NFKC alone misses some
    (⻚ 页 has no NFKC form), so the font's own cmap decides, with NFKC as the fallback.
    """
    from fontTools.ttLib import TTCollection, TTFont

    mapping: dict[int, int] = {}
    font_path = subprocess.run(["fc-match", "-f", "%{file}", font_family], capture_output=True, text=True).stdout.strip()
    if font_path:
        fonts = TTCollection(font_path).fonts if font_path.endswith(".ttc") else [TTFont(font_path)]
        for font in fonts:
            cmap = font.getBestCmap()
            by_glyph: dict[str, list[int]] = {}
            for code, glyph in cmap.items():
                by_glyph.setdefault(glyph, []).append(code)
            for code, glyph in cmap.items():
                if _is_radical(code) and code not in mapping:
                    ideographs = [other for other in by_glyph[glyph] if not _is_radical(other) and other >= 0x3400]
                    if ideographs:
                        mapping[code] = min(ideographs)
    for low, high in RADICAL_RANGES:
        for code in range(low, high + 1):
            if code not in mapping:
                normal = unicodedata.normalize("NFKC", chr(code))
                if len(normal) == 1 and not _is_radical(ord(normal)) and ord(normal) >= 0x3400:
                    mapping[code] = ord(normal)
    return mapping


_BFCHAR_RE = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE_RE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_HEX_RE = re.compile(r"<([0-9A-Fa-f]+)>")


def _decode(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="surrogatepass")


def _encode(text: str) -> str:
    return text.encode("utf-16-be", errors="surrogatepass").hex().upper()


def rewrite_cmap(cmap: str, mapping: dict[int, int]) -> tuple[str, int]:
    """Rewrite a ToUnicode CMap so no destination is a radical; returns the new CMap and the change count."""
    entries: dict[str, str] = {}
    for block in _BFCHAR_RE.findall(cmap):
        tokens = _HEX_RE.findall(block)
        for source, target in zip(tokens[0::2], tokens[1::2]):
            entries[source] = _decode(target)
    for block in _BFRANGE_RE.findall(cmap):
        for line in block.strip().splitlines():
            tokens = _HEX_RE.findall(line)
            if len(tokens) < 3:
                continue
            low, high = int(tokens[0], 16), int(tokens[1], 16)
            width = len(tokens[0])
            if "[" in line:
                targets = [_decode(token) for token in tokens[2:]]
            else:
                start = _decode(tokens[2])
                targets = [start[:-1] + chr(ord(start[-1]) + offset) for offset in range(high - low + 1)]
            for offset, target in enumerate(targets):
                entries[f"{low + offset:0{width}X}"] = target
    changed = 0
    for source, target in entries.items():
        fixed = "".join(chr(mapping.get(ord(char), ord(char))) for char in target)
        if fixed != target:
            entries[source] = fixed
            changed += 1
    if not changed:
        return cmap, 0
    head = cmap[: min(m.start() for m in [*_BFCHAR_RE.finditer(cmap), *_BFRANGE_RE.finditer(cmap)])]
    head = re.sub(r"\d+\s*$", "", head)  # drop the count that preceded the first block
    tail = cmap[max(m.end() for m in [*_BFCHAR_RE.finditer(cmap), *_BFRANGE_RE.finditer(cmap)]):]
    items = sorted(entries.items())
    blocks = []
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines = "\n".join(f"<{source}> <{_encode(target)}>" for source, target in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    return head + "\n".join(blocks) + tail, changed


def repair_pdf(pdf_path: Path, headings: Sequence[str] = ()) -> tuple[int, int]:
    """Map radicals in every ToUnicode CMap to their ideographs and give the bookmarks their headings' text
    (``restore_outline_spaces``); saves compressed. Returns (CMap entries fixed, bookmarks fixed)."""
    mapping = radical_map()
    fixed = 0
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        bookmarks = restore_outline_spaces(pdf, headings)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                stream = obj.ToUnicode
                text = stream.read_bytes().decode("latin-1")
                new_text, changed = rewrite_cmap(text, mapping)
                if changed:
                    stream.write(new_text.encode("latin-1"))
                    fixed += changed
        pdf.save(pdf_path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return fixed, bookmarks


# ---- the bookmarks: the headings' own words ---------------------------------------------------

_SPACE_RE = re.compile(r"\s+")


def heading_texts(book_html: str) -> list[str]:
    """Every heading of the assembled book as a reader sees it, runs of whitespace collapsed."""
    document = BeautifulSoup(book_html, "lxml")
    return [" ".join(heading.get_text().split()) for heading in document.select("h1, h2, h3, h4, h5, h6")]


def restore_outline_spaces(pdf: pikepdf.Pdf, headings: Sequence[str]) -> int:
    """Give each bookmark its heading's text; returns the bookmarks changed.

    Chromium builds a bookmark from the heading's lines and drops the space where the heading
    wraps ("Its BiggestContribution"); the letters are right, so the heading is found by them.
    """
    by_letters = {_SPACE_RE.sub("", text): text for text in headings}
    outlines = pdf.Root.get("/Outlines")
    pending = [outlines.get("/First")] if outlines is not None else []
    fixed = 0
    while pending:
        item = pending.pop()
        if item is None:
            continue
        pending += [item.get("/Next"), item.get("/First")]
        title = str(item.get("/Title", ""))
        text = by_letters.get(_SPACE_RE.sub("", title))
        if text is not None and text != title:
            item.Title = pikepdf.String(text)
            fixed += 1
    return fixed


# ---- export: print twice, repair the text layer ----------------------------------------------

def _print(browser, url: str, target: Path) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
    page.close()


def export_pdf(site_dir: Path, edition: str = DEFAULT, log=print, browser=None) -> Path:
    """Write <edition folder>/pdf/<name>-<edition>.pdf from the built site; uses `browser` if given (tests share one).

    ``site_dir`` is the whole built site; the edition's pages are in its folder (site/en/ for en).
    """
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE))
    edition_dir = site_dir / edition_prefix(edition)
    part_title = functools.partial(section_title, edition=edition, config=config)
    pages = book_pages(config.nav, part_title, WEB_ONLY)
    parts = pages_by_part(pages)
    anchors = contents_anchors(parts, [part.title for part in parts if part.title is not None])
    book_html = edition_dir / f"_book-{edition}.html"
    target = edition_dir / book_file(edition, "pdf")
    target.parent.mkdir(exist_ok=True)
    # The whole site is served: the edition's pages may use the default edition's assets.
    server, base = chromium_browser.start_server(site_dir)
    url = f"{base}/{edition_prefix(edition)}{book_html.name}"
    try:
        with chromium_browser.chromium() if browser is None else _borrowed(browser) as printer:
            numbers = None
            log(f"[{time.perf_counter() - start:5.1f}s] {edition}: assembling {len(pages)} pages")
            unnumbered = assemble_book(site_dir, config.nav, config.site_url, edition, part_title)
            for attempt in ("first print (page numbers)", "second print (numbered contents)"):
                log(f"[{time.perf_counter() - start:5.1f}s] {edition}: {attempt}")
                book = unnumbered if numbers is None else fill_page_numbers(unnumbered, numbers)
                book_html.write_text(book, encoding="utf-8")
                if f'id="{APPENDIX_ANCHOR}"' in book and APPENDIX_ANCHOR not in anchors:
                    anchors.append(APPENDIX_ANCHOR)
                _print(printer, url, target)
                printed = destination_pages(target)
                missing = [anchor for anchor in anchors if anchor not in printed]
                if missing:
                    raise RuntimeError(f"the printed book has no destination for {', '.join(missing[:5])}")
                found = {anchor: printed[anchor] for anchor in anchors}
                if numbers is not None and found != numbers:
                    raise RuntimeError("filling in the contents' page numbers moved pages; check .kb-toc-number in templates/print.css")
                numbers = found
    finally:
        server.shutdown()
        book_html.unlink(missing_ok=True)
    log(f"[{time.perf_counter() - start:5.1f}s] repairing the text layer and the bookmarks")
    fixed, bookmarks = repair_pdf(target, heading_texts(book))
    log(f"[{time.perf_counter() - start:5.1f}s] wrote {display_path(target)} "
        f"({target.stat().st_size / 1024 / 1024:.1f} MiB; {fixed} text-layer entries and {bookmarks} bookmarks repaired)")
    return target


class _borrowed:
    """A browser the caller owns, used in a ``with`` block without closing it."""

    def __init__(self, browser):
        self.browser = browser

    def __enter__(self):
        return self.browser

    def __exit__(self, *exc):
        return False
