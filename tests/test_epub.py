"""The EPUB edition: valid (epubcheck), complete, in nav order, self-contained, with working links and MathML."""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from functools import cache
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import require, site_pages, untranslated_chinese
from lxml import etree
from mkdocs.config import load_config

from llmkb.book.epub import epubcheck, export_epub
from llmkb.book.pages import WEB_ONLY, book_pages, pages_by_part
from llmkb.paths import MKDOCS_FILE

CONFIG = load_config(config_file=str(MKDOCS_FILE))
PAGES = book_pages(CONFIG.nav, skip=WEB_ONLY)
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


class Epub:
    def __init__(self, path):
        self.path = path
        self._parsed: dict = {}
        with zipfile.ZipFile(path) as archive:
            self.names = archive.namelist()
            self.files = {name: archive.read(name) for name in self.names}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_name = container.find(".//{*}rootfile").get("full-path")
        self.root = posixpath.dirname(self.opf_name)
        self.opf = etree.fromstring(self.files[self.opf_name])
        manifest = {item.get("id"): item for item in self.opf.iter(f"{OPF}item")}
        self.manifest = manifest
        self.spine = [self.join(manifest[ref.get("idref")].get("href")) for ref in self.opf.iter(f"{OPF}itemref")]
        self.nav_name = self.join(next(item.get("href") for item in manifest.values() if "nav" in (item.get("properties") or "").split()))

    def join(self, href: str, base: str | None = None) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(base) if base else self.root, unquote(href)))

    def xml(self, name: str):
        if name not in self._parsed:
            self._parsed[name] = etree.fromstring(self.files[name])
        return self._parsed[name]

    def text(self, name: str) -> str:
        return "".join(self.xml(name).find(f"{XHTML}body").itertext())


@pytest.fixture(scope="module")
def book(built_site):
    result, site = built_site
    assert result.returncode == 0, result.stderr
    path = export_epub(site, log=lambda message: None, check=False)
    return Epub(path), site


@cache
def built_article(site, page) -> BeautifulSoup:
    soup = BeautifulSoup((site / page.url / "index.html").read_text(encoding="utf-8"), "lxml")
    return soup.select_one("article")


def flat(value: str) -> str:
    return re.sub(r"\s+|\[\d+\]", "", value)


def test_epubcheck_finds_no_errors_or_warnings(book):
    require("java")
    epub, _ = book
    assert epubcheck(epub.path) == []


def test_metadata_language_dates_and_reading_direction(book):
    epub, _ = book
    metadata = epub.opf.find(f"{OPF}metadata")
    newest = max(page.meta.updated for page in site_pages().values()).isoformat()
    assert metadata.findtext(f"{DC}language") == "zh"
    assert metadata.findtext(f"{DC}title") == CONFIG.site_name
    assert metadata.findtext(f"{DC}identifier").startswith("urn:uuid:")
    assert metadata.findtext(f"{DC}date") == newest
    assert metadata.findtext(f"{OPF}meta[@property='dcterms:modified']") == f"{newest}T00:00:00Z"
    assert metadata.findtext(f"{DC}creator") and metadata.findtext(f"{DC}publisher") and metadata.findtext(f"{DC}description")
    assert epub.opf.find(f"{OPF}spine").get("page-progression-direction") == "ltr"
    assert epub.names[0] == "mimetype" and epub.files["mimetype"] == b"application/epub+zip"
    css = epub.files[epub.join("style/book.css")].decode()
    assert "vertical-rl" not in css and "horizontal-tb" in css


def test_export_is_reproducible(book, tmp_path):
    epub, site = book
    first = tmp_path / "first.epub"
    shutil.copy(epub.path, first)
    second = export_epub(site, log=lambda message: None, check=False)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(second) as archive:
        assert {info.date_time for info in archive.infolist()} == {(*map(int, epub.opf.findtext(f".//{DC}date").split("-")), 0, 0, 0)}


