"""Formulas become MathML at build time; TeX the converter cannot render fails with page and line."""

from __future__ import annotations

import pytest
from helpers import make_page

from llmkb.render.mathml import MathError, tex_to_mathml


@pytest.mark.parametrize(
    "tex",
    [
        r"\frac{QK^\top}{\sqrt{d_k}}",
        r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
        r"\mathcal{L} = -\sum_{t=1}^{T} \log p_\theta(x_t \mid x_{<t})",
        r"\begin{split} a &= b + c \\ &= d \end{split}",
        r"\begin{cases} 1 & x > 0 \\ 0 & \text{否则} \end{cases}",
        r"\begin{bmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{bmatrix}",
        r"\mathbb{E}_{x \sim D}\left[ \left( \frac{1}{2} \right) \right]",
        r"\operatorname{argmax}_{\theta} \; \mathbf{W} \odot \hat{y}",
    ],
)
def test_supported_tex_converts(tex):
    mathml = tex_to_mathml(tex, display=True)
    assert mathml.startswith("<math alttext=") and "\\" not in mathml.split(">", 1)[1]


@pytest.mark.parametrize(
    ("tex", "fix_mentions"),
    [
        (r"\arg\max_x f(x)", r"\operatorname{argmax}"),
        (r"\begin{aligned} a &= b \end{aligned}", "split"),
        (r"x \tag{1}", "number"),
        (r"\newcommand{\R}{\mathbb{R}}", "macros"),
        (r"\foo{x}", "supported command"),
        (r"a & b", "split"),
        (r"\operatorname*{arg\,max}_x", "argmax"),
    ],
)
def test_unsupported_tex_is_rejected_with_a_fix(tex, fix_mentions):
    with pytest.raises(MathError) as info:
        tex_to_mathml(tex, display=False)
    assert fix_mentions in info.value.fix or fix_mentions in info.value.problem


def test_math_renders_as_mathml_in_the_build(build_fixture_site):
    body = "行内 $E = mc^2$ 公式。\n\n$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n"
    result = build_fixture_site({"index.md": make_page("首页", body)})
    assert result.ok, result.log
    html = result.html("index.html")
    assert html.count("<math ") == 2 and 'display="block"' in html
    assert "arithmatex" not in html


def test_unsupported_tex_fails_the_build_naming_page_and_line(build_fixture_site):
    body = "第一段。\n\n目标是 $\\arg\\max_\\theta L$。\n"
    result = build_fixture_site({"index.md": make_page("首页", "正文。\n"), "m.md": make_page("公式", body)})
    assert not result.ok
    assert "m.md:11: unsupported TeX '\\arg'" in result.log
    assert "\\operatorname{argmax}" in result.log


def test_function_names_get_a_thin_space_except_before_brackets():
    spaced = tex_to_mathml(r"\log \sigma", display=False)
    assert '<mi>log</mi><mspace width="0.1667em"></mspace>' in spaced
    assert "<mspace" not in tex_to_mathml(r"\log(x)", display=False)


@pytest.mark.parametrize("tex", [r"\log_2(i+1)", r"\log_{10} x", r"\exp^{2} y"])
def test_no_thin_space_inside_a_script_base(tex):
    """<msub>/<msup> take exactly two children; a space after `log` inside them is invalid MathML."""
    from lxml import etree

    root = etree.fromstring(tex_to_mathml(tex, display=False))
    for script in root.iter("{*}msub", "{*}msup", "{*}msubsup"):
        assert len(script) == (3 if script.tag.endswith("msubsup") else 2), etree.tostring(script)
def test_mathml_is_compact_but_keeps_markup_characters_escaped():
    inline = tex_to_mathml(r"\sum_{i} a_i < b", display=False)
    assert "∑" in inline and "&#x" not in inline
    assert "&lt;" in inline and "< b" not in inline and "<mo><</mo>" not in inline
    assert "xmlns=" not in inline and "display=" not in inline
    assert 'display="block"' in tex_to_mathml("x", display=True)
