"""What a reader sees, measured on the rendered pages in Chromium (and in the built HTML where that is
the same thing): each edition's figures in its own script, aligned equations, tables that show they
scroll, abbreviations marked sparingly, charts without colliding labels, figures readable on a phone
and in the dark palette, a 404 page per edition, captions, the home page and tags, no repository
internals, and the small things."""

from __future__ import annotations

import io
import posixpath
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops
from helpers import article_of
from mkdocs.config import load_config
from playwright.sync_api import expect

from llmkb.book.pages import book_pages
from llmkb.model.editions import DEFAULT, EDITIONS, ENGLISH, HTML_LANG, TRADITIONAL, edition_prefix
from llmkb.paths import DOCS_DIR, MKDOCS_FILE
from llmkb.render.editions import edition_labels
from llmkb.render.hant import simplified_only, traditional_only
from llmkb.text import HAN_RE

CONFIG = load_config(config_file=str(MKDOCS_FILE))
NAV = book_pages(CONFIG.nav)


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    result, site = built_site
    assert result.returncode == 0, result.stderr
    return site


@cache
def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def page_file(edition: str, url: str) -> str:
    return f"{edition_prefix(edition)}{url}index.html"


def prose(soup: BeautifulSoup) -> str:
    for tag in soup.select("code, pre, kbd, math, script, style, svg, .kb-search-data"):
        tag.decompose()
    return soup.get_text(" ")


# ---- 1. Each edition's figures in its own script ---------------------------------------------------

def test_every_figure_a_page_shows_is_in_the_script_of_its_edition(site):
    wrong = []
    for edition in EDITIONS:
        for entry in NAV:
            path = page_file(edition, entry.url)
            article = article_of(_html(site, path))
            for img in article.select("img[src$='.svg']"):
                file = site / posixpath.normpath(posixpath.join(posixpath.dirname(path), img["src"]))
                visible = re.sub(r"<!--.*?-->", "", file.read_text(encoding="utf-8"), flags=re.S) if file.is_file() else None
                text = " ".join(HAN_RE.findall(visible)) if visible is not None else None
                if text is None:
                    wrong.append(f"{path}: {img['src']} does not exist")
                elif edition == DEFAULT and (chars := traditional_only(text)):
                    wrong.append(f"{path}: {img['src']} has Traditional characters {''.join(sorted(chars))}")
                elif edition == TRADITIONAL and (chars := simplified_only(text)):
                    wrong.append(f"{path}: {img['src']} has Simplified characters {''.join(sorted(chars))}")
                elif edition == ENGLISH and text.strip():
                    source = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), img["src"].replace(".dark.svg", ".svg")))
                    if (DOCS_DIR / source.replace(".svg", ".en.svg")).exists():
                        wrong.append(f"{path}: shows {img['src']} in Chinese, though {source.replace('.svg', '.en.svg')} exists")
    assert not wrong, "\n".join(wrong[:20])


def test_the_script_checks_can_fail():
    assert traditional_only("输入层與資料") == {"與", "資"}
    assert simplified_only("輸入層与资料") == {"与", "资"}