def test_every_page_is_a_chapter_in_nav_order_with_its_title(book):
    epub, site = book
    chapters = [name for name in epub.spine if not name.endswith(("cover.xhtml", "title.xhtml", "nav.xhtml", "answers.xhtml"))]
    assert len(chapters) == len(PAGES)
    for name, page in zip(chapters, PAGES):
        title = built_article(site, page).find("h1").get_text(strip=True)
        assert flat(title) in flat(epub.text(name)), f"{page.src_uri}: title {title!r} missing from {name}"
        assert epub.xml(name).find(f".//{XHTML}h1") is not None


def test_chapters_end_with_their_questions_and_the_appendix_answers_them(book):
    """Each chapter lists its questions without answers, each linked to its answer in the appendix and back."""
    epub, site = book
    appendix = next(name for name in epub.spine if name.endswith("answers.xhtml"))
    assert epub.spine[-1] == appendix, "the answers are not the last document of the book"
    answers = {element.get("id"): element for element in epub.xml(appendix).iter() if (element.get("id") or "").startswith("answer-")}
    checked = 0
    for page, name in zip(PAGES, [n for n in epub.spine if n not in epub.spine[:3]]):
        listing = epub.xml(name).find(f".//{XHTML}ol[@class='kb-book-questions']")
        asked = flat("".join(listing.itertext())) if listing is not None else ""
        for details in built_article(site, page).select("details.kb-question"):
            question_id = details["data-question"]
            answer_text = flat(details.find("p").get_text())[:30]
            assert flat(details.select_one(".kb-question__text").get_text()) in asked, f"{name}: question {question_id} missing"
            assert answer_text not in asked, f"{name}: the answer to {question_id} is in the chapter"
            links = [a.get("href") for a in epub.xml(name).iter(f"{XHTML}a") if a.get("href", "").endswith(f"#answer-{question_id}")]
            assert links, f"{name}: question {question_id} has no link to its answer"
            answer = answers.get(f"answer-{question_id}")
            assert answer is not None and answer_text in flat("".join(answer.itertext())), f"{appendix}: no answer to {question_id}"
            back = [a.get("href") for a in answer.iter(f"{XHTML}a")]
            assert f"{posixpath.basename(name)}#q-{question_id}" in back, f"{appendix}: answer {question_id} does not lead back"
            checked += 1
    assert checked == len(answers) and checked >= 250


def test_cover_and_title_page_show_title_and_edition_date(book):
    epub, _ = book
    date = epub.opf.findtext(f".//{DC}date")
    cover = next(item for item in epub.manifest.values() if "cover-image" in (item.get("properties") or ""))
    assert epub.files[epub.join(cover.get("href"))].startswith(b"\x89PNG")
    assert epub.spine[0].endswith("cover.xhtml") and date in epub.files[epub.spine[0]].decode()
    title_page = epub.text(epub.spine[1])
    assert CONFIG.site_name in title_page and date in title_page


def test_contents_list_every_part_page_and_second_level_heading(book):
    epub, site = book
    nav = epub.xml(epub.nav_name)
    toc = nav.find(f".//{XHTML}nav[@{{http://www.idpf.org/2007/ops}}type='toc']")
    entries = [(epub.join(a.get("href"), epub.nav_name), "".join(a.itertext()).strip()) for a in toc.iter(f"{XHTML}a")]
    targets = {href for href, _ in entries}
    labels = {label for _, label in entries}
    for part in {page.part for page in PAGES if page.part}:
        assert part in labels, f"no contents entry for part {part}"
    # Each part and page once: a part's entry opens its index page, which is not listed again.
    indexes = {part.index for part in pages_by_part(PAGES) if part.index}
    titles = [label for href, label in entries if "#" not in href]  # page-level entries (a heading may share a part's name)
    for part in {page.part for page in PAGES if page.part}:
        assert titles.count(part) == 1, f"part {part} is listed {titles.count(part)} times"
    for page, name in zip(PAGES, [n for n in epub.spine if n not in epub.spine[:3]]):
        assert name in targets, f"no contents entry for {page.src_uri}"
        if page in indexes:
            assert [href for href, _ in entries].count(name) == 1, f"{page.src_uri} is listed more than once"
            continue
        for heading in built_article(site, page).find_all("h2", id=True):
            assert f"{name}#{heading['id']}" in targets, f"no contents entry for {page.src_uri}#{heading['id']}"
    ncx = next(name for name in epub.names if name.endswith(".ncx"))
    assert len(etree.fromstring(epub.files[ncx]).findall(".//{*}navPoint")) == len(entries)


