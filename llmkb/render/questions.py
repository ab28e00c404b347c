"""Self-test questions as readers see them: the 自测 section at the end of a page, and the question bank.

Each question is a ``<details>`` element (Material styles it like a collapsible admonition; it opens
and closes by mouse, keyboard and touch without a script): the question is its summary, the answer
its body, and the answer ends with a link to the section of the page that explains it. Questions
name that section by the Chinese page's heading id; an English page's headings correspond to the
Chinese page's one to one (tests/test_editions.py), so the English link is the heading at the same
position. The 繁體 edition converts the section like the rest of the page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from llmkb.model.editions import ENGLISH, translation_uri
from llmkb.model.frontmatter import Page
from llmkb.model.headings import Heading, markdown_headings
from llmkb.model.questions import Question, QuestionBank
from llmkb.render.widgets import labels_attribute

SECTION_ID = "self-test"
DIFFICULTY_MARKS = "★★★"
BANK_LABELS = "bank_"  # the bank script's words (data/labels.yaml)


def question_anchor(question: Question) -> str:
    """The id of a question's element, on its page and in the bank (q-<id>)."""
    return f"q-{question.id}"


@dataclass(frozen=True)
class Localized:
    """A question in the language of the page it is shown on, with the section that explains it."""

    question: Question
    text: str
    answer: str
    section_anchor: str
    section_title: str


def localize(question: Question, language: str, source_headings: list[Heading], page_headings: list[Heading]) -> Localized:
    """The question's words in ``language``; its section is found by position among the page's headings."""
    index = [heading.anchor for heading in source_headings].index(question.anchor)
    heading = page_headings[index]
    english = language == ENGLISH
    return Localized(question, question.question_en if english else question.question,
                     question.answer_en if english else question.answer, heading.anchor, heading.text)


def _meta(question: Question, label: Callable[..., str]) -> str:
    level = question.difficulty
    marks = DIFFICULTY_MARKS[:level] + "☆" * (3 - level)
    return (f'<span class="kb-question__meta">{html.escape(label(f"quiz_kind_{question.kind}"))} · '
            f'<span class="kb-question__level" role="img" aria-label="{html.escape(label("quiz_difficulty", level=level))}">{marks}</span></span>')


def question_markdown(item: Localized, label: Callable[..., str], section_link: str, section_text: str,
                      number: int | None = None, data: bool = True) -> str:
    """One question as Markdown in HTML (md_in_html): summary = the question, body = the answer and its section.

    ``section_link`` is a Markdown link target (``#anchor`` on the page itself, ``../theory/bpe.md#anchor``
    from the bank), so MkDocs checks that the page and the anchor exist.
    """
    question = item.question
    prefix = f'<span class="kb-question__number">{number}.</span> ' if number is not None else ""
    # The books read data-question (llmkb/book/pages.py); the bank keeps its data on the item instead.
    attributes = f' data-question="{question.id}" data-kind="{question.kind}" data-difficulty="{question.difficulty}"' if data else ""
    return (
        f'<details class="question kb-question" id="{question_anchor(question)}"{attributes} markdown="1">\n'
        f'<summary markdown="span">{prefix}<span class="kb-question__text">{item.text}</span> {_meta(question, label)}</summary>\n\n'
        f"{item.answer}\n\n"
        # A Markdown paragraph with attr_list's class, not raw HTML: md_in_html leaves a raw <p markdown>
        # unparsed when the answer before it holds inline math.
        f'{html.escape(label("quiz_explained"))}[{_link_text(section_text)}]({section_link})\n{{: .kb-question__source }}\n\n'
        "</details>\n"
    )


def _link_text(text: str) -> str:
    """Heading text as the text of a Markdown link (brackets escaped)."""
    return text.replace("[", "\\[").replace("]", "\\]")


def self_test_section(items: list[Localized], label: Callable[..., str]) -> str:
    """The 自测 section appended to a page's Markdown (before its references)."""
    questions = "\n".join(question_markdown(item, label, f"#{item.section_anchor}", item.section_title, number)
                          for number, item in enumerate(items, 1))
    return (
        f"\n\n## {label('quiz_heading')} {{#{SECTION_ID}}}\n\n"
        f'<p class="kb-self-test__intro">{html.escape(label("quiz_intro"))}</p>\n\n'
        f'<div class="kb-self-test" markdown="1">\n\n{questions}\n</div>\n'
    )


# ---- the question bank (<!-- kb:question-bank -->) ------------------------------------------

