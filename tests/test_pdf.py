"""The PDF edition: complete, in nav order, bookmarked, fonts embedded, and text that copies correctly."""

from __future__ import annotations

import functools
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from helpers import article_of, require, site_pages, untranslated_chinese
from mkdocs.config import load_config

from llmkb.book.pages import WEB_ONLY, book_pages
from llmkb.book.pdf import export_pdf, heading_texts, radical_map, restore_outline_spaces, rewrite_cmap
from llmkb.model.editions import translation_uri
from llmkb.paths import MKDOCS_FILE
from llmkb.render.editions import edition_labels

RADICALS_RE = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")
PAGES = book_pages(load_config(config_file=str(MKDOCS_FILE)).nav, skip=WEB_ONLY)


@pytest.fixture(scope="module")
def pdf(built_site, chromium):
    require("pdftotext")
    result, site = built_site
    assert result.returncode == 0, result.stderr
    path = export_pdf(site, log=lambda message: None, browser=chromium)
    from pypdf import PdfReader

    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path, PdfReader(path), text, site


@functools.cache
def page_titles(site) -> list[str]:
    titles = []
    for page in PAGES:
        soup = BeautifulSoup((site / page.url / "index.html").read_text(encoding="utf-8"), "lxml")
        titles.append(soup.select_one("article h1").get_text(strip=True))
    return titles


