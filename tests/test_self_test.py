"""Self-test questions: 3 to 6 on every content page in every edition, the question bank, and bad question data.

The questions live in data/questions/<part>.yaml (llmkb/model/questions.py); hooks/questions.py adds
them to the end of each theory, practice and application page, and the kb:question-bank marker lists
them all on reference/question-bank.md with docs/assets/javascripts/question-bank.js.
"""

from __future__ import annotations

import gzip
import json

import pytest
from bs4 import BeautifulSoup

from llmkb.model.frontmatter import load_pages
from llmkb.model.questions import MAX_PER_PAGE, MIN_PER_PAGE, PARTS, check_against_pages, parse_questions
from llmkb.paths import DOCS_DIR
from llmkb.render.hant import convert_text

EDITIONS = {"zh": "", "zh-Hant": "zh-Hant/", "en": "en/"}
BANK = "reference/question-bank/"
BANK_BUDGET_GZIP_KIB = 160  # the bank lists every answer; this is what a reader on a phone downloads
STORAGE_KEY = "kb-known-questions"
TOPIC_PAGES = sorted(uri for uri, page in load_pages(DOCS_DIR).items() if page.is_topic and page.language == "zh")


def built(site, edition: str, uri: str) -> BeautifulSoup:
    path = site / EDITIONS[edition] / uri.removesuffix(".md") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


# ---- every content page, every edition ---------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_every_content_page_ends_with_3_to_6_questions_linked_to_their_sections(built_site, edition):
    result, site = built_site
    assert result.returncode == 0, result.stderr
    problems, total = [], 0
    for uri in TOPIC_PAGES:
        soup = built(site, edition, uri)
        section = soup.select_one("article h2#self-test")
        if section is None:
            problems.append(f"{uri}: no 自测 section (h2#self-test)")
            continue
        questions = soup.select("article .kb-self-test details.kb-question")
        total += len(questions)
        if not MIN_PER_PAGE <= len(questions) <= MAX_PER_PAGE:
            problems.append(f"{uri}: {len(questions)} questions")
        if not any(question["data-kind"] == "open" for question in questions):
            problems.append(f"{uri}: no open question")
        ids = {element["id"] for element in soup.select("article [id]")}
        for question in questions:
            if question.has_attr("open"):
                problems.append(f"{uri}: {question['id']} shows its answer before it is opened")
            link = question.select_one(".kb-question__source a[href^='#']")
            if link is None or link["href"][1:] not in ids:
                problems.append(f"{uri}: {question['id']} does not link to a section of the page")
            if len(question.get_text(strip=True)) < 60:
                problems.append(f"{uri}: {question['id']} has no answer")
        # The questions come after the body and before the references.
        following = [h2.get("id") for h2 in section.find_all_next("h2")]
        if following != ["references"]:
            problems.append(f"{uri}: the 自测 section is followed by {following}, not only by the references")
    assert not problems, "\n".join(problems)
    assert total >= 250, f"{edition}: only {total} questions"


def test_traditional_edition_shows_the_questions_converted(built_site):
    _, site = built_site
    simplified = built(site, "zh", "theory/bpe.md").select_one("article .kb-self-test details summary .kb-question__text").get_text()
    traditional = built(site, "zh-Hant", "theory/bpe.md").select_one("article .kb-self-test details summary .kb-question__text").get_text()
    assert traditional == convert_text(simplified) and traditional != simplified


def test_english_pages_ask_in_english(built_site):
    _, site = built_site
    for uri in TOPIC_PAGES:
        soup = built(site, "en", uri)
        assert soup.select_one("h2#self-test").get_text(strip=True).rstrip("¶") == "Self-test", uri
        for text in soup.select(".kb-self-test .kb-question__text"):
            chinese = sum("\u4e00" <= char <= "\u9fff" for char in text.get_text())
            assert chinese <= 6, f"{uri}: question in Chinese on the English page: {text.get_text()!r}"


# ---- the question data ------------------------------------------------------------------------

QUESTION = """\
- id: {id}
  page: theory/bpe.md
  anchor: {anchor}
  kind: concept
  difficulty: 2
  question: 为什么要切成子词？
  answer: {answer}
  question_en: Why split text into subwords?
  answer_en: Subwords keep the vocabulary small. They also leave no word unknown, because rare words are built from pieces.
"""
GOOD_ANSWER = "子词让词表保持在几万的规模。生僻词可以由常见片段拼出来，所以不会出现未知词。"


def write_bank(tmp_path, theory: str):
    for part in PARTS:
        (tmp_path / f"{part}.yaml").write_text(theory if part == "theory" else "[]\n", encoding="utf-8")
    return parse_questions(tmp_path)


def test_the_project_questions_are_valid_and_cover_every_content_page():
    bank, errors = parse_questions()
    errors += check_against_pages(bank, load_pages(DOCS_DIR))
    assert not errors, "\n".join(str(error) for error in errors)
    assert len(bank.questions) >= 250
    assert {question.page for question in bank.questions.values()} == set(TOPIC_PAGES)


