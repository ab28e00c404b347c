"""Translations stay in step with their Chinese pages, or say so: what the recorded hash covers, the
notice a stale English page shows, `llmkb translations` and `llmkb check`, matching sources and headings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from bs4 import BeautifulSoup
from helpers import KNOWN_KEYS, make_page, site_pages

from llmkb.errors import ContentErrors
from llmkb.model.frontmatter import parse_page
from llmkb.model.headings import markdown_headings
from llmkb.model.translations import heading_mismatches, page_heading_mismatches, source_hash, translation_errors, translations
from llmkb.paths import ROOT

CHINESE_BODY = """
    大语言模型按下一个 token 的概率逐个生成文字[@hu2021lora]。

    ## 训练 {#training}

    预训练之后是微调[@ouyang2022training]。

    ### 细节

    更多说明。
"""
ENGLISH_BODY = """
    A large language model writes text one token at a time[@hu2021lora].

    ## Training {#training}

    Pre-training is followed by fine-tuning[@ouyang2022training].

    ### Details

    More notes.
"""


def english_page(title: str, body: str, translated_from: str, sources: list[str] | None = None) -> str:
    keys = KNOWN_KEYS if sources is None else sources
    return (
        "---\n"
        f"title: {title}\n"
        "description: A page for tests, checking how the build handles this input.\n"
        "tags: [Fundamentals]\n"
        "updated: 2026-11-01\n"
        f"sources: [{', '.join(keys)}]\n"
        f'translated_from: "{translated_from}"\n'
        "---\n\n" + textwrap.dedent(body).lstrip("\n")
    )


def hash_of(tmp_path, text: str) -> str:
    folder = tmp_path / "hash"
    folder.mkdir(exist_ok=True)
    (folder / "page.md").write_text(text, encoding="utf-8")
    return source_hash(parse_page(folder / "page.md", folder))


# ---- what the hash covers -------------------------------------------------------------------------


def test_front_matter_dates_and_lists_and_layout_do_not_make_a_translation_stale(tmp_path):
    base = hash_of(tmp_path, make_page("生成", CHINESE_BODY))
    same = [
        make_page("生成", CHINESE_BODY).replace("updated: 2026-11-01", "updated: 2026-11-30"),
        make_page("生成", CHINESE_BODY, sources=list(reversed(KNOWN_KEYS))),
        make_page("生成", CHINESE_BODY, extra="time_sensitive: true\n").replace("tags: [基础概念]", "tags: [基础概念, 训练]"),
        make_page("生成", CHINESE_BODY).replace("。\n", "。   \n").replace("\n\n", "\n\n\n\n") + "\n\n",
        "---\n\n".join(part if number == 0 else part.replace("\n", "\r\n")  # Windows line ends in the body
                         for number, part in enumerate(make_page("生成", CHINESE_BODY).split("---\n\n", 1))),
    ]
    for text in same:
        assert hash_of(tmp_path, text) == base, text


def test_edits_to_the_text_make_a_translation_stale(tmp_path):
    base = hash_of(tmp_path, make_page("生成", CHINESE_BODY))
    changed = [
        make_page("生成", CHINESE_BODY.replace("微调", "指令微调")),
        make_page("生成", CHINESE_BODY.replace("## 训练 {#training}", "## 训练 {#train}")),
        make_page("生成", CHINESE_BODY + "\n    新的一段。\n"),
        make_page("生成文字", CHINESE_BODY),  # the title is translated too
        make_page("生成", CHINESE_BODY).replace("用于测试的页面", "用于检验的页面"),  # and the description
    ]
    for text in changed:
        assert hash_of(tmp_path, text) != base, text


def test_every_english_page_records_its_chinese_page_and_lists_the_same_sources():
    pages = site_pages()
    english = [uri for uri in pages if uri.endswith(".en.md")]
    assert english and sorted(translations(pages)) == sorted(english), "every English page translates a Chinese page"
    assert translation_errors(pages) == []


def test_translated_from_is_required_on_english_pages_and_refused_on_chinese_ones(tmp_path):
    (tmp_path / "a.en.md").write_text(english_page("A", ENGLISH_BODY, "0" * 12).replace('translated_from: "000000000000"\n', ""), encoding="utf-8")
    with pytest.raises(ContentErrors) as missing:
        parse_page(tmp_path / "a.en.md", tmp_path)
    assert "'translated_from' is missing" in str(missing.value) and "llmkb translations --mark" in str(missing.value)
    (tmp_path / "b.md").write_text(make_page("乙", CHINESE_BODY, extra='translated_from: "0123456789ab"\n'), encoding="utf-8")
    with pytest.raises(ContentErrors, match="belongs on English pages"):
        parse_page(tmp_path / "b.md", tmp_path)
    (tmp_path / "c.en.md").write_text(english_page("C", ENGLISH_BODY, "0123456789AB"), encoding="utf-8")
    with pytest.raises(ContentErrors, match="translated_from"):
        parse_page(tmp_path / "c.en.md", tmp_path)


# ---- the build ------------------------------------------------------------------------------------


def test_editing_a_chinese_page_shows_the_notice_on_its_english_page(tmp_path, build_fixture_site):
    """Two translated pages, both in step; then one Chinese page is edited. Only its English page says so."""
    edited = make_page("编辑过", CHINESE_BODY)
    kept = make_page("未改动", CHINESE_BODY)
    pages = {
        "index.md": make_page("首页", "正文。\n", sources=[]),
        "edited.md": edited.replace("更多说明。", "更多说明，新加了一句。"),  # edited after translation
        "edited.en.md": english_page("Edited", ENGLISH_BODY, hash_of(tmp_path, edited)),
        "kept.md": kept,
        "kept.en.md": english_page("Kept", ENGLISH_BODY, hash_of(tmp_path, kept)),
    }
    result = build_fixture_site(pages, nav=["index.md", "edited.md", "kept.md"], editions=True)
    assert result.ok, result.log

    def notice(path: str):
        return BeautifulSoup(result.html(path), "lxml").select_one("article .kb-translation-stale")

    box = notice("en/edited/index.html")
    assert box is not None, "the English page of the edited Chinese page has no notice"
    text = box.get_text(" ", strip=True)
    assert "The Chinese original has changed since this translation (Chinese page updated 2026-11-01)" in text, text
    assert "admonition" in box["class"] and "warning" in box["class"], "styled like the other notices"
    link = box.select_one("a[href]")
    assert link is not None and link["href"] == "../../edited/", "the notice links the Chinese page"
    assert (result.site_dir / "edited" / "index.html").is_file()
    assert notice("en/kept/index.html") is None, "a translation in step shows no notice"
    assert notice("edited/index.html") is None and notice("zh-Hant/edited/index.html") is None, "only the English edition"


def test_english_sources_unlike_the_chinese_pages_stop_the_build_with_file_line_and_fix(tmp_path, build_fixture_site):
    chinese = make_page("甲", CHINESE_BODY)
    pages = {
        "index.md": make_page("首页", "正文。\n", sources=[]),
        "a.md": chinese,
        "a.en.md": english_page("A", ENGLISH_BODY, hash_of(tmp_path, chinese), sources=["hu2021lora"]),
    }
    result = build_fixture_site(pages, nav=["index.md", "a.md"])
    assert not result.ok
    assert "a.en.md:6: 'sources' differ from the Chinese page a.md (missing ouyang2022training)" in result.log, result.log
    assert "fix: copy the Chinese page's list: sources: [ouyang2022training, hu2021lora]" in result.log, result.log


# ---- the command line -----------------------------------------------------------------------------


def llmkb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "llmkb", *args], capture_output=True, text=True, cwd=ROOT)


def test_translations_command_lists_stale_pages_and_mark_brings_them_in_step(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    chinese = make_page("甲", CHINESE_BODY)
    (docs / "a.md").write_text(chinese, encoding="utf-8")
    (docs / "a.en.md").write_text(english_page("A", ENGLISH_BODY, hash_of(tmp_path, chinese)), encoding="utf-8")
    assert "1 translations, all in step" in llmkb("translations", "--docs-dir", str(docs)).stdout

    (docs / "a.md").write_text(chinese.replace("更多说明。", "更多说明，还有一句。"), encoding="utf-8")
    listed = llmkb("translations", "--docs-dir", str(docs))
    assert listed.returncode == 0 and "1 of 1 translations are stale" in listed.stdout and "docs/a.en.md" in listed.stdout, listed
    assert llmkb("translations", "--docs-dir", str(docs), "--fail-if-stale").returncode == 1

    marked = llmkb("translations", "--docs-dir", str(docs), "--mark", str(docs / "a.en.md"))
    assert marked.returncode == 0, marked.stderr
    page = parse_page(docs / "a.en.md", docs)
    assert page.meta.translated_from == source_hash(parse_page(docs / "a.md", docs))
    assert page.body == "\n" + textwrap.dedent(ENGLISH_BODY).lstrip("\n"), "--mark changes only the front matter field"
    assert "all in step" in llmkb("translations", "--docs-dir", str(docs)).stdout

    # A page without the field (a new translation) gets it.
    (docs / "a.en.md").write_text(english_page("A", ENGLISH_BODY, "0" * 12).replace('translated_from: "000000000000"\n', ""), encoding="utf-8")
    assert llmkb("translations", "--docs-dir", str(docs), "--mark", str(docs / "a.en.md")).returncode == 0
    assert parse_page(docs / "a.en.md", docs).meta.translated_from == page.meta.translated_from


def test_check_warns_about_a_stale_translation_without_failing(tmp_path):
    """On a copy of the real pages: editing a Chinese page makes `llmkb check` warn about its English page."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("*.svg", "*.woff2", "*.js", "*.css"))
    shutil.copytree(ROOT / "llmkb", copy / "llmkb", ignore=shutil.ignore_patterns("__pycache__"))  # its ROOT is the copy
    for other in ROOT.iterdir():
        if other.name not in ("docs", "llmkb", "site", ".git", ".venv") and not (copy / other.name).exists():
            (copy / other.name).symlink_to(other)
    page = copy / "docs" / "theory" / "bpe.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "llmkb", "check", "docs/theory/bpe.md"], capture_output=True, text=True, cwd=copy)
    assert result.returncode == 0, result.stderr
    line = next(number for number, text in enumerate((copy / "docs/theory/bpe.en.md").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("translated_from:"))
    assert f"warning: docs/theory/bpe.en.md:{line}: the Chinese page docs/theory/bpe.md changed since this translation" in result.stderr, result.stderr
    assert "llmkb translations --mark docs/theory/bpe.en.md" in result.stderr


# ---- headings ---------------------------------------------------------------------------------------


def test_english_headings_correspond_to_the_chinese_pages():
    """The same number of headings per level in the same order, and the same explicit {#anchors}."""
    wrong = []
    for uri, item in sorted(translations(site_pages()).items()):
        problems = page_heading_mismatches(item)
        wrong += [f"docs/{uri}: {problem}" for problem in problems]
    assert not wrong, "English headings that do not match the Chinese page's:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("english", "message"), [
    (ENGLISH_BODY.replace("### Details", "## Details"), "levels 23 vs 22"),
    (ENGLISH_BODY.replace("\n    ### Details\n", "\n"), "2 headings in Chinese, 1 in English"),
    (ENGLISH_BODY.replace("{#training}", "{#train}"), "explicit anchors differ"),
    (ENGLISH_BODY.replace(" {#training}", ""), "explicit anchors differ"),
    (ENGLISH_BODY.replace(" {#training}", "").replace("### Details", "### Details {#training}"), "English heading 2 {#training}"),
])
def test_the_heading_check_can_fail(english, message):
    chinese = markdown_headings(textwrap.dedent(CHINESE_BODY))
    assert heading_mismatches(chinese, markdown_headings(textwrap.dedent(ENGLISH_BODY))) == []
    problems = heading_mismatches(chinese, markdown_headings(textwrap.dedent(english)))
    assert any(message in problem for problem in problems), problems