def test_every_page_has_a_bookmark_in_nav_order(pdf):
    _, reader, _, site = pdf
    marks: list[tuple[str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth == 1:  # parts (and the contents) are level 0, pages level 1, headings deeper
                marks.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    doubled = [title for title, _ in marks if len(title) % 2 == 0 and title[: len(title) // 2] * 2 == title]
    assert not doubled, f"bookmarks with their title written twice: {doubled[:5]}"
    positions = []
    for title in page_titles(site):
        pages = [number for name, number in marks if name == title]
        assert pages, f"no bookmark for page {title!r}"
        positions.append(pages[0])
    assert positions == sorted(positions), "pages are not in nav order"


@functools.cache
def assembled_book(site, edition: str) -> str:
    """The book export_pdf prints for an edition (contents without page numbers), assembled once per test run."""
    from llmkb.book.pdf import assemble_book
    from llmkb.render.editions import section_title

    config = load_config(config_file=str(MKDOCS_FILE))
    return assemble_book(site, config.nav, None, edition, lambda name: section_title(name, edition, config))


def test_every_bookmark_reads_as_its_heading(pdf):
    """A bookmark is the heading's own text: no space lost where a long heading wraps ("BiggestContribution")."""
    path, reader, _, site = pdf
    headings = set(heading_texts(assembled_book(site, "zh")))
    titles: list[str] = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    strays = [title for title in titles if title not in headings]
    assert len(titles) > 500 and not strays, f"bookmarks that are not a heading's text: {strays[:5]}"


def test_bookmarks_get_back_the_space_lost_where_a_heading_wraps():
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("ChatGPT: Its BiggestContribution", 0))
        outline.root[0].children.append(pikepdf.OutlineItem("What ChatGPT is", 0))
        outline.root.append(pikepdf.OutlineItem("Not a heading", 0))
    book = "<h2>ChatGPT: Its <em>Biggest</em>\n  Contribution</h2><h3>What ChatGPT is</h3>"
    assert restore_outline_spaces(pdf, heading_texts(book)) == 1
    with pdf.open_outline() as outline:
        assert [item.title for item in outline.root] == ["ChatGPT: Its Biggest Contribution", "Not a heading"]
        assert outline.root[0].children[0].title == "What ChatGPT is"


@functools.cache
@functools.cache
def printed_pages(path) -> list[str]:
    """The text of every printed page, laid out (page n is item n - 1); read once per PDF (20 s for the book)."""
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return layout.split("\f")


CONTENTS_LINE_RE = re.compile(r"^\s*(?P<title>\S.*?)\s{2,}(?P<number>\d+)\s*$")


def contents_entries(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page number) of every line of the contents, which start on page 2 and end before the first page they list."""
    entries: list[tuple[str, int]] = []
    for number, text in enumerate(pages[1:], 2):
        if entries and number >= entries[0][1]:
            break
        for line in text.splitlines():
            match = CONTENTS_LINE_RE.match(line)
            if match:
                entries.append((match.group("title"), int(match.group("number"))))
    return entries


def test_contents_list_each_part_and_page_once_with_the_page_it_starts_on(pdf):
    path, _, _, site = pdf
    from llmkb.book.pages import pages_by_part

    expected = []
    titles = dict(zip([page.src_uri for page in PAGES], page_titles(site)))
    for part in pages_by_part(PAGES):
        if part.title is not None:
            expected.append(part.title)
        expected += [titles[page.src_uri] for page in part.pages]
    expected.append(edition_labels("zh")["quiz_appendix_title"])
    pages = printed_pages(path)
    entries = contents_entries(pages)
    assert [title for title, _ in entries] == expected, "the contents do not list each part and page once, in nav order"
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers) and numbers[0] > 2, numbers
    for title, number in entries:
        # The running header comes first, then the title; the page number is printed at the bottom.
        top = [line.strip() for line in pages[number - 1].splitlines() if line.strip()][:3]
        assert any(re.sub(r"\s+", "", title) in re.sub(r"\s+", "", line) for line in top), (
            f"contents say {title!r} is on page {number}, whose first lines are {top}")
        assert pages[number - 1].split()[-1] == str(number), f"page {number} does not print its number"


def test_titles_appear_in_the_text_in_nav_order(pdf):
    path, _, _, site = pdf
    pages = printed_pages(path)
    first = contents_entries(pages)[0][1]
    flat = re.sub(r"\s+", "", "".join(pages[first - 1:]))  # after the contents
    cursor = 0
    for title in page_titles(site):
        found = flat.find(re.sub(r"\s+", "", title), cursor)
        assert found >= 0, f"title {title!r} missing or out of order"
        cursor = found


def test_each_chapter_ends_with_its_questions_and_the_appendix_answers_them(pdf):
    """Questions at the end of the chapter without answers; every answer in the appendix, linked both ways."""
    path, _, _, site = pdf
    pages = printed_pages(path)
    words = edition_labels("zh")
    appendix = next(number for title, number in contents_entries(pages) if title == words["quiz_appendix_title"])
    body, answers = flat_text("".join(pages[:appendix - 1])), flat_text("".join(pages[appendix - 1:]))
    articles = [article_of((site / page.url / "index.html").read_text(encoding="utf-8")) for page in PAGES]
    questions = [(page, details.extract()) for page, article in zip(PAGES, articles) for details in article.select("details.kb-question")]
    # The chapters list the questions alone: no answer is left in a chapter of the assembled book.
    book = BeautifulSoup(assembled_book(site, "zh"), "lxml")
    chapters = book.select("section.kb-book-page")
    assert not [details for chapter in chapters for details in chapter.select("details")], "a chapter still holds an answer"
    listed = [item for chapter in chapters for item in chapter.select(".kb-book-questions > li")]
    assert len(listed) == len(questions) and all(item.find("p") is None for item in listed), "a chapter's questions carry their answers"
    checked = 0
    for page, details in questions:
        question = flat_text(details.select_one(".kb-question__text").get_text())
        # Pieces of 12 characters of plain text: a page break prints the running header and the page
        # number into the text, and formulas and code are extracted differently.
        asked = pieces(prose_run(details.select_one(".kb-question__text")))
        answer = pieces(prose_run(details.find("p")))
        assert mostly_in(asked, body) and mostly_in(asked, answers), f"{page.src_uri}: question {question[:30]!r} missing from its chapter or the appendix"
        assert mostly_in(answer, answers), f"{page.src_uri}: the answer to {question[:30]!r} is not in the appendix"
        checked += 1
    assert checked >= 250
    from pypdf import PdfReader

    reader = PdfReader(path)
    # Chromium writes internal links as `/Dest` names with a leading slash, like the named destinations.
    destinations = {str(name).lstrip("/") for name in reader.named_destinations}
    links = {str(annotation.get_object().get("/Dest", "")).lstrip("/") for pdf_page in reader.pages
             for annotation in pdf_page.get("/Annots") or [] if annotation.get_object().get("/Subtype") == "/Link"}
    answer_links = {link for link in links if link.startswith("answer-")}
    assert len(answer_links) == checked and answer_links <= destinations, "a question's link does not lead to its answer"


def flat_text(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pieces(run: str, size: int = 12) -> list[str]:
    return [run[start:start + size] for start in range(0, max(len(run) - size + 1, 1), size)]


def mostly_in(parts: list[str], text: str) -> bool:
    return sum(part in text for part in parts) >= len(parts) / 2


def prose_run(paragraph) -> str:
    """The paragraph's longest run of plain text, without spaces (formulas and code print differently)."""
    for element in paragraph.find_all(["math", "code", "sup"]):
        element.replace_with("\x00")
    return flat_text(max(paragraph.get_text().split("\x00"), key=lambda run: len(flat_text(run))))


def test_fonts_are_embedded(pdf):
    _, reader, _, _ = pdf
    missing = set()
    for page in reader.pages[:80]:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                continue
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            if descriptor is None or not any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", name)))
    assert not missing, f"fonts not embedded: {missing}"


def test_no_kangxi_radicals_in_extracted_text(pdf):
    _, reader, text, _ = pdf
    assert not RADICALS_RE.findall(text), "pdftotext shows radicals"
    pypdf_text = "".join(page.extract_text() for page in reader.pages[:50])  # the contents and the first chapters
    found = sorted(set(RADICALS_RE.findall(pypdf_text)))
    assert not found, f"pypdf shows radicals: {''.join(found)}"
    assert "大" in pypdf_text and "行" in pypdf_text


@pytest.mark.parametrize("uri", ["theory/what-is-llm.md", "theory/flash-attention.md", "practice/gpu-memory.md", "applications/rag.md"])
def test_summary_sentences_are_in_the_text_verbatim(pdf, uri):
    _, _, text, site = pdf
    page = next(p for p in PAGES if p.src_uri == uri)
    soup = BeautifulSoup((site / page.url / "index.html").read_text(encoding="utf-8"), "lxml")
    summary = soup.select_one("article p:not(.kb-reviewed)").get_text()
    sentence = re.split(r"[。；]", summary)[0]

    def flat(value: str) -> str:  # line breaks and citation marks are laid out differently on paper
        return re.sub(r"\s+|\[\d+\]", "", value)

    assert flat(sentence) in flat(text)


def test_formulas_are_rendered_not_raw_tex(pdf):
    _, _, text, _ = pdf
    for raw in ("\\frac", "\\sum", "$$", "\\mathcal", "arithmatex"):
        assert raw not in text, raw


def test_page_count_and_size_are_reasonable(pdf):
    path, reader, _, _ = pdf
    assert 150 <= len(reader.pages) <= 900
    assert path.stat().st_size < 40 * 1024 * 1024


def test_cmap_rewrite_maps_radicals_in_bfchar_and_bfrange():
    mapping = radical_map()
    big = mapping[0x2F24]  # ⼤ -> 大
    assert chr(big) == "大"
    cmap = (
        "/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        "2 beginbfchar\n<0003> <2F24>\n<0004> <4E00>\nendbfchar\n"
        "1 beginbfrange\n<0010> <0011> <2F00>\nendbfrange\nendcmap\n"
    )
    fixed, changed = rewrite_cmap(cmap, mapping)
    assert changed == 3  # <0003>, and both codes of the range (⼀ ⼁)
    assert "<2F24>" not in fixed and "<5927>" in fixed and "<4E00>" in fixed
    assert "begincodespacerange" in fixed and fixed.rstrip().endswith("endcmap")


def test_english_book_is_assembled_in_english(built_site):
    """The book for another edition (assembled, not printed: printing is tested above) uses that
    edition's pages, part names, book words, language and the date from its content."""
    _, site = built_site
    book = BeautifulSoup(assembled_book(site, "en"), "lxml")
    assert book.html["lang"] == "en"
    assert book.select_one(".kb-cover h1").get_text() == "LLM Knowledge Base"
    assert book.select_one("#contents").get_text() == "Contents"
    assert [part.get_text() for part in book.select(".kb-part-title")] == ["Theory", "Practice", "Applications", "Reference",
                                                                         "Appendix: Answers to the self-tests"]
    dates = [page.meta.updated.isoformat() for page in site_pages().values()]
    assert f"Edition: {max(dates)}" in book.select_one(".kb-cover").get_text()
    assert "What Is an LLM?" in book.get_text() and "This is an interactive tool" in book.get_text()
    # Every page, in nav order, is its English page, with no Chinese prose left (see test_editions.py).
    sections = book.select("section.kb-book-page")
    assert len(sections) == len(PAGES), f"{len(sections)} pages in the English book, {len(PAGES)} in the nav"
    wrong = []
    for section, page in zip(sections, PAGES):
        title = site_pages()[translation_uri(page.src_uri, "en")].meta.title if page.url else "LLM Knowledge Base"
        heading = section.find(["h1", "h2"]).get_text(strip=True)  # the book moves headings down a level
        if heading != title:
            wrong.append(f"{page.src_uri}: titled {heading!r}, not {title!r}")
        elif leaks := untranslated_chinese(str(section)):
            wrong.append(f"{page.src_uri}: Chinese prose {leaks}")
    assert not wrong, "pages of the English book that are not the English page:\n" + "\n".join(wrong)


def test_english_book_links_assets_the_site_serves(built_site):
    """Printed from a server of the whole site: every stylesheet and image path of the English book exists."""
    _, site = built_site
    book = BeautifulSoup(assembled_book(site, "en"), "lxml")
    paths = [link["href"] for link in book.select('link[rel="stylesheet"]')] + [image["src"] for image in book.select("img[src]")]
    missing = [path for path in paths if not (site / path.lstrip("/")).is_file()]
    assert paths and not missing, f"the English book refers to files the site does not have: {missing[:5]}"
