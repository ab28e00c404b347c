"""What tests share besides fixtures (fixtures are in conftest.py): fixture pages, example modules,
the site's pages, the checks for Simplified characters in the 繁體中文 edition and for Chinese prose
left in English text, the words an interactive
widget shows, and the check that the machine has what a test needs.

Import with ``from helpers import ...`` (pytest puts tests/ on the import path).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from llmkb.book.pages import article_html  # noqa: F401 - tests import it from here with the two below
from llmkb.browser import CHROMIUM
from llmkb.model.frontmatter import Page, load_pages
from llmkb.paths import ROOT

# Keys that exist in data/bibliography.yaml, for fixture pages that must cite something.
KNOWN_KEYS = ["ouyang2022training", "hu2021lora"]


def make_page(title: str, body: str, *, sources: list[str] | None = None, extra: str = "") -> str:
    """A page with valid front matter around the given body."""
    keys = KNOWN_KEYS if sources is None else sources
    return (
        "---\n"
        f"title: {title}\n"
        f"description: 用于测试的页面，验证构建对这种输入的处理是否正确。\n"
        "tags: [基础概念]\n"
        "updated: 2026-11-01\n"
        f"sources: [{', '.join(keys)}]\n"
        f"{extra}"
        "---\n\n" + textwrap.dedent(body).lstrip("\n")
    )


def load_example(name: str):
    """Import examples/<name>.py, the code pages show and tests run (examples/ is not a package)."""
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"examples_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


@functools.cache
def site_pages() -> dict[str, Page]:
    """Every page of docs/, parsed once per test run."""
    return load_pages()


# ---- the 繁體中文 edition -------------------------------------------------------------------------

# The Simplified-character check is llmkb.render.hant.simplified_only.
CJK_RE = re.compile(r"[\u3400-\u9fff]+")


def prose_text(page) -> str:
    """Visible text outside code and scripts, and outside text marked as Chinese or Japanese (an example
    quoted on an English page, ``<span lang="zh-Hans">``); the words of formulas count. Takes a BeautifulSoup
    document and removes those elements from it."""
    for tag in page.select("code, pre, kbd, script, style, svg, body [lang^='zh'], body [lang^='ja']"):
        tag.decompose()
    return page.get_text(" ")


def untranslated_chinese(html: str) -> list[str]:
    """Chinese left in the prose of an English page or chapter: each run with a little context, at most five."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # an EPUB chapter is XHTML; its text reads the same
        document = BeautifulSoup(html, "lxml")
    text = re.sub(r"\s+", " ", prose_text(document))
    return [text[max(0, m.start() - 15):m.end() + 15] for m in CJK_RE.finditer(text)][:5]


# ---- the interactive widgets ---------------------------------------------------------------------

# Everything a reader can see or hear of a widget: its text (hidden parts and <option>s included), the
# attributes screen readers announce or tooltips show, the values of its inputs, and the words it was
# given in data-kb-labels (some of which only show in states a test does not reach).
WIDGET_WORDS_JS = """(selector) => {
  const root = document.querySelector(selector);
  const words = [root.textContent];
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const name of ["aria-label", "title", "aria-valuetext", "placeholder"]) {
      if (node.hasAttribute(name)) words.push(node.getAttribute(name));
    }
    if (node.matches("input, textarea")) words.push(node.value);
  }
  words.push(...Object.values(JSON.parse(root.dataset.kbLabels || "{}")));
  return words.join("\\n");
}"""


# ---- what a test needs from the machine -------------------------------------------------------

def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return "Noto Sans CJK SC" in families


# Beyond Python packages: what it is, how to tell it is there, and the Debian packages that provide it
# (all installed by .ci/install-debian-packages).
SYSTEM_REQUIREMENTS = {
    "chromium": ("Debian's Chromium (/usr/bin/chromium)", lambda: Path(CHROMIUM).is_file(), "chromium"),
    "cjk-font": ("the Noto CJK fonts (pages, charts and the PDF are checked as they render in them)", _has_cjk_font,
                 "fonts-noto-cjk fontconfig"),
    "pdftotext": ("pdftotext (reads the PDF's text layer)", lambda: shutil.which("pdftotext") is not None, "poppler-utils"),
    "java": ("Java (runs epubcheck)", lambda: shutil.which("java") is not None, "default-jre-headless"),
}


@functools.cache
def _missing(requirement: str) -> str | None:
    what, present, packages = SYSTEM_REQUIREMENTS[requirement]
    if present():
        return None
    return f"{what} is missing: install it with `sudo apt-get install {packages}` (.ci/install-debian-packages does this in CI)"


def require(*requirements: str) -> None:
    """Fail (not skip) with what to install when the machine lacks something a test needs; checked once per run."""
    problems = [problem for requirement in requirements if (problem := _missing(requirement))]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def article_of(page_html: str):
    """A built page's ``<article>`` parsed on its own (BeautifulSoup), or None."""
    from bs4 import BeautifulSoup

    article = article_html(page_html)
    return BeautifulSoup(article, "lxml").article if article is not None else None


def article_tree(page_html: str):
    """A built page's ``<article>`` as an lxml element, or None: for read-only checks over every page,
    about twenty times faster than a BeautifulSoup tree."""
    import lxml.html

    article = article_html(page_html)
    return lxml.html.fragment_fromstring(article) if article is not None else None
