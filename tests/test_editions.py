"""The three language editions: 简体中文 at /, 繁體中文 at /zh-Hant/ (generated), English at /en/."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import article_html, article_of, prose_text, untranslated_chinese
from mkdocs.config import load_config

from llmkb.book.pages import book_pages
from llmkb.model.editions import EDITIONS, HTML_LANG, edition_prefix, translation_uri
from llmkb.paths import DOCS_DIR, MKDOCS_FILE
from llmkb.render.hant import convert_html, convert_text, simplified_only, traditional_in_simplified

NAV = book_pages(load_config(config_file=str(MKDOCS_FILE)).nav)
CJK_RE = re.compile(r"[\u3400-\u9fff]+")
# Material's chrome and everything the build writes around the content.
CHROME = [".md-header", ".md-tabs", ".md-sidebar--secondary .md-nav__title", ".md-footer", ".md-search", ".kb-reviewed",
          "#references", ".md-content table thead", ".md-tags"]


def translated(entry) -> bool:
    return (DOCS_DIR / translation_uri(entry.src_uri, "en")).exists()


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    result, site = built_site
    assert result.returncode == 0, result.stderr
    return site


@cache
def _html(site: Path, edition: str, url: str) -> str:
    return (site / edition_prefix(edition) / url / "index.html").read_text(encoding="utf-8")


def soup(site: Path, edition: str, url: str) -> BeautifulSoup:
    """A fresh parse each time: tests remove elements from what they get."""
    return BeautifulSoup(_html(site, edition, url), "lxml")


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_exists_in_every_edition_with_its_html_lang(site, edition):
    wrong = []
    for entry in NAV:
        path = site / edition_prefix(edition) / entry.url / "index.html"
        assert path.exists(), f"{edition}: {entry.src_uri} was not built at {path}"
        lang = soup(site, edition, entry.url).html.get("lang")
        if lang != HTML_LANG[edition]:
            wrong.append(f"{entry.url or '/'}: {lang}")
    assert not wrong, f"{edition} pages with the wrong <html lang> (want {HTML_LANG[edition]}): {wrong}"


def test_english_chrome_and_generated_text_have_no_chinese(site):
    leaks = []
    for entry in NAV:
        page = soup(site, "en", entry.url)
        selectors = CHROME if translated(entry) else CHROME[:5]  # an untranslated page keeps its Chinese body
        for selector in selectors:
            for element in page.select(selector):
                # Page titles in the nav and tabs are content (untranslated pages keep Chinese ones);
                # each language in the switcher is named in itself.
                for link in element.select(".md-nav__link, .md-tabs__link, .md-footer__title, .md-ellipsis, .md-select__link"):
                    link.decompose()
                text = prose_text(BeautifulSoup(str(element), "lxml"))
                if CJK_RE.search(text):
                    leaks.append(f"{entry.url or '/'} {selector}: {' '.join(CJK_RE.findall(text))[:60]}")
    assert not leaks, "Chinese in the English edition's interface:\n" + "\n".join(leaks[:20])


# Text a reader meets on hover or through a screen reader, which the prose checks do not read.
INTERFACE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def attribute_leaks(page: BeautifulSoup, wrong_script) -> list[str]:
    """Attribute values (and the author and description meta tags) with text of another edition."""
    leaks = []
    for element in page.find_all(True):
        names = ("content",) if element.name == "meta" and element.get("name") in ("author", "description") else INTERFACE_ATTRIBUTES
        for name in names:
            value = element.get(name)
            if isinstance(value, str) and wrong_script(value):
                leaks.append(f"<{element.name} {name}={value[:40]!r}>")
    return leaks


@pytest.mark.parametrize("edition", ["en", "zh-Hant"])
def test_tooltips_and_accessible_names_are_in_the_edition_language(site, edition):
    wrong_script = CJK_RE.search if edition == "en" else simplified_only
    leaks = []
    for entry in NAV:
        found = sorted(set(attribute_leaks(soup(site, edition, entry.url), wrong_script)))
        if found:
            leaks.append(f"{entry.url or '/'}: {', '.join(found[:4])}")
    assert not leaks, (f"{edition} pages with tooltips or accessible names in another script (theme strings are set per "
                       "edition in hooks/editions.py from data/labels.yaml):\n" + "\n".join(leaks[:20]))


def test_the_attribute_check_can_fail():
    page = BeautifulSoup('<meta name="author" content="编写组"><a class="headerlink" title="本节链接">¶</a>'
                         '<label title="Switch to dark mode"></label>', "lxml")
    assert attribute_leaks(page, CJK_RE.search) == ["<meta content='编写组'>", "<a title='本节链接'>"]
    assert attribute_leaks(page, simplified_only) == ["<meta content='编写组'>", "<a title='本节链接'>"]


def test_english_tables_from_data_are_in_english(site):
    page = soup(site, "en", "reference/models/")
    body = page.select_one("article").get_text(" ")
    assert "Open weights" in body and "开放权重" not in body
    glossary = soup(site, "en", "reference/glossary/").select_one("#rlhf")
    assert glossary is not None and "Reinforcement Learning from Human Feedback" in glossary.get_text()


def test_untranslated_notice_is_on_exactly_the_untranslated_pages(site):
    wrong = []
    for entry in NAV:
        page = soup(site, "en", entry.url)
        has_notice = "has not been translated into English yet" in page.get_text()
        indexed = page.select_one("[data-pagefind-body]") is not None
        if has_notice == translated(entry) or indexed == has_notice:
            wrong.append(f"{entry.src_uri}: translated={translated(entry)} notice={has_notice} indexed={indexed}")
    assert not wrong, "the notice (and exclusion from the English search index) must mark exactly the untranslated pages:\n" + "\n".join(wrong)
    untranslated = [entry.src_uri for entry in NAV if not translated(entry)]
    assert not untranslated, f"every page has an English translation (page.en.md); missing: {untranslated}"


# ---- the English pages are English, and their links land ------------------------------------------


def test_english_pages_have_no_chinese_prose_left(site):
    """Chinese on an English page is code, a formula, or an example marked ``lang="zh-Hans"``; anything else was left untranslated."""
    leaks = []
    for entry in NAV:
        found = untranslated_chinese(article_html(_html(site, "en", entry.url)))
        if found:
            leaks.append(f"{entry.url or '/'}: {found}")
    assert not leaks, ("Chinese prose in English pages (translate it, or mark a quoted example "
                       "<span lang=\"zh-Hans\">...</span>):\n" + "\n".join(leaks))


def test_the_chinese_prose_check_can_fail():
    found = untranslated_chinese("<article><p>BPE merges pairs. 这一句没有翻译。</p></article>")
    assert len(found) == 1 and "这一句没有翻译" in found[0], found
    kept = ('<article><p>The word <span lang="zh-Hans">模型</span> is one token; <code>len("模型")</code> is 2.</p>'
            '<pre><code># 注释</code></pre></article>')
    assert untranslated_chinese(kept) == []
    # Words in a formula are read like prose (the source check stops them too: llmkb/build/checks.py).
    assert untranslated_chinese('<article><p><math alttext="x"><mtext>长度</mtext></math></p></article>') == ["长度"]


def script_mismatches(article) -> list[str]:
    """Chinese quoted on an English page whose ``lang`` names the wrong script: Traditional characters marked
    zh-Hans, Simplified ones marked zh-Hant (a screen reader and the font choice follow the mark)."""
    wrong = []
    for quoted in article.select("[lang]"):
        text, lang = quoted.get_text(), quoted["lang"]
        found = (traditional_in_simplified(text) if lang == "zh-Hans"
                 else simplified_only(text, "s2hk") if lang == "zh-Hant" else set())
        if found:
            wrong.append(f"lang={lang!r} on {text[:20]!r} ({''.join(sorted(found))})")
    return wrong


def test_chinese_quoted_on_english_pages_is_marked_with_its_script(site):
    wrong = [f"{entry.url or '/'}: {problem}" for entry in NAV
             for problem in script_mismatches(article_of(_html(site, "en", entry.url)))]
    assert not wrong, ("mark Traditional examples lang=\"zh-Hant\" and Japanese ones lang=\"ja\":\n" + "\n".join(wrong))


def test_the_script_mark_check_can_fail():
    article = BeautifulSoup('<article><span lang="zh-Hans">台灣</span> <span lang="zh-Hant">台湾</span> '
                            '<span lang="zh-Hant">台灣</span> <span lang="zh-Hans">台湾</span></article>', "lxml")
    assert len(script_mismatches(article)) == 2, script_mismatches(article)


def anchor_problems(site: Path, url: str) -> list[str]:
    """Links from an English page's content to a #fragment that do not land on that id in the English edition.

    The only link that may leave the edition is the stale-translation notice's link to the Chinese original
    (``hreflang="zh"``, and it has no fragment)."""
    here = f"/{edition_prefix('en')}{url}"
    problems = []
    for link in soup(site, "en", url).select("article a[href]"):
        parts = urlsplit(link["href"])
        if parts.scheme or parts.netloc or not parts.fragment or link.get("hreflang") == "zh":
            continue
        target = posixpath.normpath(posixpath.join(here, unquote(parts.path))) + "/" if parts.path else here
        if not target.startswith(f"/{edition_prefix('en')}"):
            problems.append(f"{link['href']} leaves the English edition ({target})")
        elif unquote(parts.fragment) not in _ids(site, target):
            problems.append(f"{link['href']}: {target} has no id {unquote(parts.fragment)!r}")
    return problems


@cache
def _ids(site: Path, target: str) -> frozenset[str]:
    path = site / target.strip("/") / "index.html"
    if not path.is_file():
        return frozenset()
    return frozenset(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def test_links_between_english_pages_land_on_english_anchors(site):
    problems, checked = [], 0
    for entry in NAV:
        problems += [f"{entry.url or '/'}: {problem}" for problem in anchor_problems(site, entry.url)]
        checked += len(soup(site, "en", entry.url).select("article a[href*='#']"))
    assert checked > 1000, f"only {checked} links with anchors: the check looks at the wrong elements"
    assert not problems, "links from English pages to anchors the English target does not have:\n" + "\n".join(problems[:30])


def test_the_anchor_check_can_fail(tmp_path):
    page = ('<html><body><article><h2 id="here">A</h2><a href="#here">ok</a> <a href="#gone">same page</a> '
            '<a href="../b/#kept">ok</a> <a href="../b/#dropped">other page</a> <a href="../../../b/#kept">Chinese</a>'
            '</article></body></html>')
    for url, html in {"a": page, "b": '<article><h2 id="kept">B</h2></article>'}.items():
        (tmp_path / "en" / url).mkdir(parents=True)
        (tmp_path / "en" / url / "index.html").write_text(html, encoding="utf-8")
    problems = anchor_problems(tmp_path, "a/")
    assert len(problems) == 3, problems
    assert "no id 'gone'" in problems[0] and "no id 'dropped'" in problems[1] and "leaves the English edition" in problems[2]


def test_traditional_edition_has_no_simplified_characters_outside_code(site):
    leaks = []
    for entry in NAV:
        page = soup(site, "zh-Hant", entry.url)
        for switcher in page.select(".md-select__link"):  # each language is named in itself
            switcher.decompose()
        simplified = simplified_only(prose_text(page))
        if simplified:
            leaks.append(f"{entry.url or '/'}: {''.join(sorted(simplified))}")
    assert not leaks, "Simplified characters in the 繁體中文 edition:\n" + "\n".join(leaks[:30])


def unpaired_corner_brackets(page: BeautifulSoup) -> list[str]:
    """Paragraphs, list items, cells and headings whose 「」 or 『』 do not pair up (a quote half left as “ or ”)."""
    found = []
    for block in page.select("article p, article li, article td, article th, article summary, article h2, article h3"):
        text = block.get_text()
        if text.count("「") != text.count("」") or text.count("『") != text.count("』"):
            found.append(" ".join(text.split())[:50])
    return found


def test_traditional_quotes_are_corner_brackets_in_pairs(site):
    unpaired = []
    for entry in NAV:
        found = unpaired_corner_brackets(soup(site, "zh-Hant", entry.url))
        if found:
            unpaired.append(f"{entry.url or '/'}: {found[:3]}")
    assert not unpaired, "繁體 quotes that do not pair up (llmkb/render/hant.py converts both halves):\n" + "\n".join(unpaired)


def test_the_corner_bracket_check_can_fail():
    page = BeautifulSoup("<article><p><strong>“<code>nvidia-smi</code> 顯示顯存佔滿。」</strong></p><p>「好」</p></article>", "lxml")
    assert unpaired_corner_brackets(page) == ["“nvidia-smi 顯示顯存佔滿。」"]


def test_the_simplified_character_check_can_fail():
    assert simplified_only("訓練數據集里約 1 萬條，质量很好") == {"里", "质"}
    assert simplified_only("不干擾已有記憶；游泳") == set()


def test_traditional_edition_is_the_simplified_source_converted_once(site):
    page = soup(site, "zh-Hant", "theory/llama-architecture/")
    source = soup(site, "zh", "theory/llama-architecture/")
    assert page.title.string == convert_text(source.title.string)
    assert "參數" in page.get_text() and "引數" not in page.get_text(), "the project phrase list must win over OpenCC"
    # Code is not converted; formulas keep their markup and symbols, only their Chinese words are converted.
    assert [str(code) for code in page.select("pre code")] == [str(code) for code in source.select("pre code")]
    assert [str(math) for math in page.select("math")] == [convert_html(str(math)) for math in source.select("math")]


def test_conversion_keeps_code_and_links_and_converts_words_in_formulas():
    html = ('<p title="数据">训练<a href="../数据/">数据</a><code>数据 = 1</code>'
            '<math alttext="\\text{数据}_i"><msub><mtext>数据</mtext><mi>i</mi></msub></math></p>')
    converted = convert_html(html)
    assert converted == ('<p title="資料">訓練<a href="../数据/">資料</a><code>数据 = 1</code>'
                         '<math alttext="\\text{資料}_i"><msub><mtext>資料</mtext><mi>i</mi></msub></math></p>')
    assert convert_html(html) == converted, "the same source must always give the same edition"


@pytest.mark.parametrize(("simplified", "traditional"), [
    ("数据里加噪声", "資料裡加噪聲"), ("样本里", "樣本裡"), ("阿里巴巴和居里夫人", "阿里巴巴和居里夫人"), ("10 公里的里程碑", "10 公里的里程碑"),
    ("注意力的局部性", "注意力的局部性"), ("开源代码", "開源程式碼"), ("小几个数量级", "小幾個數量級"),
])
def test_words_opencc_gets_wrong_are_written_as_taiwan_writes_them(simplified, traditional):
    assert convert_text(simplified) == traditional


def test_a_quote_around_code_becomes_corner_brackets_on_both_sides():
    # The opening quote is a text of its own, without Chinese, between <strong> and <code>.
    html = '<strong>“<code>nvidia-smi</code> 显示显存占满。”</strong> <a>“Attention Is All You Need”</a>'
    assert convert_html(html) == '<strong>「<code>nvidia-smi</code> 顯示顯存佔滿。」</strong> <a>“Attention Is All You Need”</a>'


def test_language_switcher_keeps_the_reader_on_the_same_page(site):
    wrong = []
    for edition in EDITIONS:
        for entry in NAV:
            page = soup(site, edition, entry.url)
            links = {link.get("hreflang"): link.get("href") for link in page.select(".md-select__link")}
            assert set(links) == set(EDITIONS), f"{edition}/{entry.url}: switcher offers {sorted(links)}"
            here = "/" + edition_prefix(edition) + entry.url
            for target, href in links.items():
                expected = "/" + edition_prefix(target) + entry.url
                if posixpath.normpath(posixpath.join(here, href)) != posixpath.normpath(expected):
                    wrong.append(f"{edition}/{entry.url} -> {target}: {href} (want {expected})")
    assert not wrong, "\n".join(wrong[:20])


def test_head_links_every_edition_root_with_hreflang(site):
    """Roots, not pages: Material's script fetches <href>/sitemap.xml for each (the sitemap holds the page-level alternates)."""
    page = soup(site, "en", "theory/what-is-llm/")
    here = "/en/theory/what-is-llm/"
    alternates = {link["hreflang"]: posixpath.normpath(posixpath.join(here, link["href"])) for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {edition: posixpath.normpath("/" + edition_prefix(edition)) for edition in EDITIONS}, alternates
    for edition in EDITIONS:
        assert (site / edition_prefix(edition) / "sitemap.xml").exists(), f"{edition} has no sitemap.xml for Material's language menu"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_footer_credit_is_in_the_edition_language(site, edition):
    credit = soup(site, edition, "").select_one(".md-copyright a[href*='mkdocs-material']").get_text(" ", strip=True)
    expected = {"zh": "使用 Material for MkDocs 构建", "zh-Hant": "使用 Material for MkDocs 構建", "en": "Made with Material for MkDocs"}
    assert credit == expected[edition]