def test_the_browser_loads_each_editions_own_diagram(served_site, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for edition, check in ((DEFAULT, traditional_only), (TRADITIONAL, simplified_only)):
            page.goto(f"{served_site}/{edition_prefix(edition)}theory/llama-architecture/", wait_until="networkidle")
            figure = page.locator("article img.kb-figure__light").first
            figure.scroll_into_view_if_needed()
            expect(figure).to_have_js_property("complete", True)
            svg = page.evaluate("src => fetch(src).then(r => r.text())", figure.evaluate("img => img.currentSrc"))
            assert not check(" ".join(HAN_RE.findall(svg))), f"{edition}: the diagram shown is in the other script"
    finally:
        context.close()


# ---- 2. Aligned equations ----------------------------------------------------------------------

ALIGNMENT_JS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll('.kb-math mtable')) {
    const rows = [...table.children].filter(r => r.localName === 'mtr');
    const first = rows.length ? [...rows[0].children] : [];
    // Equations aligned at a relation (split, align*): right-aligned and left-aligned columns in turn.
    if (rows.length < 2 || !first.some(c => c.getAttribute('columnalign') === 'right') || !first.some(c => c.getAttribute('columnalign') === 'left')) continue;
    const em = parseFloat(getComputedStyle(table).fontSize);
    const relations = [];
    rows.forEach((row, index) => {
      const cell = [...row.children].find(c => c.getAttribute('columnalign') === 'left');
      const relation = cell && [...cell.querySelectorAll('mo')].find(mo => /^[=≈≤≥<>≠∝≡]/.test(mo.textContent.trim()));
      if (relation) relations.push(relation.getBoundingClientRect().left);
      // What fills the row: tokens, explicit spaces (\\quad is meant), and fractions and roots as a whole.
      const boxes = [...row.querySelectorAll('mi, mo, mn, mtext, mspace, mfrac, msqrt, mroot')]
        .filter(e => e.localName === 'mspace' || e.localName.startsWith('mfrac') || e.localName.startsWith('ms') || e.localName === 'mroot' || (!e.children.length && e.textContent.trim()))
        .map(e => e.getBoundingClientRect()).filter(b => b.width > 0).sort((a, b) => a.left - b.left);
      let right = boxes.length ? boxes[0].right : 0;
      for (const box of boxes.slice(1)) {
        if (box.left - right > em) problems.push(`row ${index + 1}: a gap of ${((box.left - right) / em).toFixed(1)} em`);
        right = Math.max(right, box.right);
      }
    });
    if (relations.length > 1 && Math.max(...relations) - Math.min(...relations) > 1)
      problems.push(`relation symbols at x = ${relations.map(x => x.toFixed(1)).join(', ')}`);
  }
  return problems;
}"""


def aligned_formula_pages(site: Path) -> list[str]:
    return [entry.url for entry in NAV
            if (site / page_file(DEFAULT, entry.url)).is_file() and 'columnalign="right"' in _html(site, page_file(DEFAULT, entry.url))]


def test_aligned_equations_line_up_in_chromium(site, desktop_page):
    base, page = desktop_page
    pages = aligned_formula_pages(site)
    assert pages, "no page has an aligned display formula to check"
    wrong = []
    for url in pages:
        page.goto(f"{base}/{url}", wait_until="load")
        page.evaluate("document.fonts.ready")
        wrong += [f"{url}: {problem}" for problem in page.evaluate(ALIGNMENT_JS)]
    assert not wrong, "\n".join(wrong[:20])


# ---- 3. Tables ----------------------------------------------------------------------------------

def edge_darkness(page, locator, side: str) -> float:
    """How much darker (light palette) the outermost 8 px on one side of a box are than the page background."""
    box = locator.bounding_box()
    x = box["x"] + box["width"] - 8 if side == "right" else box["x"]
    shot = Image.open(io.BytesIO(page.screenshot(clip={"x": x, "y": box["y"] + 4, "width": 8, "height": min(box["height"] - 8, 200)}))).convert("L")
    background = 255
    pixels = list(shot.get_flattened_data())
    return background - sum(pixels) / len(pixels)


def test_a_table_that_does_not_fit_shows_that_it_scrolls(browser_page):
    base, page = browser_page
    page.goto(f"{base}/theory/llama-architecture/", wait_until="load")
    wraps = page.locator("article .md-typeset__scrollwrap")
    # Tables in later sections are laid out only near the viewport (site.css): look at each as a reader would.
    overflowing = []
    for i in range(wraps.count()):
        wraps.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("e => e.checkVisibility({contentVisibilityAuto: true})", arg=wraps.nth(i).element_handle())
        if wraps.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1"):
            overflowing.append(wraps.nth(i))
    assert overflowing, "expected a table wider than a phone screen on this page"
    wrap = overflowing[0]
    wrap.scroll_into_view_if_needed()
    assert edge_darkness(page, wrap, "right") > 6, "no shadow at the right edge of a table that scrolls"
    assert edge_darkness(page, wrap, "left") < 3, "a shadow at the left edge before scrolling"
    wrap.evaluate("e => e.scrollLeft = e.scrollWidth")
    page.wait_for_function("e => e.scrollLeft > 0", arg=wrap.element_handle())
    assert edge_darkness(page, wrap, "left") > 6, "no shadow at the left edge once scrolled"


def test_tables_fill_the_text_width_align_numbers_and_use_readable_type(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/theory/llama-architecture/", wait_until="load")
    measured = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => ({
        width: t.getBoundingClientRect().width,
        text: t.closest('article').getBoundingClientRect().width,
        fits: t.closest('.md-typeset__scrollwrap').scrollWidth <= t.closest('.md-typeset__scrollwrap').clientWidth + 1,
        size: parseFloat(getComputedStyle(t.querySelector('td')).fontSize),
        numbers: [...t.querySelectorAll('td.kb-num')].map(td => [getComputedStyle(td).textAlign, getComputedStyle(td).fontVariantNumeric]),
    }))""")
    assert measured
    for table in measured:
        assert table["size"] >= 14, f"table text is {table['size']} px"
        if table["fits"]:
            assert table["width"] >= 0.95 * table["text"] - 40, f"a table that fits is {table['width']:.0f} of {table['text']:.0f} px"
    numbers = [cell for table in measured for cell in table["numbers"]]
    assert numbers and all(align == "right" and "tabular-nums" in variant for align, variant in numbers)