def localized_questions(bank: QuestionBank, pages: dict[str, Page], page_uri: str, language: str) -> list[Localized]:
    """A page's questions in ``language``, each with the heading of the section that explains it."""
    source_headings = markdown_headings(pages[page_uri].body)
    page_headings = markdown_headings(pages[translation_uri(page_uri, language)].body)
    return [localize(question, language, source_headings, page_headings) for question in bank.for_page(page_uri)]


def question_bank_html(bank: QuestionBank, pages: dict[str, Page], link: Callable[[str], str], language: str,
                       label: Callable[..., str]) -> str:
    """Every question, grouped by part and page, with the bank's controls (docs/assets/javascripts/question-bank.js).

    Without JavaScript the reader sees every question and answer; the controls and the "I know this"
    boxes stay hidden. The whole bank is left out of the search index: the questions are found on their pages.
    """
    parts: dict[str, dict[str, list[Localized]]] = {}
    for question in bank.questions.values():
        if translation_uri(question.page, language) not in pages:
            continue  # a page that could not be read (reported on its own) or not yet translated
        parts.setdefault(question.page.split("/")[0], {}).setdefault(question.page, [])
    for part, by_page in parts.items():
        for page_uri in by_page:
            by_page[page_uri] = localized_questions(bank, pages, page_uri, language)
    tag_names = sorted({tag for part in parts.values() for uri in part for tag in pages[translation_uri(uri, language)].meta.tags})

    def option(value: str, text: str) -> str:
        return f'<option value="{html.escape(value)}">{html.escape(text)}</option>'

    part_title = {part: pages[translation_uri(f"{part}/index.md", language)].meta.title for part in parts}
    any_option = option("", label("bank_any"))
    controls = (
        '<form class="kb-bank__controls" hidden>'
        f'<label>{html.escape(label("bank_part"))} <select name="part">{any_option}'
        + "".join(option(part, part_title[part]) for part in parts) + "</select></label>"
        f'<label>{html.escape(label("bank_tag"))} <select name="tag">{any_option}'
        + "".join(option(tag, tag) for tag in tag_names) + "</select></label>"
        f'<label>{html.escape(label("bank_difficulty"))} <select name="difficulty">{any_option}'
        + "".join(option(str(level), label("quiz_difficulty", level=level)) for level in (1, 2, 3)) + "</select></label>"
        f'<label class="kb-bank__check"><input type="checkbox" name="hide-known"> {html.escape(label("bank_hide_known"))}</label>'
        '<span class="kb-bank__buttons">'
        f'<button type="button" class="md-button md-button--primary" data-action="draw">{html.escape(label("bank_practice"))}</button>'
        f'<button type="button" class="md-button" data-action="all" hidden>{html.escape(label("bank_show_all"))}</button>'
        f'<button type="button" class="md-button" data-action="reset">{html.escape(label("bank_reset"))}</button>'
        "</span></form>\n"
        '<p class="kb-bank__status" role="status" aria-live="polite"></p>\n'
        f'<p class="kb-bank__note">{html.escape(label("bank_progress_note"))}</p>\n'
        '<div class="kb-bank__practice" hidden></div>\n'
    )
    sections = []
    for part, by_page in parts.items():
        blocks = []
        for page_uri, items in by_page.items():
            page = pages[translation_uri(page_uri, language)]
            tags = "|".join(page.meta.tags)
            entries = []
            for item in items:
                question = item.question
                entries.append(
                    f'<div class="kb-bank__item" data-id="{question.id}" data-part="{part}" data-tags="{html.escape(tags)}" '
                    f'data-difficulty="{question.difficulty}" markdown="1">\n'
                    + question_markdown(item, label, link(f"{page_uri}#{item.section_anchor}"),
                                        f"{page.meta.title} › {item.section_title}", data=False)
                    + f'<label class="kb-bank__known" hidden><input type="checkbox" value="{question.id}"> {html.escape(label("bank_known"))}</label>\n'
                    "</div>\n"
                )
            blocks.append(
                f'<div class="kb-bank__page" data-part="{part}" markdown="1">\n\n'
                f"### [{_link_text(page.meta.title)}]({link(page_uri)})\n\n" + "\n".join(entries) + "\n</div>\n"
            )
        sections.append(f'<div class="kb-bank__part" data-part="{part}" markdown="1">\n\n## {part_title[part]} {{#{part}}}\n\n'
                        + "\n".join(blocks) + "\n</div>\n")
    noscript = f'<noscript><p class="kb-bank__noscript">{html.escape(label("bank_noscript"))}</p></noscript>\n'
    return (
        f'<div class="kb-question-bank kb-bank" data-pagefind-ignore="all" {labels_attribute(BANK_LABELS, label)} markdown="1">\n\n'
        + noscript + controls + "\n".join(sections) + "\n</div>\n"
    )
