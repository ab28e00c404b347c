"""TeX to MathML at build time (latex2mathml), with a strict check of what the converter supports.

latex2mathml never fails loudly: unknown commands come out as literal text, and some environments
come out wrong. This module rejects those cases so that a formula either renders correctly or fails
the build with a message naming the formula and the fix.
"""

from __future__ import annotations

import html
import re
from functools import cache

from latex2mathml.converter import convert

# Commands and environments that latex2mathml 3.81 mishandles, with what to write instead.
UNSUPPORTED: dict[str, str] = {
    r"\arg": r"write \operatorname{argmax} or \operatorname{argmin}",
    r"\operatorname*": r"write \operatorname{argmax}_{x} (limits placement is not supported)",
    r"\tag": "number the equation in the surrounding text instead",
    r"\label": "refer to the formula in words; labels are not supported",
    r"\eqref": "refer to the formula in words; labels are not supported",
    r"\ref": "refer to the formula in words; labels are not supported",
    r"\newcommand": "write the command out in full; macros are not supported",
    r"\renewcommand": "write the command out in full; macros are not supported",
    r"\def": "write the command out in full; macros are not supported",
    r"\begin{aligned}": r"use \begin{split} ... \end{split} for aligned multi-line formulas",
    r"\begin{gathered}": r"use \begin{split} or separate display formulas",
    r"\begin{align}": r"use \begin{split} inside $$ ... $$",
    r"\begin{equation}": "write the formula between $$ and $$ without an environment",
}

_COMMAND_RE = re.compile(r"\\(?:begin\{[a-z]+\*?\}|[A-Za-z]+\*?)")
_LITERAL_BACKSLASH_RE = re.compile(r"<m(?:i|o|n|text)[^>]*>(\\[^<]*)</m(?:i|o|n|text)>")
_LITERAL_AMPERSAND_RE = re.compile(r"<m[io][^>]*>&(?:amp;)?</m[io]>")


# latex2mathml writes \operatorname{Attn} and \max as an operator (<mo>), which browsers space like
# "+" (a wide gap on both sides: "Attn (  RMSNorm"); TeX typesets them as function names. They become
# <mi>, which a browser sets upright without spacing when the name has more than one letter.
_WORD_OPERATOR_RE = re.compile(r"<mo>([A-Za-z][A-Za-z0-9]*[A-Za-z0-9])</mo>")
# \log, \exp ... and those names are then a plain <mi>, so "\log \sigma" would render as "logσ". TeX
# puts a thin space after such operators unless an opening bracket follows; do the same.
# Not when the name is the base of a script (\log_2): <msub> takes exactly two children.
_FUNCTION_NAME_RE = re.compile(
    r"(?<!<msub>)(?<!<msup>)(?<!<msubsup>)(?<!<munder>)(?<!<mover>)(?<!<munderover>)"
    r"(<mi>[A-Za-z][A-Za-z0-9]*[A-Za-z0-9]</mi>)(?!(?:<mrow>)?<mo[^>]*>(?:&#x00028;|&#x0005B;|&#x0007B;|\(|\[|\{))(?!</m)"
)
_THIN_SPACE = '<mspace width="0.1667em"></mspace>'
_MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_DEFAULT_COLUMN_SPACING = "0.8em"  # MathML Core's default: 0.4em of padding on each side of a cell


def align_table_cells(mathml: str) -> str:
    """Cell alignment and column spacing as CSS on each <mtd>, which every browser follows.

    Chromium implements MathML Core, which ignores ``columnalign`` and ``columnspacing`` (so the "="
    of aligned equations did not line up), and moves a cell's math to the right only for
    ``text-align: -webkit-right``; Firefox follows the attributes, and the CSS as well.
    """
    if "<mtable" not in mathml:
        return mathml
    from xml.etree import ElementTree

    ElementTree.register_namespace("", _MATHML_NS)
    root = ElementTree.fromstring(mathml)
    for table in root.iter(f"{{{_MATHML_NS}}}mtable"):
        spacing = (table.get("columnspacing") or _DEFAULT_COLUMN_SPACING).split()
        table_align = (table.get("columnalign") or "center").split()
        for row in table.findall(f"{{{_MATHML_NS}}}mtr"):
            cells = row.findall(f"{{{_MATHML_NS}}}mtd")
            for index, cell in enumerate(cells):
                align = cell.get("columnalign") or table_align[min(index, len(table_align) - 1)]
                left = "0" if index == 0 else _half(spacing[(index - 1) % len(spacing)])
                right = "0" if index == len(cells) - 1 else _half(spacing[index % len(spacing)])
                # Chromium aligns a cell's math by the -webkit- keyword only ("right" leaves it on the left).
                cell.set("style", f"text-align: {align}; text-align: -webkit-{align}; padding-left: {left}; padding-right: {right}")
    return ElementTree.tostring(root, encoding="unicode", short_empty_elements=True)


def _half(length: str) -> str:
    match = re.fullmatch(r"([\d.]+)([a-z]*)", length)
    if not match:
        return "0.4em"
    value = float(match.group(1)) / 2
    return f"{value:g}{match.group(2) or 'em'}" if value else "0"