@pytest.mark.parametrize(("entry", "message", "line"), [
    (QUESTION.format(id="bpe-a", anchor="no-such-section", answer=GOOD_ANSWER), "has no section 'no-such-section'", 1),
    (QUESTION.format(id="bpe-a", anchor="为什么要切成子词", answer=GOOD_ANSWER)
     + QUESTION.format(id="bpe-a", anchor="为什么要切成子词", answer=GOOD_ANSWER), "duplicate id 'bpe-a'", 10),
    (QUESTION.format(id="bpe-a", anchor="为什么要切成子词", answer='""'), "answer", 1),
    (QUESTION.format(id="Bpe A", anchor="为什么要切成子词", answer=GOOD_ANSWER), "id", 1),
])
def test_bad_question_data_is_reported_with_file_line_and_fix(tmp_path, entry, message, line):
    bank, errors = write_bank(tmp_path, entry)
    errors += check_against_pages(bank, {uri: page for uri, page in load_pages(DOCS_DIR).items() if uri == "theory/bpe.md"})
    matching = [error for error in errors if message in str(error)]
    assert matching, f"no error mentioning {message!r}: {[str(error) for error in errors]}"
    error = matching[0]
    assert error.path.name == "theory.yaml" and error.line == line, (error.path, error.line)
    assert error.fix, "the error says how to fix it"


def test_a_content_page_without_questions_is_an_error(tmp_path):
    bank, errors = write_bank(tmp_path, "[]\n")
    pages = {uri: page for uri, page in load_pages(DOCS_DIR).items() if uri == "theory/bpe.md"}
    errors += check_against_pages(bank, pages)
    assert any("theory/bpe.md has 0 questions" in str(error) for error in errors), [str(error) for error in errors]


# ---- answers open and close: mouse, keyboard, touch ----------------------------------------------

def test_an_answer_opens_and_closes_by_mouse_and_keyboard(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/theory/bpe/")
    question = page.locator(".kb-self-test details.kb-question").first
    answer = question.locator("p").first
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    question.locator("summary").click()
    assert not answer.is_visible()
    question.locator("summary").focus()
    page.keyboard.press("Enter")
    assert answer.is_visible()
    page.keyboard.press("Space")
    assert not answer.is_visible()


def test_an_answer_opens_and_closes_by_touch(browser_page):
    base, page = browser_page
    page.goto(f"{base}/en/practice/lora-vs-qlora/")
    question = page.locator(".kb-self-test details.kb-question").nth(1)
    question.scroll_into_view_if_needed()
    answer = question.locator("p").first
    question.locator("summary").tap()
    assert answer.is_visible()
    question.locator("summary").tap()
    assert not answer.is_visible()


# ---- the question bank ---------------------------------------------------------------------------

def visible_items(page) -> list[str]:
    return page.eval_on_selector_all(".kb-bank__part .kb-bank__item:not([hidden])", "items => items.map(i => i.dataset.id)")


@pytest.fixture
def bank_page(desktop_page):
    base, page = desktop_page
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url) if not request.url.startswith((base, "data:", "blob:")) else None)
    page.goto(f"{base}/{BANK}", wait_until="networkidle")
    page.wait_for_selector(".kb-bank__controls:not([hidden])")
    yield base, page
    assert not external, f"the bank requested other hosts: {external}"


def test_bank_lists_every_question_once(built_site):
    _, site = built_site
    bank, _ = parse_questions()
    for edition in EDITIONS:
        soup = BeautifulSoup((site / EDITIONS[edition] / BANK / "index.html").read_text(encoding="utf-8"), "lxml")
        ids = [item["data-id"] for item in soup.select(".kb-bank__item")]
        assert sorted(ids) == sorted(bank.questions), f"{edition}: the bank does not list every question once"
        assert soup.select_one(".kb-bank")["data-pagefind-ignore"] == "all", "the bank would crowd search results"


def test_bank_filters_by_part_tag_and_difficulty(bank_page):
    _, page = bank_page
    everything = visible_items(page)
    bank, _ = parse_questions()
    assert len(everything) == len(bank.questions)
    page.select_option(".kb-bank__controls select[name=part]", "practice")
    practice = visible_items(page)
    assert practice and set(practice) == {i for i, q in bank.questions.items() if q.page.startswith("practice/")}
    page.select_option(".kb-bank__controls select[name=difficulty]", "3")
    hard = visible_items(page)
    assert hard and set(hard) == {i for i in practice if bank.questions[i].difficulty == 3}
    status = page.locator(".kb-bank__status").inner_text()
    assert str(len(hard)) in status
    page.select_option(".kb-bank__controls select[name=part]", "")
    page.select_option(".kb-bank__controls select[name=difficulty]", "")
    page.select_option(".kb-bank__controls select[name=tag]", "对齐")
    tagged = visible_items(page)
    pages = load_pages(DOCS_DIR)
    assert tagged and set(tagged) == {i for i, q in bank.questions.items() if "对齐" in pages[q.page].meta.tags}
    # A page group with nothing left to show is hidden with its heading.
    assert page.locator(".kb-bank__page:not([hidden])").count() == len({bank.questions[i].page for i in tagged})


