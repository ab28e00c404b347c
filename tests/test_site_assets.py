"""Pages load only what they use: the math font is a small subset that still draws every formula, a
widget's script and stylesheet load only where the widget is, and nothing unused is shipped."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from llmkb.render.mathfont import SITE_FONT, SOURCE_FONT, cmap_characters, italic_form, site_math_characters, subset_font
from llmkb.render.mathfont import characters_to_keep
from llmkb.render.unused import UNUSED_OUTPUT, is_unused
from llmkb.render.widgets import WIDGET_ASSETS, Assets, assets_for

MATH_FONT_BUDGET = 40 * 1024  # bytes a page with formulas may spend on the math font
STRETCHY_PAGE = "theory/scaling-laws/"  # \left( \frac{N_c}{N} \right) and others


def pages(site):
    return sorted(site.rglob("*.html"))


def test_math_font_covers_every_character_every_page_draws(built_site):
    _, site = built_site
    subset = cmap_characters((site / SITE_FONT).read_bytes())
    whole = cmap_characters(SOURCE_FONT.read_bytes())
    missing: dict[str, set[str]] = {}
    editions_with_math = set()
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        if "<math" not in text:
            continue
        editions_with_math.add(path.relative_to(site).parts[0] if path.relative_to(site).parts[0] in ("en", "zh-Hant") else "zh")
        for math in BeautifulSoup(text, "lxml").find_all("math"):
            drawn = set(math.get_text()) - {"\n"}
            # A one-letter identifier is drawn in mathematical italic (MathML Core, math-auto).
            for mi in math.find_all("mi"):
                letter = mi.get_text()
                if len(letter) == 1 and mi.get("mathvariant") != "normal" and italic_form(letter):
                    drawn.add(italic_form(letter))
            # Characters the whole font lacks (Chinese in \text{}) come from the text fonts.
            lost = {c for c in drawn if c in whole and c not in subset}
            if lost:
                missing.setdefault(str(path.relative_to(site)), set()).update(lost)
    assert editions_with_math == {"zh", "zh-Hant", "en"}
    assert not missing, "characters missing from the math font subset: " + "; ".join(
        f"{page}: {''.join(sorted(chars))}" for page, chars in sorted(missing.items()))


def test_math_font_is_a_small_woff2_with_its_licence(built_site):
    _, site = built_site
    font = (site / SITE_FONT).read_bytes()
    assert font[:4] == b"wOF2"
    assert len(font) <= MATH_FONT_BUDGET, f"math font {len(font) / 1024:.1f} KiB, budget {MATH_FONT_BUDGET / 1024:.0f} KiB"
    assert not list(site.rglob("*.otf")), "the whole OpenType font is shipped"
    assert (site / "assets/fonts/GUST-FONT-LICENSE.txt").is_file()
    css = (site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert 'url("../fonts/latinmodern-math.woff2") format("woff2")' in css


def test_pages_with_formulas_and_only_they_preload_the_math_font(built_site):
    # Fetched with the stylesheets, the font is there for the first paint; found later through the
    # stylesheet, it arrives after it and every line with a formula reflows.
    _, site = built_site
    wrong, with_formulas = [], 0
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        preloads = re.findall(r'<link rel="preload" href="([^"]*)" as="font" type="font/woff2" crossorigin>', html)
        has_math = "<math" in html.partition("<article")[2]
        with_formulas += has_math
        target = [(path.parent / href).resolve() for href in preloads]
        if has_math != bool(preloads) or len(preloads) > 1 or any(t != (site / SITE_FONT).resolve() for t in target):
            wrong.append(f"{path.relative_to(site)}: formulas {has_math}, preloads {preloads}")
    assert not wrong, "the math font is preloaded where it is not drawn, or not where it is:\n" + "\n".join(wrong[:10])
    assert with_formulas > 50


def test_math_font_is_reproducible_and_current(built_site):
    _, site = built_site
    wanted = [c for c in characters_to_keep(site_math_characters(site)) if chr(c) in cmap_characters(SOURCE_FONT.read_bytes())]
    first, second = subset_font(wanted), subset_font(list(reversed(wanted)))
    assert first == second, "the same characters give a different font"
    assert (site / SITE_FONT).read_bytes() == first, "the site's font is not the subset of its own formulas"


def test_stretchy_brackets_stretch_with_the_subset(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/{STRETCHY_PAGE}")
    page.evaluate("document.fonts.ready")
    status = page.evaluate("[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Latin Modern Math').map(f => f.status)")
    assert status == ["loaded"], status
    fences = page.evaluate("""() => [...document.querySelectorAll('article mo[stretchy="true"][form="prefix"]')]
      .filter(mo => mo.nextElementSibling && mo.nextElementSibling.localName === 'mfrac')
      .map(mo => [mo.getBoundingClientRect().height, mo.nextElementSibling.getBoundingClientRect().height])""")
    assert fences, f"{STRETCHY_PAGE} has no \\left( around a fraction to measure"
    for fence, fraction in fences:
        # A bracket grown from the MATH table's variants is as tall as the fraction it encloses;
        # without them it stays one em or so.
        assert fence >= 0.9 * fraction, f"bracket {fence:.1f} px around a fraction {fraction:.1f} px: it did not stretch"


@pytest.mark.parametrize("marker", sorted(WIDGET_ASSETS))
def test_widget_files_load_only_on_pages_with_the_widget(built_site, marker):
    _, site = built_site
    assets = WIDGET_ASSETS[marker]
    mount = "kb-" + marker  # the class of the mount point (llmkb/render/widgets.py)
    with_widget, without = [], []
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        loads = [name for name in assets.scripts + assets.styles if re.search(r'(src|href)="[./]*/?' + re.escape(name) + '"', text)]
        has_mount = f'class="{mount}' in text
        if has_mount:
            with_widget.append(path)
            assert len(loads) == len(assets.scripts + assets.styles), f"{path}: has the {marker} widget but loads only {loads}"
        else:
            without.append(path)
            assert not loads, f"{path}: loads {loads} without the {marker} widget"
    assert len(with_widget) == 3, f"the {marker} widget should be on one page per edition: {with_widget}"


def test_assets_for_reads_the_markers():
    assert assets_for("text only") == Assets()
    page = "<!-- kb:gpu-estimator -->\n\n<!-- kb:bpe-visualizer -->\n<!-- kb:gpu-estimator -->"
    found = assets_for(page)
    assert found.scripts == ("assets/javascripts/bpe.js", "assets/javascripts/gpu-memory.js")
    assert found.styles == ("assets/stylesheets/bpe.css", "assets/stylesheets/gpu-memory.css")


def test_nothing_unused_is_shipped(built_site):
    _, site = built_site
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert not [f for f in files if is_unused(f) or f in UNUSED_OUTPUT], "unused theme files shipped"
    html = "\n".join(p.read_text(encoding="utf-8") for p in pages(site))
    loaded = set(re.findall(r'(?:src|href)="(?:\.\./|\./|/)*(assets/[^"#?]+\.(?:js|css))"', html))
    shipped = {f for f in files if f.startswith("assets/") and f.endswith((".js", ".css"))}
    assert shipped - loaded == set(), f"scripts and stylesheets no page loads: {sorted(shipped - loaded)}"
    css = "\n".join((site / f).read_text(encoding="utf-8") for f in shipped if f.endswith(".css"))
    fonts = {f for f in files if f.startswith("assets/fonts/") and f.endswith((".woff2", ".woff", ".otf", ".ttf"))}
    assert {f for f in fonts if f.rsplit("/", 1)[1] not in css} == set(), "font files no stylesheet uses"