# ---- 4. Abbreviations -------------------------------------------------------------------------------

ABBREVIATIONS_JS = """() => {
  const problems = [];
  for (const abbr of document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6, th) abbr')) problems.push(`in a heading: ${abbr.textContent}`);
  let seen = new Set(), section = 0;
  for (const node of document.querySelectorAll('article h2, article abbr')) {
    if (node.localName === 'h2') { seen = new Set(); section += 1; continue; }
    if (seen.has(node.textContent)) problems.push(`${node.textContent} twice in section ${section}`);
    seen.add(node.textContent);
  }
  return problems;
}"""


@pytest.mark.parametrize("url", ["theory/history/", "theory/llama-architecture/", "en/theory/llama-architecture/", "zh-Hant/practice/lora-vs-qlora/"])
def test_an_abbreviation_is_marked_once_per_section_and_never_in_headings(desktop_page, url):
    base, page = desktop_page
    page.goto(f"{base}/{url}", wait_until="load")
    assert page.locator("article abbr").count() > 3
    assert page.evaluate(ABBREVIATIONS_JS) == []


def test_a_marked_abbreviation_shows_its_definition_by_keyboard(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/theory/llama-architecture/", wait_until="networkidle")
    abbr = page.locator("article abbr").nth(3)
    abbr.focus()
    expect(page.locator(".md-tooltip2:visible").first).to_be_visible()


# ---- 5. and 6. Charts and diagrams: no colliding labels, a full legend, readable on a phone -------

# One label of a chart is one <g id="text_N"> (its lines are separate <text> elements). Boxes are the
# glyph cells, which include the font's internal leading: overlaps of up to 2 px are the leading.
OVERLAP_JS = """() => {
  const labels = new Map();
  for (const t of document.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const group = t.closest('g[id^="text_"]') || t;
    const box = t.getBoundingClientRect();
    const label = labels.get(group) || {text: '', left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity};
    label.text += t.textContent.trim();
    label.left = Math.min(label.left, box.left); label.top = Math.min(label.top, box.top);
    label.right = Math.max(label.right, box.right); label.bottom = Math.max(label.bottom, box.bottom);
    labels.set(group, label);
  }
  const boxes = [...labels.values()];
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 2 && h > 2) overlaps.push(`${a.text} / ${b.text}`);
  }
  return overlaps;
}"""


def chart_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("assets/charts/*.svg") if not path.name.endswith(".dark.svg"))


