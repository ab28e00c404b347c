"""The BPE visualizer on theory/bpe.md, in a real browser: window.kbBpe gives exactly what
examples/bpe.py gives, the UI shows the chosen merges, and the widget fits a 390 px phone."""

from __future__ import annotations

import random

import pytest
from helpers import load_example
from playwright.sync_api import expect

PAGE = "/theory/bpe/"
CLASSIC_TEXT = "low " * 5 + "lower " * 2 + "newest " * 6 + "widest " * 3


@pytest.fixture(scope="module")
def bpe():
    return load_example("bpe")


def random_corpus(seed: int) -> str:
    """Words over a few letters and hanzi, so that many pairs tie and long tokens form."""
    rng = random.Random(seed)
    alphabet = "abcde模型语言大"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))) for _ in range(25)]
    return " ".join(rng.choice(words) for _ in range(120))


CASES = [
    (CLASSIC_TEXT, 10),  # 页面上手算的例子
    (CLASSIC_TEXT, 0),
    ("模型 模型 大模型 大模型 大模型 语言模型 语言模型", 5),  # 纯中文
    ("低 低 低 低 低 低代码 低代码 最新 最新 最新 最 newest newest newest widest widest low low low low low lower lower", 25),
    ("ab cd", 1),  # 平局：取最先出现的一对
    ("cd ab", 1),
    ("xy yx yx xy", 4),
    ("aaaa aaa aa a", 10),  # 连续相同字符：从左到右、不重叠地合并
    ("a\u3000b\u2003c\x1cd\u00a0e f\ufeffg  a\tb\nc", 10),  # 与 str.split() 相同的空白
    ("𠀀𠀁 𠀀 ｢x｣ 😀😀 é e\u0301", 10),  # 扩展 B 区汉字和表情：按码位排序，不按 UTF-16
    ("</w> </w>", 5),  # 拼出的符号已在词表里
    ("abc abc ab", 100),  # 每个词都成了一个 token，提前结束
    ("", 3),
    (random_corpus(1), 40),
    (random_corpus(2), 80),
]
WORDS = ["lowest", "newer", "大语言模型", "新模型", "aaaaa", "𠀀x", "abcde", "模型型", "</w>"]

COMPARE_JS = """([cases, words]) => cases.map(([text, n]) => {
  const steps = window.kbBpe.train(text, n);
  const merges = steps.map((step) => step.merge);
  return { steps, tokens: words.map((word) => window.kbBpe.tokenize(word, merges)),
           fromSteps: words.map((word) => window.kbBpe.tokenize(word, steps)) };
})"""


def test_javascript_matches_the_python_reference(desktop_page, bpe):
    base, page = desktop_page
    page.goto(f"{base}{PAGE}", wait_until="networkidle")
    results = page.evaluate(COMPARE_JS, [[list(case) for case in CASES], WORDS])
    assert len(results) == len(CASES) >= 10
    for (text, n), result in zip(CASES, results):
        expected = bpe.train(text, n)
        assert result["steps"] == expected, (text, n)  # 同样的合并、计数、词表和切分
        merges = [step["merge"] for step in expected]
        tokens = [bpe.tokenize(word, merges) for word in WORDS]
        assert result["tokens"] == tokens == result["fromSteps"], (text, n)
    # 平局规则确实被用到了，随机语料也合并了足够多次
    assert results[4]["steps"][0]["merge"] == ["a", "b"] and results[5]["steps"][0]["merge"] == ["c", "d"]
    assert len(results[-1]["steps"]) == 80


def test_javascript_accepts_word_counts_and_rejects_bad_input(desktop_page, bpe):
    base, page = desktop_page
    page.goto(f"{base}{PAGE}", wait_until="networkidle")
    classic = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
    assert page.evaluate("(pairs) => window.kbBpe.train(pairs, 10)", list(classic.items())) == bpe.train(classic, 10)
    errors = page.evaluate("""() => [
      () => window.kbBpe.train("ab", -1), () => window.kbBpe.train("ab", 1.5),
      () => window.kbBpe.train([["a b", 1]], 1), () => window.kbBpe.train([["ab", 0]], 1),
      () => window.kbBpe.tokenize("two words", []), () => window.kbBpe.tokenize("", []),
    ].map((f) => { try { f(); return false; } catch (e) { return true; } })""")
    assert all(errors)