@pytest.mark.parametrize("uri", ["theory/what-is-llm.md", "theory/flash-attention.md", "practice/gpu-memory.md", "applications/rag.md"])
def test_summary_sentences_are_in_the_book_verbatim(book, uri):
    epub, site = book
    page = next(p for p in PAGES if p.src_uri == uri)
    summary = built_article(site, page).select_one("article p:not(.kb-reviewed)").get_text()
    text = flat("".join(epub.text(name) for name in epub.spine))
    for sentence in [s for s in re.split(r"[。；]", summary) if len(s) > 8][:3]:
        assert flat(sentence) in text, sentence


def test_formulas_are_mathml_with_tex_alttext(book):
    epub, site = book
    built = [math.get("alttext") for page in PAGES for math in built_article(site, page).find_all("math")]
    maths = [math for name in epub.spine for math in epub.xml(name).iter("{http://www.w3.org/1998/Math/MathML}math")]
    # Wide tables repeat their column names in every record, so formulas in headings may repeat.
    assert len(built) > 100 and len(maths) >= len(built)
    assert all(math.get("alttext", "").strip() for math in maths)
    assert {" ".join(tex.split()) for tex in built} == {" ".join(math.get("alttext").split()) for math in maths}
    assert any("\\frac" in math.get("alttext") for math in maths)
    mathml_items = {epub.join(item.get("href")) for item in epub.manifest.values() if "mathml" in (item.get("properties") or "")}
    assert mathml_items == {name for name in epub.spine if b"<math" in epub.files[name]}
    for name in epub.spine:
        body = re.sub(r"<(pre|code|math)\b.*?</\1>", "", epub.files[name].decode(), flags=re.S)
        assert "arithmatex" not in body and not re.search(r"\\\(|\\\[|\$\$", body), name


def test_diagrams_and_charts_are_svg_files_in_the_book(book):
    epub, _ = book
    images = [epub.join(img.get("src"), name) for name in epub.spine for img in epub.xml(name).iter(f"{XHTML}img")]
    svgs = [image for image in images if image.endswith(".svg")]
    assert len(svgs) >= 30 and all(image in epub.files for image in images)
    assert any("charts" in image for image in svgs), "the charts drawn from data/ are missing"
    for name in epub.spine:
        for img in epub.xml(name).iter(f"{XHTML}img"):
            assert img.get("alt"), f"{name}: image without alt text"


