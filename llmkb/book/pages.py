"""What the books (PDF, EPUB) and llms.txt share: the pages in nav order, grouped by part, and each page's article as built.

A book is assembled from the *built* site of one language edition (its output folder), so it uses
exactly what the site shows, needs no second copy of the content and works for any edition.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from llmkb.model.editions import DEFAULT
from llmkb.model.urls import page_url
from llmkb.render.editions import edition_labels

# Elements of a built page that belong to the website, not to a book.
# Classes of elements that only make sense on the website, and its scripts.
SITE_ONLY_CLASSES = frozenset({"md-content__button", "headerlink", "kb-search-data", "md-source-file", "md-tags", "md-feedback"})
SITE_ONLY_ELEMENTS = frozenset({"script"})

# Interactive tools need the website: in a book they become a pointer to it.
WIDGET_CLASSES = frozenset({"kb-gpu-estimator", "kb-bpe-visualizer"})
WIDGET_NOTE = '<p class="kb-print-note"><em>{note}</em></p>'


@dataclass(frozen=True)
class BookPage:
    src_uri: str
    part: str | None  # None for pages outside any part (the home page)

    @property
    def url(self) -> str:
        """The page's URL path relative to the site root, as MkDocs builds it (use_directory_urls)."""
        return page_url(self.src_uri)

    @property
    def anchor(self) -> str:
        return "p-" + (self.src_uri.removesuffix(".md").replace("/", "-") or "home")


# Pages that only work on the website. The question bank is one: a book has each page's questions at
# the end of its chapter and their answers in an appendix instead.
WEB_ONLY = frozenset({"reference/question-bank.md"})


def book_pages(nav: list, part_title: Callable[[str], str] = str, skip: frozenset[str] = frozenset()) -> list[BookPage]:
    """Pages in nav order, each with the name of the part (top-level section) it belongs to.

    ``part_title`` gives a part's name in the edition the book is made for (llmkb.model.editions.section_title);
    pages in ``skip`` (for the books: ``WEB_ONLY``) are left out.
    """
    pages: list[BookPage] = []

    def walk(items, part):
        for item in items:
            if isinstance(item, str):
                pages.append(BookPage(item, part))
            elif isinstance(item, dict):
                ((name, value),) = item.items()
                if isinstance(value, list):
                    walk(value, part or part_title(name))
                else:
                    pages.append(BookPage(value, part))

    walk(nav, None)
    return [page for page in pages if page.src_uri not in skip]


@dataclass(frozen=True)
class Part:
    """One part of the book (a top-level nav section), or the pages outside any part (``title`` None).

    ``index`` is the part's own index page: the part's entry in a contents list stands for it, so a
    contents list names each part and each page once.
    """

    title: str | None
    index: BookPage | None
    pages: tuple[BookPage, ...]  # in nav order, without ``index``

    @property
    def all_pages(self) -> tuple[BookPage, ...]:
        return (self.index, *self.pages) if self.index else self.pages


def pages_by_part(pages: list[BookPage]) -> list[Part]:
    """Pages grouped by part in nav order (what the PDF's contents, the EPUB's navigation and llms.txt list)."""
    groups: list[tuple[str | None, list[BookPage]]] = []
    for page in pages:
        if groups and groups[-1][0] == page.part:
            groups[-1][1].append(page)
        else:
            groups.append((page.part, [page]))
    parts = []
    for title, members in groups:
        first = members[0]
        index = first if title is not None and posixpath.basename(first.src_uri) == "index.md" else None
        parts.append(Part(title, index, tuple(members[1:] if index else members)))
    return parts


def page_article(site_dir: Path, page: BookPage, edition: str = DEFAULT) -> BeautifulSoup:
    """The built page's article without site-only elements; still attached to the parsed page (for its head)."""
    soup = BeautifulSoup(head_and_article((site_dir / page.url / "index.html").read_text(encoding="utf-8")), "lxml")
    article = soup.find("article", class_="md-content__inner")
    if article is None:
        raise ValueError(f"{page.src_uri}: built page has no article.md-content__inner")
    # find_all with a plain test walks the tree once and much faster than CSS selectors (books of 60+ pages).
    for element in article.find_all(lambda tag: tag.name in SITE_ONLY_ELEMENTS or has_class(tag, SITE_ONLY_CLASSES)):
        if not element.decomposed:  # inside an element removed before it
            element.decompose()
    for widget in article.find_all(lambda tag: has_class(tag, WIDGET_CLASSES)):
        note = html.escape(edition_labels(edition)["book_widget_note"])
        widget.replace_with(BeautifulSoup(WIDGET_NOTE.format(note=note), "lxml").p)
    # Tooltips mean nothing in a book, and Chromium tags <abbr title> so that text extraction
    # returns the expansion instead of the word on the page.
    for abbr in article.find_all("abbr"):
        abbr.unwrap()
    return article


def article_html(page_html: str) -> str | None:
    """A built page's ``<article>`` element as text, or None: the header, navigation and footer are
    about half of every page, and the books and most page checks never look at them."""
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    if start < 0 or end < start:
        return None
    return page_html[start:end + len("</article>")]


