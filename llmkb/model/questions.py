"""Self-test questions: one data file per part (data/questions/<part>.yaml), validated against the pages.

Every theory, practice and application page ends with 3 to 6 questions that the page answers: concept
questions, calculations where the page has a formula, and at least one interview-style open question.
Each question names the section (``anchor``, a heading id of the Chinese page) that explains it; a
calculation also carries its ``value``, which tests/test_self_test_calculations.py recomputes from the
examples' code. Problems are reported with the file, the line and the fix.

    uv run python -m llmkb.model.questions        # check every question file against the pages

The build reads them once (llmkb/build/context.py); ``llmkb check`` runs the same checks.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from llmkb.errors import ContentError, ContentErrors
from llmkb.model.bilingual import Bilingual
from llmkb.model.frontmatter import TOPIC_SECTIONS, Page
from llmkb.model.headings import markdown_headings
from llmkb.model.yamlfile import file_stamps
from llmkb.paths import DATA_DIR

QUESTIONS_DIR = DATA_DIR / "questions"
PARTS = tuple(section.rstrip("/") for section in TOPIC_SECTIONS)  # theory, practice, applications
MIN_PER_PAGE, MAX_PER_PAGE = 3, 6
KINDS = ("concept", "calculation", "open")
# A sentence ends with a full stop, question or exclamation mark (Chinese), or . ? ! before a space (English).
_ZH_SENTENCE_RE = re.compile(r"[。！？]")
_EN_SENTENCE_RE = re.compile(r"[.!?](?=\s|$)")
_CODE_OR_MATH_RE = re.compile(r"`[^`]*`|\$[^$]*\$")
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")  # raw HTML: Markdown would pass it through as an element


class Question(Bilingual):
    """One question with its answer, in Chinese and English."""

    # The anchor is a heading id (often a Unicode slug of the Chinese heading), not text shown to readers;
    # the English page's headings correspond one to one, so it needs no English version.
    ONLY_CHINESE: ClassVar[frozenset[str]] = Bilingual.ONLY_CHINESE | {"anchor"}

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    page: str = Field(pattern=r"^(theory|practice|applications)/[a-z0-9-]+\.md$")
    anchor: str = Field(min_length=1)
    kind: Literal["concept", "calculation", "open"]
    difficulty: int = Field(ge=1, le=3)
    question: str = Field(min_length=6)
    answer: str = Field(min_length=20)
    question_en: str = Field(min_length=10)
    answer_en: str = Field(min_length=40)
    value: float | None = None  # the number a calculation arrives at (recomputed by the tests)

    @field_validator("question", "answer", "question_en", "answer_en")
    @classmethod
    def _no_raw_html(cls, value: str) -> str:
        tag = _TAG_RE.search(_CODE_OR_MATH_RE.sub("", value))
        if tag:
            raise ValueError(f"{tag.group(0)!r} would be read as an HTML tag; write it in backticks (`{tag.group(0)}`)")
        return value

    @field_validator("question")
    @classmethod
    def _asks(cls, value: str) -> str:
        if not value.rstrip().endswith(("？", "?")):
            raise ValueError("end the question with '？'")
        return value

    @field_validator("answer")
    @classmethod
    def _answer_length(cls, value: str) -> str:
        sentences = len(_ZH_SENTENCE_RE.findall(_CODE_OR_MATH_RE.sub("", value)))
        if not 2 <= sentences <= 6:
            raise ValueError(f"an answer is 2 to 6 sentences (found {sentences})")
        return value

    @field_validator("answer_en")
    @classmethod
    def _answer_en_length(cls, value: str) -> str:
        sentences = len(_EN_SENTENCE_RE.findall(_CODE_OR_MATH_RE.sub("", value)))
        if not 2 <= sentences <= 7:
            raise ValueError(f"an English answer is 2 to 6 sentences (found {sentences})")
        return value

    @model_validator(mode="after")
    def _value_for_calculations(self) -> Question:
        if self.kind == "calculation":
            if self.value is None:
                raise ValueError("a calculation needs 'value', the number the answer arrives at (the tests recompute it)")
            if not _mentions(self.answer, self.value) or not _mentions(self.answer_en, self.value):
                raise ValueError(f"the answers must state the value {self.value:g} (as written in 'value')")
        elif self.value is not None:
            raise ValueError("only calculation questions carry 'value'")
        return self


def _mentions(text: str, value: float) -> bool:
    plain = text.replace(",", "").replace("\u2009", "")
    return any(form in plain for form in {f"{value:g}", f"{value:.0f}" if value == int(value) else f"{value:g}"})


@dataclass(frozen=True)
class QuestionBank:
    questions: dict[str, Question]  # by id, in file order
    lines: dict[str, tuple[Path, int]]  # where each question is defined

    def for_page(self, src_uri: str) -> list[Question]:
        return [question for question in self.questions.values() if question.page == src_uri]


def question_file(part: str) -> Path:
    return QUESTIONS_DIR / f"{part}.yaml"


def parse_questions(directory: Path = QUESTIONS_DIR) -> tuple[QuestionBank, list[ContentError]]:
    """Every question file read and validated on its own (schema, unique ids, the right file for its page).

    Read again only when a file changed (size or modification time): ``mkdocs serve`` checks the site
    after every save."""
    bank, errors = _parse_questions(directory, file_stamps(directory / f"{part}.yaml" for part in PARTS))
    return bank, list(errors)


@lru_cache(maxsize=2)
def _parse_questions(directory: Path, stamps: tuple) -> tuple[QuestionBank, tuple[ContentError, ...]]:
    from llmkb.model.refdata import _load_entries  # the data files' shared YAML-list loader

    questions: dict[str, Question] = {}
    lines: dict[str, tuple[Path, int]] = {}
    errors: list[ContentError] = []
    for part in PARTS:
        path = directory / f"{part}.yaml"
        if not path.is_file():
            errors.append(ContentError(path, f"no question file for the {part} part", f"create {path.name} with the questions of every {part} page"))
            continue
        entries, entry_lines, file_errors = _load_entries(path, Question)
        errors.extend(file_errors)
        for question_id, question in entries.items():
            line = entry_lines[question_id]
            if question_id in questions:
                first = lines[question_id]
                errors.append(ContentError(path, f"duplicate id '{question_id}' (first in {first[0].name}:{first[1]})", "give every question a unique id", line))
                continue
            if not question.page.startswith(part + "/"):
                errors.append(ContentError(path, f"question '{question_id}' is about {question.page}, not a {part} page",
                                           f"move it to data/questions/{question.page.split('/')[0]}.yaml", line))
            questions[question_id] = question
            lines[question_id] = (path, line)
    return QuestionBank(questions, lines), tuple(errors)


def check_against_pages(bank: QuestionBank, pages: dict[str, Page]) -> list[ContentError]:
    """Each question's page and section exist; every content page has 3 to 6 questions, one of them open."""
    errors: list[ContentError] = []
    for question_id, question in bank.questions.items():
        path, line = bank.lines[question_id]
        page = pages.get(question.page)
        if page is None:
            errors.append(ContentError(path, f"question '{question_id}': no page {question.page}", "use a page path under docs/, e.g. theory/bpe.md", line))
            continue
        anchors = [heading.anchor for heading in markdown_headings(page.body)]
        if question.anchor not in anchors:
            errors.append(ContentError(path, f"question '{question_id}': {question.page} has no section '{question.anchor}'",
                                       f"use one of its anchors (uv run python -m llmkb.model.headings docs/{question.page}): {', '.join(anchors[:8])} ...", line))
    for uri, page in sorted(pages.items()):
        if not page.is_topic or page.language != "zh":
            continue
        own = bank.for_page(uri)
        where = question_file(uri.split("/")[0])
        if not MIN_PER_PAGE <= len(own) <= MAX_PER_PAGE:
            errors.append(ContentError(where, f"{uri} has {len(own)} questions", f"give every content page {MIN_PER_PAGE} to {MAX_PER_PAGE} questions"))
        elif not any(question.kind == "open" for question in own):
            errors.append(ContentError(where, f"{uri} has no open (interview-style) question", "add one question with kind: open", bank.lines[own[0].id][1]))
    return errors


def load_questions(pages: dict[str, Page], directory: Path = QUESTIONS_DIR) -> QuestionBank:
    """The question files, checked on their own and against the pages; raises ContentErrors with every problem."""
    bank, errors = parse_questions(directory)
    errors += check_against_pages(bank, pages)
    if errors:
        raise ContentErrors(errors)
    return bank


if __name__ == "__main__":
    from llmkb.model.frontmatter import load_pages

    try:
        bank = load_questions(load_pages())
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        sys.exit(1)
    print(f"{len(bank.questions)} questions, all valid")