def test_no_two_labels_of_a_chart_overlap(site, desktop_page):
    base, page = desktop_page
    charts = chart_files(site)
    assert len(charts) >= 6, charts  # two charts, three editions
    overlaps = []
    for chart in charts:
        page.goto(f"{base}/{chart}", wait_until="load")
        overlaps += [f"{chart}: {pair}" for pair in page.evaluate(OVERLAP_JS)]
    assert not overlaps, "\n".join(overlaps[:20])


# A label covers a marker when the marker's middle (a disc of a quarter of its size) reaches into the
# label's box shrunk by the 2 px of leading a glyph cell includes: touching edges are allowed.
COVERED_MARKERS_JS = """() => {
  const labels = [...document.querySelectorAll('g[id^="text_"]')].filter(g => g.textContent.trim())
    .map(g => ({text: g.textContent.trim(), box: g.getBoundingClientRect()}));
  const covered = [];
  for (const marker of document.querySelectorAll('g[id^="PathCollection_"] use')) {
    const m = marker.getBoundingClientRect();
    const x = (m.left + m.right) / 2, y = (m.top + m.bottom) / 2, r = Math.min(m.width, m.height) / 4;
    for (const {text, box} of labels)
      if (x + r > box.left + 2 && x - r < box.right - 2 && y + r > box.top + 2 && y - r < box.bottom - 2)
        covered.push(`${text} covers the marker at ${Math.round(x)},${Math.round(y)}`);
  }
  return covered;
}"""


def test_no_label_of_a_chart_covers_a_marker(site, desktop_page):
    base, page = desktop_page
    covered = []
    for chart in chart_files(site):
        page.goto(f"{base}/{chart}", wait_until="load")
        assert page.locator('g[id^="PathCollection_"] use').count() > 0 or "datamix" in chart, f"{chart}: no markers found"
        covered += [f"{chart}: {problem}" for problem in page.evaluate(COVERED_MARKERS_JS)]
    assert not covered, "\n".join(covered[:20])


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_parameter_chart_legend_names_every_marker(site, edition):
    chart = (site / edition_prefix(edition) / "assets/charts" / ("params-over-time-en.svg" if edition == ENGLISH else "params-over-time.svg")).read_text(encoding="utf-8")
    words = edition_labels(edition)
    for key in ("chart_dense", "chart_moe_total", "chart_moe_active"):
        assert words[key] in chart, f"the legend lacks {words[key]!r}"


def svg_text_scale(svg: str) -> tuple[float, float, float]:
    """(natural width in CSS px, viewBox width, smallest font size in user units) of an SVG."""
    width_match = re.search(r'<svg[^>]*\swidth="([\d.]+)(pt|px)?"', svg)
    view_box = re.search(r'viewBox="[\d.\s-]+?\s([\d.]+)\s[\d.]+"', svg)
    sizes = [float(size) for size in re.findall(r'font-size(?:="|:\s*)([\d.]+)', svg)]
    natural = float(width_match.group(1)) * (4 / 3 if width_match.group(2) == "pt" else 1)
    return natural, float(view_box.group(1)), min(sizes)


def test_every_figure_full_size_has_text_of_at_least_10_px(site):
    small = []
    for path in sorted(site.rglob("*.svg")):
        relative = path.relative_to(site).as_posix()
        if ("/img/" in relative or "assets/charts/" in relative) and not relative.endswith(".dark.svg"):
            natural, view_box, smallest = svg_text_scale(path.read_text(encoding="utf-8"))
            if natural / view_box * smallest < 10:
                small.append(f"{relative}: {natural / view_box * smallest:.1f} px")
    assert not small, "\n".join(small)