def test_practice_draws_10_questions_from_the_filtered_ones(bank_page):
    _, page = bank_page
    page.select_option(".kb-bank__controls select[name=part]", "theory")
    page.click("[data-action=draw]")
    drawn = page.eval_on_selector_all(".kb-bank__practice .kb-bank__item", "items => items.map(i => i.dataset.id)")
    assert len(drawn) == 10 and len(set(drawn)) == 10
    bank, _ = parse_questions()
    assert all(bank.questions[item].page.startswith("theory/") for item in drawn), drawn
    assert page.locator(".kb-bank__part:not([hidden])").count() == 0, "the full list still shows during practice"
    first = page.locator(".kb-bank__practice details").first
    first.locator("summary").click()
    assert first.locator("p").first.is_visible()
    page.click("[data-action=draw]")
    again = page.eval_on_selector_all(".kb-bank__practice .kb-bank__item", "items => items.map(i => i.dataset.id)")
    assert len(again) == 10
    page.click("[data-action=all]")
    assert page.locator(".kb-bank__practice").is_hidden() and len(visible_items(page)) > 10


def test_progress_survives_a_reload_and_can_be_reset(bank_page):
    _, page = bank_page
    boxes = page.locator(".kb-bank__part .kb-bank__known input")
    chosen = [boxes.nth(0).get_attribute("value"), boxes.nth(5).get_attribute("value")]
    boxes.nth(0).check()
    boxes.nth(5).check()
    assert sorted(json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))) == sorted(chosen)
    page.reload(wait_until="networkidle")
    page.wait_for_selector(".kb-bank__controls:not([hidden])")
    checked = page.eval_on_selector_all(".kb-bank__part .kb-bank__known input:checked", "boxes => boxes.map(b => b.value)")
    assert sorted(checked) == sorted(chosen), "progress was lost on reload"
    total = len(visible_items(page))
    page.check(".kb-bank__controls input[name=hide-known]")
    assert len(visible_items(page)) == total - 2 and not set(chosen) & set(visible_items(page))
    page.click("[data-action=reset]")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.locator(".kb-bank__known input:checked").count() == 0 and len(visible_items(page)) == total


def test_bank_works_by_keyboard(bank_page):
    _, page = bank_page
    page.focus(".kb-bank__controls select[name=part]")
    page.keyboard.press("Tab")  # tag
    page.keyboard.press("Tab")  # difficulty
    page.keyboard.press("Tab")  # hide known
    page.keyboard.press("Tab")  # draw 10
    assert page.evaluate("document.activeElement.dataset.action") == "draw"
    page.keyboard.press("Enter")
    assert page.locator(".kb-bank__practice .kb-bank__item").count() == 10
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "practice does not move focus to the first question"
    page.keyboard.press("Enter")
    assert page.locator(".kb-bank__practice details").first.get_attribute("open") is not None


def test_bank_on_a_phone_has_no_horizontal_scroll_and_large_targets(browser_page):
    base, page = browser_page
    page.goto(f"{base}/{BANK}", wait_until="networkidle")
    page.wait_for_selector(".kb-bank__controls:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in (".kb-bank__controls select", ".kb-bank__controls button:not([hidden])", ".kb-bank__known"):
        for box in page.locator(selector).all():
            height = box.bounding_box()["height"]
            assert height >= 24, f"{selector}: a touch target {height:.0f} px high"


@pytest.mark.parametrize("edition", EDITIONS)
def test_bank_page_weight_stays_within_budget(built_site, edition):
    _, site = built_site
    raw = (site / EDITIONS[edition] / BANK / "index.html").read_bytes()
    size = len(gzip.compress(raw, 6)) / 1024
    assert size <= BANK_BUDGET_GZIP_KIB, f"{edition}: the question bank is {size:.0f} KiB gzipped (budget {BANK_BUDGET_GZIP_KIB})"
    scripts = BeautifulSoup(raw, "lxml").select("script[src]")
    assert any("question-bank" in script["src"] for script in scripts)


def test_bank_script_is_only_on_the_bank(built_site):
    _, site = built_site
    soup = built(site, "zh", "theory/bpe.md")
    assert not [script["src"] for script in soup.select("script[src]") if "question-bank" in script["src"]]


def test_bank_shows_everything_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_site}/en/{BANK}")
    assert page.locator(".kb-bank__controls").is_hidden()
    assert page.locator(".kb-bank__item").count() >= 250
    page.locator(".kb-bank__item summary").first.click()
    assert page.locator(".kb-bank__item p").first.is_visible()
    context.close()