def test_ui_steps_through_the_default_corpus(desktop_page, bpe):
    base, page = desktop_page
    page.goto(f"{base}{PAGE}", wait_until="networkidle")
    widget = page.locator(".kb-bpe-visualizer")
    corpus = widget.get_by_label("训练语料", exact=False)
    merges = widget.get_by_label("合并次数")
    text, n = corpus.input_value(), int(merges.input_value())
    steps = bpe.train(text, n)
    # 默认语料里汉字和字母都会被合并
    assert {step["token"] for step in steps} & {"模型", "语言"} and {step["token"] for step in steps} & {"es", "lo"}

    def shows(step):
        a, b = step["merge"]
        headline = widget.locator(".kb-bpe__headline")
        assert headline.inner_text().replace("\n", "").startswith(f"第 {step['step']} 步：合并 {a} + {b} → {step['token']}，频次 {step['count']}")
        chosen = widget.locator("tr.kb-bpe__chosen")
        assert chosen.count() == 1
        assert chosen.locator(".kb-bpe__chip").all_inner_texts() == [a, b]
        assert chosen.locator("td").last.inner_text() == str(step["count"])
        rows = widget.locator(".kb-bpe__scroll tbody tr")
        assert rows.count() == len(step["pair_counts"])
        assert widget.locator(".kb-bpe__vocab .kb-bpe__chip").all_inner_texts() == step["vocab"]
        shown = [li.locator(".kb-bpe__chip").all_inner_texts() for li in widget.locator(".kb-bpe__corpus li").all()]
        assert shown == [row["tokens"] for row in step["corpus"]]

    shows(steps[0])  # 打开页面就是第 1 步，选中的合并高亮
    widget.get_by_role("button", name="下一步").click()
    shows(steps[1])
    slider = widget.get_by_label("步骤")
    slider.focus()
    page.keyboard.press("ArrowRight")  # 键盘也能逐步前进
    shows(steps[2])
    page.keyboard.press("End")
    shows(steps[-1])
    assert widget.get_by_role("button", name="下一步").is_disabled()
    page.keyboard.press("Home")
    assert widget.locator(".kb-bpe__headline").inner_text().startswith("初始状态")
    assert widget.get_by_role("button", name="上一步").is_disabled()
    page.keyboard.press("End")

    # 切分新词：用到当前一步为止学到的规则
    words = widget.get_by_label("输入新词", exact=False)
    words.fill("lowest 大语言模型")
    tokenized = [li.locator(".kb-bpe__chip").all_inner_texts() for li in widget.locator(".kb-bpe__tokenized li").all()]
    assert tokenized == [bpe.tokenize("lowest", steps), bpe.tokenize("大语言模型", steps)]

    # 改语料和合并次数后重新训练
    merges.fill("3")  # retrains at once
    corpus.fill("模型 模型 大模型 大模型 大模型 语言模型 语言模型")  # retrains 250 ms after the last keystroke
    expect(widget.locator(".kb-bpe__summary")).to_contain_text("3 个不同的词，共 7 次出现")
    assert slider.get_attribute("max") == "3"
    new_steps = bpe.train("模型 模型 大模型 大模型 大模型 语言模型 语言模型", 3)
    shows(new_steps[int(slider.input_value()) - 1])


def test_widget_fits_a_phone(browser_page):
    base, page = browser_page
    page.goto(f"{base}{PAGE}", wait_until="networkidle")
    widget = page.locator(".kb-bpe-visualizer")
    widget.scroll_into_view_if_needed()
    assert widget.locator(".kb-bpe__headline").inner_text().startswith("第 1 步")
    overflow = page.evaluate("""() => {
      const root = document.querySelector(".kb-bpe-visualizer");
      const width = document.documentElement.clientWidth;
      const bad = [];
      for (const node of [root, ...root.querySelectorAll("*")]) {
        if (node.closest(".kb-bpe__scroll") && !node.classList.contains("kb-bpe__scroll")) continue;
        const box = node.getBoundingClientRect();
        if (box.width && (box.left < 0 || box.right > width)) bad.push(node.className || node.tagName);
      }
      const scroll = root.querySelector(".kb-bpe__scroll");
      return { width, right: root.getBoundingClientRect().right, pageWidth: document.documentElement.scrollWidth,
               tableFits: scroll.scrollWidth <= scroll.clientWidth, bad };
    }""")
    assert overflow["width"] == 390
    assert overflow["right"] <= 390 and overflow["pageWidth"] <= 390, overflow
    assert overflow["tableFits"] and not overflow["bad"], overflow


def test_widget_follows_the_dark_palette(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}{PAGE}", wait_until="networkidle")
    colours = page.evaluate("""() => {
      const read = () => {
        const field = document.querySelector(".kb-bpe-visualizer textarea");
        return [getComputedStyle(field).backgroundColor, getComputedStyle(field).color,
                getComputedStyle(document.body).backgroundColor];
      };
      document.body.setAttribute("data-md-color-scheme", "default");
      const light = read();
      document.body.setAttribute("data-md-color-scheme", "slate");
      return [light, read()];
    }""")
    (light_bg, light_fg, light_body), (dark_bg, dark_fg, dark_body) = colours
    assert light_bg == light_body and dark_bg == dark_body  # 输入框跟随页面背景
    assert light_bg != dark_bg and light_fg != dark_fg