@pytest.mark.parametrize("url", ["theory/llama-architecture/", "reference/models/"])
def test_a_tap_on_a_figure_opens_it_full_size_on_a_phone(browser_page, url):
    base, page = browser_page
    page.goto(f"{base}/{url}", wait_until="networkidle")
    link = page.locator("article a.kb-figure").first
    link.scroll_into_view_if_needed()
    inline_width = link.locator("img:visible").bounding_box()["width"]
    link.tap()
    shown = page.locator("dialog.kb-lightbox[open] img")
    expect(shown).to_be_visible()
    page.wait_for_function("img => img.complete && img.style.width", arg=shown.element_handle())
    src = shown.evaluate("img => img.currentSrc")
    svg = page.evaluate("src => fetch(src).then(r => r.text())", src)
    natural, view_box, smallest = svg_text_scale(svg)
    width = shown.bounding_box()["width"]
    assert width > inline_width and width / view_box * smallest >= 10, f"{src}: text {width / view_box * smallest:.1f} px full size"
    page.keyboard.press("Escape")
    expect(page.locator("dialog.kb-lightbox[open]")).to_have_count(0)
    assert page.evaluate("document.activeElement.classList.contains('kb-figure')"), "focus does not return to the figure"


# ---- 7. Dark palette ------------------------------------------------------------------------------

def bright_share(png: bytes) -> float:
    pixels = list(Image.open(io.BytesIO(png)).convert("L").get_flattened_data())
    return sum(value > 215 for value in pixels) / len(pixels)


