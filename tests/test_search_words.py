"""The words search reads queries with (data/search.yaml) are validated like the other data, and the
tables built for the search box say what the pages say: 繁體 conversion and the text Pagefind reads."""

from __future__ import annotations

import pytest

from llmkb.errors import ContentErrors
from llmkb.model.searchwords import parse_search_words, unused_words
from llmkb.paths import DATA_DIR
from llmkb.render.search import conversion_tables, convert_with_tables, text_for_index

VALID = """\
zh:
  stop_words: [怎么, 什么]
  synonyms:
    - [显存, 显卡内存]
  colloquial:
    幻觉: [胡说八道, 瞎编]
en:
  stop_words: [how, what]
  synonyms:
    - [gpu memory, vram]
  colloquial:
    hallucination: [make things up]
"""


def write(tmp_path, text: str):
    path = tmp_path / "search.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path, text: str) -> str:
    with pytest.raises(ContentErrors) as caught:
        parse_search_words(write(tmp_path, text))
    return caught.value.report()


def test_the_repository_file_is_valid_and_finds_its_words_on_the_pages():
    from llmkb.build.context import page_texts
    from llmkb.model.frontmatter import load_pages
    from llmkb.paths import DOCS_DIR

    words = parse_search_words(DATA_DIR / "search.yaml")
    assert set(words.indexes) == {"zh", "en"}
    assert all(entry.stop_words and entry.synonyms and entry.colloquial for entry in words.indexes.values())
    assert unused_words(words, page_texts(load_pages(DOCS_DIR))) == []


def test_a_valid_file_is_read_normalized(tmp_path):
    words = parse_search_words(write(tmp_path, VALID.replace("[gpu memory, vram]", "[GPU  Memory, VRAM]")))
    assert words.indexes["en"].synonyms == (("gpu memory", "vram"),)
    assert words.indexes["zh"].colloquial == {"幻觉": ("胡说八道", "瞎编")}


def test_a_word_in_two_places_is_reported_with_its_line(tmp_path):
    report = problems(tmp_path, VALID.replace("[胡说八道, 瞎编]", "[胡说八道, 显卡内存]"))
    assert "search.yaml:6" in report and "'显卡内存' is also in zh/synonyms/0" in report


def test_a_group_of_one_word_and_a_stop_word_term_are_reported(tmp_path):
    report = problems(tmp_path, VALID.replace("[显存, 显卡内存]", "[显存]").replace("    幻觉: [胡说八道, 瞎编]", "    怎么: [咋]"))
    assert "search.yaml:4: zh/synonyms/0: a synonym group needs at least two words" in report
    assert "the term '怎么' is a stop word" in report


def test_a_missing_section_is_reported(tmp_path):
    assert "exactly the sections zh, en" in problems(tmp_path, "zh:\n  stop_words: [怎么]\n")


def test_words_no_page_holds_are_reported_with_their_line(tmp_path):
    words = parse_search_words(write(tmp_path, VALID))
    errors = unused_words(words, {"zh": "本页讲显存与幻觉。", "en": "A page on GPU memory."})
    assert [str(error).splitlines()[0] for error in errors] == [
        f"{tmp_path / 'search.yaml'}:12: en/colloquial/hallucination: no page of the 'en' index contains 'hallucination'",
    ]


def test_conversion_tables_read_taiwan_words_both_ways():
    pairs = [("<p>数据和内存都不够</p>", "<p>資料和記憶體都不夠</p>"), ("<h2>后来的数据</h2>", "<h2>後來的資料</h2>")]
    tables = conversion_tables(pairs, ["数据", "内存", "后来"])
    assert tables["s2tPhrases"]["数据"] == "資料" and tables["s2tPhrases"]["内存"] == "記憶體"
    assert tables["t2sPhrases"]["資料"] == "数据" and tables["t2sPhrases"]["記憶體"] == "内存"
    assert tables["s2t"]["后"] == "後" and tables["t2s"]["後"] == "后"
    assert convert_with_tables("后来的数据", tables["s2tPhrases"], tables["s2t"]) == "後來的資料"
    assert convert_with_tables("“后来”", tables["s2tPhrases"], tables["s2t"]) == "「後來」", "excerpts quote as the 繁體 pages do"


def test_pagefind_reads_latin_and_chinese_as_separate_runs():
    # "cache、批处理" would otherwise be one long word and 批处理 could not be found.
    assert text_for_index('<p class="a">KV cache、批处理和 LoRA（低秩）</p>') == '<p class="a">KV cache 、批处理和 LoRA （低秩）</p>'
