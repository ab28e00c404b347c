"""Every page of every edition in a real browser at phone width: nothing external, nothing broken, nothing overflowing."""

from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config

from llmkb.book.pages import book_pages
from llmkb.browser import RENDER_EVERYTHING_CSS
from llmkb.model.editions import EDITIONS, edition_prefix
from llmkb.paths import MKDOCS_FILE

# Every page of every edition (/, /zh-Hant/, /en/).
URLS = [edition_prefix(edition) + page.url for edition in EDITIONS for page in book_pages(load_config(config_file=str(MKDOCS_FILE)).nav)]
RAW_TEX_RE = re.compile(r"\\\(|\\\[|\$\$|\\frac|\\sum|\\mathbf")
# Every layout shift since the page started loading that moved a block (what Lighthouse sums as CLS,
# less the shifts of text within its lines). The browser hands a new observer the buffered shifts at
# once; none arrive within a quarter second when there were none. No reader input happens here, but
# under Playwright's phone emulation early shifts are marked as following input (hadRecentInput), so
# that flag is not used. Left out: the math font arriving after the first paint reflows the lines that
# hold formulas (0.05 on theory/flash-attention/ when the font comes 0.4 s late); whether it comes in
# time is up to the network, so it cannot be tested here (recorded in MAINTAINING.md).
LAYOUT_SHIFTS = """new Promise(done => {
  const inLine = node => node.nodeType === Node.TEXT_NODE || node.closest('math');
  new PerformanceObserver(list => done(list.getEntries()
    .map(shift => [shift.value, shift.sources.filter(source => source.node && !inLine(source.node))
      .map(source => source.node.nodeName + ' ' + (source.node.textContent || '').trim().slice(0, 30))])
    .filter(([, blocks]) => blocks.length)))
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done([]), 250);
})"""
# Every answer opened, then the elements of the article that reach past the right edge of the screen
# where no scrolling box of their own holds them (a long inline formula in an answer, for one).
STICKING_OUT = """() => {
  document.querySelectorAll('article details').forEach(details => { details.open = true; });
  const width = document.documentElement.clientWidth;
  const scrolls = element => { for (let box = element.parentElement; box && box.tagName !== 'ARTICLE'; box = box.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('article *')]
    .filter(element => element.getBoundingClientRect().right > width + 0.5 && !scrolls(element))
    .filter(element => !element.parentElement.closest('math') && !element.closest('.md-tooltip2, .md-tooltip'))
    .map(element => `${element.tagName.toLowerCase()} ${Math.round(element.getBoundingClientRect().right)}px: ${(element.textContent || '').trim().slice(0, 40)}`)
    .slice(0, 5);
}"""
# Inline formulas whose next character, a punctuation mark, was laid out at the start of the next line.
PUNCTUATION_AFTER_FORMULA_ON_A_NEW_LINE = """() => [...document.querySelectorAll('article math:not([display="block"])')].filter(math => {
  const next = math.nextSibling;
  if (!next || next.nodeType !== Node.TEXT_NODE || !/^[，。；：、）！？」』”,.;:!?)’]/.test(next.data)) return false;
  const range = document.createRange();
  range.setStart(next, 0); range.setEnd(next, 1);
  return range.getBoundingClientRect().top >= math.getBoundingClientRect().bottom - 2;
}).map(math => math.getAttribute('alttext').slice(0, 40) + ' ' + math.nextSibling.data[0])"""
# A reader sees nothing move (the header too: the page is marked as scripted before the first paint).
MOST_LAYOUT_SHIFT = 0.005


@pytest.fixture(scope="module")
def phone(served_site, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield served_site, page
    context.close()


@pytest.mark.parametrize("url", URLS, ids=lambda url: url or "home")
def test_page_is_self_contained_and_fits_a_phone(phone, url):
    base, page = phone
    external, failed, errors = [], [], []
    on_request = lambda request: external.append(request.url) if not request.url.startswith((base, "data:", "blob:")) else None  # noqa: E731
    on_response = lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None  # noqa: E731
    on_console = lambda message: errors.append(message.text) if message.type == "error" else None  # noqa: E731
    on_error = lambda error: errors.append(str(error))  # noqa: E731
    page.on("request", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", on_error)
    try:
        page.goto(f"{base}/{url}", wait_until="networkidle")
        assert not external, f"requests to other hosts: {external}"
        assert not failed, f"failed requests: {failed}"
        assert not errors, f"JavaScript errors: {errors}"
        text = page.evaluate("""() => { const a = document.querySelector('article').cloneNode(true);
            a.querySelectorAll('pre, code, math, script, .kb-search-data').forEach(e => e.remove()); return a.innerText; }""")
        assert not RAW_TEX_RE.search(text), f"raw TeX left on the page: {RAW_TEX_RE.search(text).group(0)!r}"
        missing_alt = page.eval_on_selector_all("article img", "imgs => imgs.filter(i => !i.alt.trim()).map(i => i.src)")
        assert not missing_alt, f"images without alt text: {missing_alt}"
        # Blocks laid out lazily (content-visibility in site.css) near the top of a page are painted
        # empty first and filled a frame later, pushing down what the reader sees.
        shifts = page.evaluate(LAYOUT_SHIFTS)
        assert sum(value for value, _ in shifts) <= MOST_LAYOUT_SHIFT, f"content moved while the page loaded: {shifts}"
        # As a reader who scrolls to the end and opens every answer: a block not laid out yet adds nothing
        # to the page's width, nor does an answer that is still closed.
        page.add_style_tag(content=RENDER_EVERYTHING_CSS)
        sticking_out = page.evaluate(STICKING_OUT)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390 and not sticking_out, f"page is {overflow}px wide at a 390px viewport: {sticking_out}"
        broken = page.evaluate(PUNCTUATION_AFTER_FORMULA_ON_A_NEW_LINE)
        assert not broken, f"lines that start with the punctuation after a formula: {broken}"
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