def head_and_article(page_html: str) -> str:
    """The page without its header, navigation and footer: parsing half the text saves seconds per book.
    The whole page when its article cannot be found this way (page_article then says so)."""
    head_end, article = page_html.find("</head>"), article_html(page_html)
    if head_end < 0 or article is None:
        return page_html
    return f"{page_html[:head_end]}</head><body>{article}</body></html>"


def has_class(tag, classes: frozenset[str]) -> bool:
    return not classes.isdisjoint(tag.get("class") or ())


_EDITION_ROOT = "kb-edition"  # stands for the edition's folder while resolving a link


@dataclass(frozen=True)
class LinkTarget:
    page: BookPage | None  # the book page linked to; None for other files of the site
    path: str  # path relative to the site root, e.g. "theory/bpe/" or "assets/charts/datamix.svg"
    # (relative to the edition's root for this edition's files, to the whole site's root for another edition's)
    fragment: str


def resolve_link(href: str, page: BookPage, pages_by_url: dict[str, BookPage]) -> LinkTarget | None:
    """Where a link of a built page points inside the site; None for links to other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if not parts.path:
        return LinkTarget(page, page.url, parts.fragment)
    # A link that climbs out of the edition's folder leads to another edition (the English page's
    # notice linking its Chinese original): not a page of this book, even where the URLs look alike.
    outside = posixpath.normpath(posixpath.join(f"/{_EDITION_ROOT}/" + page.url, parts.path))
    if not (outside + "/").startswith(f"/{_EDITION_ROOT}/"):
        path = outside.lstrip("/") + ("/" if parts.path.endswith("/") else "")
        return LinkTarget(None, path, parts.fragment)
    path = posixpath.normpath(posixpath.join("/" + page.url, parts.path)).lstrip("/")
    if path and parts.path.endswith("/"):
        path += "/"
    target = pages_by_url.get(path) or pages_by_url.get(path + "/")
    return LinkTarget(target, target.url if target else path, parts.fragment)


# ---- self-test questions: at the end of each chapter without answers, the answers in an appendix ----

@dataclass
class BookQuestion:
    """One self-test question taken out of a built page (hooks/questions.py wrote it as <details>)."""

    page: BookPage
    id: str
    number: str  # as shown on the page, e.g. "3."
    question: Tag  # the question's text
    answer: Tag  # a <div> holding the answer and the link to its section, detached from the page


def take_questions(article, page: BookPage, book_intro: str) -> list[BookQuestion]:
    """Replace the page's 自测 answers by a numbered list of questions; return the questions with their answers.

    Each question becomes ``<li id="q-ID">`` ending in an ``<a data-answer="ID">`` without a target:
    the book sets it once it knows where the answer is (after its own link rewriting, which would
    otherwise treat it as a link inside the page). Links in the answers are still the page's own.
    """
    box = article.find(class_="kb-self-test")
    if box is None:
        return []
    soup = BeautifulSoup("", "lxml")
    questions = []
    listing = soup.new_tag("ol", attrs={"class": "kb-book-questions"})
    for details in box.find_all("details", attrs={"class": "kb-question", "data-question": True}):
        question_id = details["data-question"]
        number = details.select_one(".kb-question__number")
        number = number.get_text(strip=True) if number else ""
        text = details.select_one(".kb-question__text").extract()
        text.name = "span"
        details.summary.decompose()
        answer = soup.new_tag("div", attrs={"class": "kb-book-answer__body"})
        for child in list(details.contents):
            answer.append(child.extract())
        item = soup.new_tag("li", attrs={"id": details["id"], "class": "kb-book-question"})
        item.append(text)
        item.append(" ")
        item.append(soup.new_tag("a", attrs={"class": "kb-book-answer-link", "data-answer": question_id}))
        listing.append(item)
        questions.append(BookQuestion(page, question_id, number, text, answer))
    box.replace_with(listing)
    intro = article.find(class_="kb-self-test__intro")
    if intro is not None:
        intro.string = book_intro
    return questions


def link_answers(article, href: Callable[[str], str], text: str) -> None:
    """Point each question's answer link (see take_questions) at its answer in the appendix."""
    for link in article.find_all("a", attrs={"data-answer": True}):
        link["href"] = href(link["data-answer"])
        link.string = text


def answers_appendix(questions: list[BookQuestion], title_of: Callable[[BookPage], str], answer_id: Callable[[BookQuestion], str], question_href: Callable[[BookQuestion], str],
                     page_heading: str = "h2") -> str:
    """The appendix of answers (without its own title): a heading per page, each answer linked back to its question."""
    blocks: list[str] = []
    current: BookPage | None = None
    for question in questions:
        if question.page != current:
            if current is not None:
                blocks.append("</div>")
            current = question.page
            blocks.append(f'<div class="kb-book-answers"><{page_heading}>{html.escape(title_of(current))}</{page_heading}>')
        blocks.append(
            f'<div class="kb-book-answer" id="{answer_id(question)}"><p class="kb-book-answer__question">'
            f'<a href="{question_href(question)}">{html.escape(question.number)}</a> {question.question.decode_contents()}</p>'
            f"{question.answer.decode_contents()}</div>"
        )
    if current is not None:
        blocks.append("</div>")
    return "\n".join(blocks)