@pytest.mark.parametrize("url", ["theory/llama-architecture/", "reference/models/", "practice/gpu-memory/", "en/theory/training-pipeline/"])
def test_figures_follow_the_dark_palette(served_site, chromium, url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(f"{served_site}/{url}", wait_until="networkidle")
        figures = page.locator("article a.kb-figure")
        assert figures.count() > 0
        for index in range(figures.count()):
            figures.nth(index).scroll_into_view_if_needed()  # later sections are laid out near the viewport only
            shown = figures.nth(index).locator("img:visible")
            expect(shown).to_have_count(1)
            assert shown.get_attribute("src").endswith(".dark.svg"), "the dark variant is not the one shown"
            shown.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
            share = bright_share(shown.screenshot())
            assert share < 0.03, f"{url} figure {index + 1}: {share:.0%} of it is near-white on the dark page"
    finally:
        context.close()


# Every label drawn over a shape of a figure, with the contrast between the label's colour and the shape's
# fill where the label's middle is, measured in the browser (what lies under a label is geometry, not markup).
LABEL_CONTRAST = r"""() => {
  const luminance = colour => { const [r, g, b] = colour.match(/[\d.]+/g).map(Number).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const painted = element => { const style = getComputedStyle(element);
    return style.fill.startsWith('rgb') && parseFloat(style.fillOpacity) >= 0.5 && parseFloat(style.opacity) >= 0.5; };
  return [...document.querySelectorAll('text')].filter(text => text.textContent.trim() && painted(text)).flatMap(text => {
    const box = text.getBoundingClientRect();
    const under = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      .find(element => ['rect', 'path', 'polygon', 'circle', 'ellipse'].includes(element.tagName) && painted(element));
    return under ? [[text.textContent.trim().slice(0, 30), contrast(getComputedStyle(text).fill, getComputedStyle(under).fill)]] : [];
  });
}"""
# WCAG's minimum for large text and for graphics; figure labels are bold or 14 px and up.
MIN_LABEL_CONTRAST = 3.0


def test_every_figure_label_stands_out_from_the_shape_it_is_drawn_on(site, served_site, chromium):
    # The 繁體 figures are the 简体 ones with converted text, in the same colours.
    hant = edition_prefix(TRADITIONAL)
    figures = [path.relative_to(site).as_posix() for path in sorted(site.rglob("*.svg"))
               if ("/img/" in path.as_posix() or "/assets/charts/" in path.as_posix()) and not path.relative_to(site).as_posix().startswith(hant)]
    assert any(figure.endswith(".dark.svg") for figure in figures) and len(figures) > 100, figures[:5]
    page = chromium.new_page()
    faint = []
    try:
        for figure in figures:
            page.goto(f"{served_site}/{figure}")
            faint += [f"{figure} {label!r}: {ratio:.2f}" for label, ratio in page.evaluate(LABEL_CONTRAST) if ratio < MIN_LABEL_CONTRAST]
    finally:
        page.close()
    assert not faint, (f"figure labels below {MIN_LABEL_CONTRAST}:1 against the shape under them (dark variants: "
                       "llmkb/render/figures.py dark_colour; light ones: the SVG's own colours):\n" + "\n".join(faint[:30]))


# ---- 8. The 404 page of each edition ---------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_has_a_404_page_in_its_language(site, edition):
    path = f"{edition_prefix(edition)}404.html"
    soup = BeautifulSoup(_html(site, path), "lxml")
    words = edition_labels(edition)
    assert soup.html["lang"] == HTML_LANG[edition]
    assert soup.select_one("article h1").get_text(strip=True) == words["not_found_title"]
    assert soup.select_one("label.kb-not-found__search")["for"] == "__search" and soup.select_one(".kb-search__input")
    links = [a["href"] for a in soup.select("article ul a")]
    assert len(links) == 5, links  # the home page and the four parts
    for href in links:
        assert href.startswith("/") and not href.startswith("//"), href
        assert (site / href.lstrip("/") / ("index.html" if href.endswith("/") else "")).exists(), href
    # The books are exported after the build; their links point into the edition's folder.
    books = [a["href"] for a in soup.select("footer a[download]")]
    assert books and all(href.startswith(f"/{edition_prefix(edition)}") or href.startswith("/download/") for href in books), books
    assert not [href for href in books if href.startswith("//")]


# ---- 9. Captions ----------------------------------------------------------------------------------

def test_captions_are_upright_smaller_and_muted(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/theory/llama-architecture/", wait_until="load")
    style = page.evaluate("""() => { const c = document.querySelector('article figcaption'), p = document.querySelector('article p:not(.kb-reviewed)');
        const cs = getComputedStyle(c), ps = getComputedStyle(p);
        return {style: cs.fontStyle, size: parseFloat(cs.fontSize), body: parseFloat(ps.fontSize), color: cs.color, text: ps.color,
                italic: [...c.querySelectorAll('*')].some(e => getComputedStyle(e).fontStyle !== 'normal')}; }""")
    assert style["style"] == "normal" and not style["italic"], style
    assert style["size"] < style["body"] and style["color"] != style["text"], style


# ---- 11. Home page and tags ----------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_the_home_heading_is_the_site_name_without_tags_or_a_lone_sidebar(site, edition):
    soup = BeautifulSoup(_html(site, page_file(edition, "")), "lxml")
    site_name = soup.find("meta", property="og:site_name")["content"]
    heading = soup.select_one("article h1")
    for link in heading.select(".headerlink"):
        link.decompose()
    assert heading.get_text(strip=True) == site_name
    assert not soup.select(".md-tags")
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden"), "the home page shows a navigation sidebar"


def test_index_pages_carry_no_tags_and_content_tags_link_to_the_listing(site):
    for entry in NAV:
        soup = BeautifulSoup(_html(site, page_file(DEFAULT, entry.url)), "lxml")
        tags = soup.select(".md-tags a.md-tag")
        if posixpath.basename(entry.src_uri) == "index.md":
            assert not soup.select(".md-tags"), f"{entry.src_uri} has tags"
            continue
        if entry.src_uri == "reference/tags.md":  # the listing itself
            continue
        assert tags, f"{entry.src_uri} has no tags"
        for tag in tags:
            target, _, anchor = tag["href"].partition("#")
            assert posixpath.normpath(posixpath.join(entry.url, target)) == "reference/tags", tag["href"]
            listing = _html(site, "reference/tags/index.html")
            assert f'id="{anchor}"' in listing, f"the tag listing has no {anchor}"


# ---- 12. Nothing of the repository shown to readers -----------------------------------------------

INTERNALS_RE = re.compile(r"data/[a-z-]+\.yaml|\[@|front matter|\.yaml\b|\bkb:[a-z]")


def test_reader_pages_do_not_show_repository_internals(site):
    shown = []
    for edition in EDITIONS:
        for entry in NAV:
            text = prose(article_of(_html(site, page_file(edition, entry.url))))
            shown += [f"{edition_prefix(edition)}{entry.url}: {match.group(0)}" for match in INTERNALS_RE.finditer(text)]
    assert not shown, "\n".join(shown[:20])


# ---- 13. Small things --------------------------------------------------------------------------------

def test_a_long_display_formula_shows_that_it_scrolls_on_a_phone(browser_page):
    base, page = browser_page
    page.goto(f"{base}/theory/rl-vs-sl/", wait_until="load")
    page.evaluate("document.fonts.ready")
    boxes = page.locator("article .kb-math")
    overflowing = [boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    assert overflowing, "expected a formula wider than a phone screen on this page"
    overflowing[0].scroll_into_view_if_needed()
    assert edge_darkness(page, overflowing[0], "right") > 6, "no shadow at the right edge of a formula that scrolls"


def test_the_traditional_edition_prefers_traditional_chinese_fonts(served_site, chromium):
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served_site}/zh-Hant/", wait_until="load")
        family = page.evaluate("getComputedStyle(document.body).fontFamily")
        first = next(name.strip().strip('"') for name in family.split(",") if "CJK" in name or "PingFang" in name or "Hei" in name)
        assert "TC" in first or "JhengHei" in first, family
    finally:
        context.close()


def test_chinese_on_english_pages_is_marked_as_chinese(site):
    """Han characters on an English page carry their language (zh-Hans, zh-Hant, or ja for Japanese kanji)."""
    unmarked = []
    for entry in NAV:
        article = article_of(_html(site, page_file(ENGLISH, entry.url)))
        for tag in article.select("code, pre, kbd, math, script, style, svg, [lang^='zh'], [lang^='ja'], .kb-search-data, .md-select"):
            tag.decompose()
        for text in article.find_all(string=HAN_RE):
            unmarked.append(f"en/{entry.url}: {text.strip()[:40]!r}")
    assert not unmarked, f"{len(unmarked)} Chinese texts on English pages without lang:\n" + "\n".join(unmarked[:25])


def test_bibliography_entries_link_back_to_where_pages_cite_them(site):
    for edition in (DEFAULT, ENGLISH):
        path = page_file(edition, "reference/bibliography/")
        soup = BeautifulSoup(_html(site, path), "lxml")
        links = soup.select(".kb-cited-by a")
        assert len(links) > 100
        for link in links[:400]:
            target, _, anchor = link["href"].partition("#")
            html = _html(site, posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) + "/index.html")
            assert anchor.startswith(("cite-", "ref-")) and f'id="{anchor}"' in html, link["href"]


def test_the_bibliography_lists_are_laid_out_lazily_and_read_as_one(desktop_page):
    # 600 entries in one list cost a slow phone about a second of layout at load; lists of 25 with
    # content-visibility skip what is off screen (site.css), and must still look like one list.
    base, page = desktop_page
    page.goto(f"{base}/reference/bibliography/", wait_until="load")
    lists = page.evaluate("""() => [...document.querySelectorAll('.kb-bibliography-list > ul')].map(ul => ({
        entries: ul.children.length, visibility: getComputedStyle(ul).contentVisibility}))""")
    assert len(lists) > 10, lists
    assert all(item["entries"] <= 25 and item["visibility"] == "auto" for item in lists), lists[:3]
    gaps = page.evaluate("""() => {
        const [first, second] = document.querySelectorAll('.kb-bibliography-list > ul');
        second.scrollIntoView();
        const gap = (a, b) => b.getBoundingClientRect().top - a.getBoundingClientRect().bottom;
        const items = first.children;
        return {within: gap(items[items.length - 2], items[items.length - 1]), between: gap(items[items.length - 1], second.children[0])};
    }""")
    assert abs(gaps["within"] - gaps["between"]) < 1, f"the lists show a seam: {gaps}"


def test_the_glossary_groups_are_laid_out_lazily(desktop_page):
    base, page = desktop_page
    page.goto(f"{base}/reference/glossary/", wait_until="load")
    groups = page.evaluate("[...document.querySelectorAll('dl.kb-glossary')].map(dl => getComputedStyle(dl).contentVisibility)")
    assert len(groups) >= 5 and set(groups) == {"auto"}, groups


def test_later_sections_are_laid_out_lazily_and_a_focus_ring_there_is_whole(served_site, chromium):
    # Text blocks from the second section on (paragraphs, lists, formulas, figures, tables) skip layout
    # until they near the viewport (site.css): a slow phone's first layout and Material's set-up take a third of the
    # time. Containment clips what a paragraph paints outside its box, a link's focus ring included,
    # unless the clip margin leaves room for it.
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{served_site}/theory/architectures/", wait_until="load")
    visibility = page.evaluate("""() => {
        const blocks = [...document.querySelectorAll('.md-typeset h2 ~ h2 ~ p')];
        const early = [...document.querySelectorAll('.md-typeset > p, .md-typeset > div > p')].filter(p => !blocks.includes(p));
        return {later: blocks.map(p => getComputedStyle(p).contentVisibility), early: early.map(p => getComputedStyle(p).contentVisibility)};
    }""")
    assert len(visibility["later"]) > 10 and set(visibility["later"]) == {"auto"}, visibility
    assert visibility["early"] and set(visibility["early"]) == {"visible"}, "the first section must be laid out at once"

    link = page.evaluate_handle("""() => {
        for (const p of document.querySelectorAll('.md-typeset h2 ~ h2 ~ p')) {
            p.scrollIntoView();
            const box = p.getBoundingClientRect();
            for (const a of p.querySelectorAll('a')) {
                const first = a.getClientRects()[0];
                if (first && first.left - box.left < 1) return a;
            }
        }
        return null;
    }""").as_element()
    assert link, "no link starts a line of a lazily laid out paragraph on theory/architectures/"
    link.scroll_into_view_if_needed()
    link.focus()
    assert link.evaluate("a => a.matches(':focus-visible')")
    box = link.bounding_box()
    clip = {"x": box["x"] - 10, "y": box["y"] - 10, "width": box["width"] + 20, "height": box["height"] + 20}
    colour = tuple(int(n) for n in re.findall(r"\d+", link.evaluate("a => getComputedStyle(a).outlineColor"))[:3])

    def ring_size() -> tuple[int, int]:
        image = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
        near = [band.point(lambda v, c=c: 255 if abs(v - c) < 40 else 0) for band, c in zip(image.split(), colour)]
        left, top, right, bottom = ImageChops.multiply(ImageChops.multiply(near[0], near[1]), near[2]).getbbox()
        return right - left, bottom - top

    contained = ring_size()
    link.evaluate("a => { a.closest('p').style.contentVisibility = 'visible'; }")  # no containment, nothing clipped
    whole = ring_size()
    assert contained == whole, f"the focus ring of a link at a paragraph's edge is cut off: {contained} px, whole {whole} px"
    context.close()