def test_no_external_resources_and_no_site_chrome(book):
    epub, _ = book
    for name, data in epub.files.items():
        if not name.endswith((".xhtml", ".css", ".svg", ".opf")):
            continue
        text = data.decode("utf-8")
        tree_refs = re.findall(r'\b(?:src|xlink:href)="([^"]+)"|url\(\s*["\']?([^"\')]+)', text)
        for ref in (a or b for a, b in tree_refs):
            assert not re.match(r"(https?:)?//", ref), f"{name} loads {ref}"
        for link in re.findall(r'<link [^>]*href="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", link), f"{name} loads {link}"
        if name.endswith(".xhtml"):
            for chrome in ("<script", "md-header", "md-nav", "md-footer", "md-search", "md-sidebar", "headerlink", "kb-search-data", "<details"):
                assert chrome not in text, f"{name} contains {chrome}"


def test_internal_links_resolve_inside_the_book(book):
    epub, _ = book
    ids = {name: {element.get("id") for element in epub.xml(name).iter() if element.get("id")} for name in epub.spine}
    checked = 0
    for name in [*epub.spine, epub.nav_name]:
        for link in epub.xml(name).iter(f"{XHTML}a"):
            href = link.get("href")
            if href is None or urlsplit(href).scheme:
                continue
            parts = urlsplit(href)
            target = epub.join(parts.path, name) if parts.path else name
            assert target in ids, f"{name}: link {href} leaves the book"
            if parts.fragment:
                assert unquote(parts.fragment) in ids[target], f"{name}: link {href} has no target id"
            checked += 1
    assert checked > 1000


@cache
def edition_book(site, edition: str):
    """Each edition's book, exported once per test run."""
    return export_epub(site, edition, log=lambda message: None, check=False)


@pytest.mark.parametrize("edition", ["en", "zh-Hant"])
def test_every_edition_gets_its_own_valid_book(built_site, edition):
    """One EPUB per edition, in the edition's folder, in its language: parts, book words and tag."""
    from llmkb.model.editions import HTML_LANG, edition_prefix
    from llmkb.render.editions import edition_labels, section_title

    _, site = built_site
    path = edition_book(site, edition)
    assert path == site / edition_prefix(edition) / "epub" / f"llm-notes-{edition}.epub"
    epub = Epub(path)
    assert epub.opf.findtext(f".//{DC}language") == HTML_LANG[edition]
    contents = "".join(epub.xml(epub.nav_name).itertext())
    assert edition_labels(edition)["book_contents"] in contents
    for part in dict.fromkeys(page.part for page in PAGES if page.part):
        assert section_title(part, edition, CONFIG) in contents, f"{edition}: no contents entry for part {part}"
    if edition == "en":
        assert "Theory" in contents and "What Is an LLM?" in contents and "理论篇" not in contents
    else:
        assert "理論篇" in contents and "理论篇" not in contents
    require("java")
    assert epubcheck(path) == [], f"epubcheck found problems in the {edition} book"


def test_english_book_has_every_page_in_english(built_site):
    """Every page of the nav is a chapter of the English book, as its English page, with no Chinese prose left."""
    from llmkb.model.editions import translation_uri

    _, site = built_site
    epub = Epub(edition_book(site, "en"))
    chapters = [name for name in epub.spine if not name.endswith(("cover.xhtml", "title.xhtml", "nav.xhtml", "answers.xhtml"))]
    assert len(chapters) == len(PAGES), f"{len(chapters)} chapters in the English book, {len(PAGES)} pages in the nav"
    wrong = []
    for name, page in zip(chapters, PAGES):
        title = site_pages()[translation_uri(page.src_uri, "en")].meta.title if page.url else CONFIG.site_name
        heading = "".join(epub.xml(name).find(f".//{XHTML}h1").itertext()).strip()
        leaks = untranslated_chinese(epub.files[name].decode("utf-8"))
        if heading not in (title, "LLM Knowledge Base") or leaks:
            wrong.append(f"{page.src_uri} ({name}): titled {heading!r}, Chinese prose {leaks}")
    assert not wrong, "chapters of the English book that are not the English page:\n" + "\n".join(wrong)


def test_a_link_to_another_edition_is_not_a_link_into_the_book():
    """The stale-translation notice links the Chinese original (../../../theory/bpe/ from en/theory/bpe/):
    in the English book that is not the English chapter of the same name."""
    from llmkb.book.pages import BookPage, resolve_link

    page = BookPage("theory/bpe.md", "理论篇")
    pages_by_url = {entry.url: entry for entry in PAGES}
    other = resolve_link("../../../theory/bpe/", page, pages_by_url)
    assert other is not None and other.page is None and other.path == "theory/bpe/", other
    same = resolve_link("../training-pipeline/#reward-model", page, pages_by_url)
    assert same is not None and same.page is not None and same.page.src_uri == "theory/training-pipeline.md" and same.fragment == "reward-model"
