"""The English edition's copies of the examples (examples/en/) are the same programs with English comments.

A copy differs from its Chinese original only in comments and docstrings: the same code and the same
strings (sample data and printed output stay as the page explains them), so the tests of the original
cover it. English pages include the copy where there is one, Chinese pages never do.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import pytest
from helpers import site_pages

from llmkb.model.editions import ENGLISH
from llmkb.paths import ROOT
from llmkb.text import HAN_RE

EXAMPLES = ROOT / "examples"
COPIES = sorted((EXAMPLES / "en").glob("*.py"))
INCLUDE_RE = re.compile(r'--8<-- "examples/(?:en/)?([\w-]+)\.py"')
QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")


def without_docstrings(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body[0] = ast.Pass()
    return ast.dump(tree)


def explanations(source: str) -> list[str]:
    """The comments and docstrings of a program: the text written for readers rather than run."""
    texts = [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline) if token.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and ast.get_docstring(node):
            texts.append(ast.get_docstring(node))
    return texts


def test_there_are_english_copies():
    assert len(COPIES) >= 4, COPIES


@pytest.mark.parametrize("copy", COPIES, ids=lambda path: path.name)
def test_english_copy_is_the_same_program(copy):
    original = EXAMPLES / copy.name
    assert original.is_file(), f"{copy} has no original {original}"
    assert without_docstrings(copy.read_text(encoding="utf-8")) == without_docstrings(original.read_text(encoding="utf-8")), (
        f"{copy} differs from {original} in more than comments and docstrings: change both the same way")


@pytest.mark.parametrize("copy", COPIES, ids=lambda path: path.name)
def test_english_copy_explains_in_english(copy):
    chinese = [text for text in explanations(copy.read_text(encoding="utf-8")) if HAN_RE.search(QUOTED_RE.sub("", text))]
    assert not chinese, f"{copy}: Chinese outside quoted sample data in comments or docstrings: {chinese[:3]}"


def test_each_edition_includes_its_own_copy():
    wrong = []
    translated = {copy.stem for copy in COPIES}
    for page in site_pages().values():
        for match in INCLUDE_RE.finditer(page.body):
            english_copy = "examples/en/" in match.group(0)
            should_be = page.language == ENGLISH and match.group(1) in translated
            if english_copy != should_be:
                wrong.append(f"{page.path.name}: {match.group(0)}")
    assert not wrong, "English pages include examples/en/<file>.py where it exists, Chinese pages examples/<file>.py:\n" + "\n".join(wrong)


def test_the_checks_can_fail():
    assert without_docstrings('def f():\n    """说明"""\n    return 1\n') == without_docstrings('def f():\n    """Doc."""\n    return 1\n')
    assert without_docstrings("x = '模型'\n") != without_docstrings("x = 'model'\n")
    assert explanations('"""模块。"""\n# 注释\nx = 1  # [\'模型\']\n') == ["# 注释", "# ['模型']", "模块。"]