class MathError(ValueError):
    def __init__(self, tex: str, problem: str, fix: str):
        self.tex, self.problem, self.fix = tex, problem, fix
        super().__init__(f"{problem}: {tex}")


_TOKEN_RE = re.compile(r"\\(?:[A-Za-z]+|.)|[{}]", re.S)
_ENVIRONMENT_RE = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}")


def balance_problem(tex: str) -> tuple[str, str] | None:
    """(problem, fix) when braces, \\left/\\right or \\begin/\\end do not pair up; latex2mathml would
    close them silently and render something else."""
    depth = 0
    for token in _TOKEN_RE.findall(tex):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return "unbalanced braces: a '}' closes nothing", "remove the extra '}' or add the '{' it closes (a literal brace is \\}"
    if depth > 0:
        return f"unbalanced braces: {depth} '{{' not closed", "add the missing '}' (a literal brace is \\{)"
    lefts, rights = len(re.findall(r"\\left(?![A-Za-z])", tex)), len(re.findall(r"\\right(?![A-Za-z])", tex))
    if lefts != rights:
        return f"{lefts} \\left but {rights} \\right", "pair every \\left with a \\right (\\right. for an invisible one)"
    stack: list[str] = []
    for kind, name in _ENVIRONMENT_RE.findall(tex):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"\\end{{{name}}} does not match a \\begin{{{name}}}", "close every environment with its own \\end, innermost first"
    if stack:
        return f"\\begin{{{stack[-1]}}} is not closed", f"add \\end{{{stack[-1]}}}"
    return None


def check_tex(tex: str) -> None:
    """Raise MathError for TeX that the converter is known to get wrong."""
    problem = balance_problem(tex)
    if problem:
        raise MathError(tex, *problem)
    for command in _COMMAND_RE.findall(tex):
        if command in UNSUPPORTED:
            raise MathError(tex, f"unsupported TeX '{command}'", UNSUPPORTED[command])


_CHARACTER_REFERENCE_RE = re.compile(r"&#x([0-9A-Fa-f]+);")
# Not needed in HTML (the parser puts <math> in the MathML namespace; inline is the default).
_REDUNDANT_ATTRIBUTES_RE = re.compile(r' xmlns="http://www\.w3\.org/1998/Math/MathML"| display="inline"')


def compact(mathml: str) -> str:
    """The same MathML in fewer bytes: characters instead of `&#x02211;` references, no redundant attributes.

    latex2mathml writes every operator and Greek letter as a 9-byte reference; formulas are a large
    share of some pages (see the performance budget in MAINTAINING.md).
    """
    mathml = _CHARACTER_REFERENCE_RE.sub(lambda match: html.escape(chr(int(match.group(1), 16)), quote=True), mathml)
    return _REDUNDANT_ATTRIBUTES_RE.sub("", mathml)


@cache  # the same formula appears in every edition
def tex_to_mathml(tex: str, display: bool) -> str:
    """Convert one formula; the TeX source goes into ``alttext`` for screen readers and copy."""
    check_tex(tex)
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many exception types for malformed input
        raise MathError(tex, f"TeX could not be parsed ({type(exc).__name__}: {exc})", "check braces and environment names") from None
    literal = _LITERAL_BACKSLASH_RE.search(mathml)
    if literal:
        raise MathError(
            tex,
            f"unsupported TeX '{html.unescape(literal.group(1))}' (it would be shown as literal text)",
            "use a supported command (see 'Math' in CONTRIBUTING.md)",
        )
    if _LITERAL_AMPERSAND_RE.search(mathml):
        raise MathError(tex, "alignment '&' outside a supported environment", r"use \begin{split}, a matrix or cases")
    mathml = _WORD_OPERATOR_RE.sub(r"<mi>\1</mi>", mathml)
    mathml = _FUNCTION_NAME_RE.sub(lambda match: match.group(1) + _THIN_SPACE, mathml)
    mathml = compact(align_table_cells(mathml))
    alttext = html.escape(tex.strip(), quote=True)
    return mathml.replace("<math", f'<math alttext="{alttext}"', 1)


# pymdownx.arithmatex in generic mode wraps inline math as <span class="arithmatex">\(...\)</span>
# and display math as <div class="arithmatex">\[...\]</div>. Punctuation right after an inline formula
# (Chinese or English) is kept with it: a line may break before the comma otherwise, and no line starts with one.
PUNCTUATION_AFTER = "，。；：、）！？」』”,.;:!?)’"
ARITHMATEX_RE = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>'
    rf"(?P<after>[{re.escape(PUNCTUATION_AFTER)}]*)",
    re.S,
)


def render_math_in_html(page_html: str) -> tuple[str, list[MathError]]:
    """Replace arithmatex placeholders with MathML; returns the new HTML and every formula error."""
    errors: list[MathError] = []

    def replace(match: re.Match[str]) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        try:
            mathml = tex_to_mathml(tex, display)
        except MathError as exc:
            errors.append(exc)
            return match.group(0)
        after = match.group("after")
        if display:
            return f'<div class="kb-math" tabindex="0">{mathml}</div>{after}'
        return f'<span class="kb-nobreak">{mathml}{after}</span>' if after else mathml

    return ARITHMATEX_RE.sub(replace, page_html), errors
