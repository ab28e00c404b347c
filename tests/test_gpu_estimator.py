"""The interactive estimator on practice/gpu-memory.md gives the numbers of examples/gpu_memory.py.

docs/assets/javascripts/gpu-memory.js ports estimate_memory() to JavaScript; these tests run it in
Chromium on the built site and compare it with the Python reference implementation, part by part.
Its words come from data/labels.yaml (gpu_*) in each edition's language, and its six memory
categories have the colours of the page's static diagram (img/gpu-memory-breakdown.svg).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlencode

import pytest
from helpers import WIDGET_WORDS_JS, load_example

from llmkb.model.editions import label
from llmkb.model.refdata import load_reference_data
from llmkb.paths import DOCS_DIR
from llmkb.render.figures import dark_colour
from llmkb.render.hant import convert_text, simplified_only
from llmkb.render.widgets import SHAPE_FIELDS, presets, presets_json
from llmkb.text import HAN_RE

PAGE = "/practice/gpu-memory/"
TOLERANCE_GIB = 0.01
EDITIONS = {"zh": "", "zh-Hant": "zh-Hant/", "en": "en/"}
# The memory categories, in the order of the estimator's table and the diagram's legend.
CATEGORIES = ("weights", "gradients", "optimizer", "activations", "kv_cache", "overhead")
DIAGRAMS = {"zh": DOCS_DIR / "practice/img/gpu-memory-breakdown.svg", "en": DOCS_DIR / "practice/img/gpu-memory-breakdown.en.svg"}


def zh(key: str, **values) -> str:
    """A word of the Chinese page (data/labels.yaml)."""
    return label(key, "zh", **values)


@pytest.fixture(scope="module")
def gm():
    return load_example("gpu_memory")


@pytest.fixture(scope="module")
def shapes() -> dict[str, dict]:
    return {p["id"]: {field: p[field] for field in SHAPE_FIELDS} for p in presets(load_reference_data())}


def python_estimate(gm, shape: dict, settings: dict) -> dict[str, float]:
    return gm.estimate_memory(gm.ModelShape("model", **shape), gm.Settings(**settings))


def fmt(x: float) -> str:
    return f"{x:,.1f}"  # as in the page's tables (gpu_memory._fmt)


def open_page(page, base: str, query: str = "", edition: str = "zh") -> None:
    page.goto(f"{base}/{EDITIONS[edition]}{PAGE.lstrip('/')}{'?' + query if query else ''}", wait_until="networkidle")
    page.wait_for_selector(".kb-gpu-est__form")


TINY = {"layers": 2, "d_model": 256, "heads": 4, "kv_heads": 2, "ffn_dim": 688, "vocab": 1000}

# (model id or a shape, settings): models, modes, precisions, optimizers, sequence lengths,
# checkpointing, FlashAttention, ZeRO stages and GPU counts all vary.
COMBINATIONS = [
    ("llama-2-7b", {}),
    ("llama-2-7b", {"mode": "inference", "seq_len": 4096}),
    ("llama-2-13b", {"mode": "lora", "precision": "fp16", "seq_len": 4096, "checkpointing": False}),
    ("llama-2-70b", {"mode": "qlora", "optimizer": "adamw8bit", "seq_len": 4096, "batch": 2}),
    ("llama-2-70b", {"mode": "inference", "seq_len": 4096, "num_gpus": 2}),
    ("llama-3-8b", {"mode": "inference", "precision": "int4", "seq_len": 8192, "batch": 4}),
    ("mistral-7b", {"mode": "inference", "precision": "int8", "batch": 8, "flash_attention": False}),
    ("llama-3-70b", {"mode": "full", "optimizer": "sgd", "zero_stage": 3, "num_gpus": 16}),
    ("qwen2-72b", {"mode": "pretrain", "precision": "fp32", "zero_stage": 2, "num_gpus": 8, "seq_len": 1024}),
    ("llama-1-33b", {"mode": "full", "zero_stage": 1, "num_gpus": 4, "checkpointing": False, "flash_attention": False, "seq_len": 1024}),
    ("llama-3.1-405b", {"mode": "lora", "lora_rank": 64, "zero_stage": 3, "num_gpus": 64, "seq_len": 8192}),
    ("llama-1-7b", {"mode": "inference", "precision": "fp32", "flash_attention": False, "seq_len": 512}),
    (TINY, {"mode": "qlora", "lora_rank": 16, "checkpointing": False, "flash_attention": False, "batch": 3, "seq_len": 333}),
    (TINY, {"mode": "full", "precision": "fp16", "optimizer": "adamw8bit", "zero_stage": 2, "num_gpus": 3}),
]


def test_presets_are_dense_decoders_with_full_shapes():
    data = load_reference_data()
    listed = json.loads(presets_json(data))
    ids = [p["id"] for p in listed]
    assert {"llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "mistral-7b"} <= set(ids)
    assert "mixtral-8x7b" not in ids  # MoE: the dense formula would count one expert only
    for preset in listed:
        model = data.models[preset["id"]]
        assert all(preset[field] == getattr(model, field) for field in SHAPE_FIELDS)


def test_estimates_equal_python(desktop_page, gm, shapes):
    base, page = desktop_page
    open_page(page, base)
    for model, settings in COMBINATIONS:
        shape = model if isinstance(model, dict) else shapes[model]
        expected = python_estimate(gm, shape, settings)
        actual = page.evaluate("([shape, settings]) => window.kbGpuMemory.estimate(shape, settings)", [shape, settings])
        assert set(actual) == set(expected) == set(gm.PARTS)
        for part in gm.PARTS:
            assert actual[part] == pytest.approx(expected[part], abs=TOLERANCE_GIB), (model, settings, part)


def test_page_tables_equal_the_javascript(desktop_page, gm):
    """The page's own worked examples, through the JavaScript: the Llama 2 models in every scenario."""
    base, page = desktop_page
    open_page(page, base)
    for m in gm.MODELS:
        shape = {field: getattr(m, field) for field in SHAPE_FIELDS}
        for settings in gm.SCENARIOS.values():
            fields = {name: getattr(settings, name) for name in settings.__dataclass_fields__}
            actual = page.evaluate("([shape, settings]) => window.kbGpuMemory.estimate(shape, settings)", [shape, fields])
            expected = gm.estimate_memory(m, settings)
            assert {k: fmt(v) for k, v in actual.items()} == {k: fmt(v) for k, v in expected.items()}, (m.name, settings)
            n = page.evaluate("([shape, settings]) => window.kbGpuMemory.minGpus(shape, settings, 80)", [shape, fields])
            assert n == gm.min_gpus(m, settings, 80)


@pytest.mark.parametrize("value", [0.05, 0.25, 0.35, 0.75, 1.25, 16.25, 1135.25, 1234567.75, 99.95, 112.55])
def test_formatting_matches_python(desktop_page, value):
    """Python rounds exact ties to even (0.25 -> 0.2); JavaScript's toFixed would round them up."""
    base, page = desktop_page
    open_page(page, base)
    assert page.evaluate("x => window.kbGpuMemory.format(x)", value) == fmt(value)


# (settings, the label of the check that fails, its placeholders): every check of gpu_memory._check().
REJECTIONS = [
    ({"mode": "finetune"}, "gpu_error_mode", {"modes": "('inference', 'full', 'pretrain', 'lora', 'qlora')", "value": "'finetune'"}),
    ({"mode": "inference", "precision": "fp8"}, "gpu_error_precision", {"precisions": "('fp32', 'bf16', 'fp16', 'int8', 'int4')", "value": "'fp8'"}),
    ({"mode": "full", "precision": "int4"}, "gpu_error_training_precision", {"precisions": "('fp32', 'bf16', 'fp16')"}),
    ({"mode": "full", "optimizer": "adam16"}, "gpu_error_optimizer", {"optimizers": "('adamw', 'adamw8bit', 'sgd')", "value": "'adam16'"}),
    ({"mode": "full", "zero_stage": 4}, "gpu_error_zero_stage", {}),
    ({"mode": "inference", "zero_stage": 3}, "gpu_error_inference_zero", {}),
    ({"mode": "full", "seq_len": 0}, "gpu_error_at_least_one", {}),
]


@pytest.mark.parametrize(("settings", "key", "values"), REJECTIONS)
def test_english_error_labels_are_the_python_messages(gm, shapes, settings, key, values):
    with pytest.raises(ValueError) as python_error:
        python_estimate(gm, shapes["llama-2-7b"], settings)
    assert label(key, "en", **values) == str(python_error.value)


@pytest.mark.parametrize("edition", ["zh", "en"])
@pytest.mark.parametrize(("settings", "key", "values"), REJECTIONS)
def test_rejects_what_python_rejects(desktop_page, gm, shapes, settings, key, values, edition):
    """The Chinese page says the zh label; the English page says exactly what examples/gpu_memory.py raises."""
    with pytest.raises(ValueError) as python_error:
        python_estimate(gm, shapes["llama-2-7b"], settings)
    message = str(python_error.value) if edition == "en" else zh(key, **values)
    base, page = desktop_page
    open_page(page, base, edition=edition)
    thrown = page.evaluate(
        """([shape, settings]) => {
            try { window.kbGpuMemory.estimate(shape, settings); return null; }
            catch (error) { return error.message; }
        }""",
        [shapes["llama-2-7b"], settings],
    )
    assert thrown == message


def rendered_parts(page) -> dict[str, str]:
    cells = page.locator(".kb-gpu-est__table td[data-part]")
    return {cells.nth(i).get_attribute("data-part"): cells.nth(i).inner_text() for i in range(cells.count())}


QUERIES = [
    ({"model": "llama-2-7b", "mode": "lora", "seq": "2048"}, "llama-2-7b", {"mode": "lora", "seq_len": 2048}),
    (
        {"model": "llama-2-70b", "mode": "qlora", "seq": "4096"},
        "llama-2-70b",
        {"mode": "qlora", "seq_len": 4096},
    ),
    (
        {"model": "llama-3-70b", "mode": "full", "precision": "bf16", "optimizer": "adamw8bit", "zero": "3", "gpus": "8", "ckpt": "0", "batch": "2"},
        "llama-3-70b",
        {"mode": "full", "optimizer": "adamw8bit", "zero_stage": 3, "num_gpus": 8, "checkpointing": False, "batch": 2},
    ),
    (
        {"model": "mistral-7b", "mode": "inference", "precision": "int4", "seq": "32768", "batch": "4", "gpus": "2", "flash": "0"},
        "mistral-7b",
        {"mode": "inference", "precision": "int4", "seq_len": 32768, "batch": 4, "num_gpus": 2, "flash_attention": False},
    ),
    ({"model": "custom", **{k: str(v) for k, v in TINY.items()}, "mode": "lora", "rank": "4"}, TINY, {"mode": "lora", "lora_rank": 4}),
]


@pytest.mark.parametrize(("query", "model", "settings"), QUERIES)
def test_query_string_sets_the_inputs(desktop_page, gm, shapes, query, model, settings):
    base, page = desktop_page
    open_page(page, base, urlencode(query))
    expected = python_estimate(gm, model if isinstance(model, dict) else shapes[model], settings)
    assert page.locator(".kb-gpu-est__summary [data-part=total]").inner_text() == fmt(expected["total"])
    assert rendered_parts(page) == {part: fmt(value) for part, value in expected.items()}
    assert page.locator(".kb-gpu-est__notes").is_hidden()
    assert page.locator(".kb-gpu-est__error").is_hidden()
    # the GPU table says "fits" exactly where the total is within the capacity
    for size in gm.GPU_SIZES_GIB:
        fits = page.locator(f"tr[data-gpu='{size}']").get_attribute("data-fits")
        assert fits == ("yes" if expected["total"] <= size else "no")


def current_query(page) -> dict[str, str]:
    # from the page itself: Playwright's page.url learns about history.replaceState a little later
    search = page.evaluate("location.search")
    return {key: values[-1] for key, values in parse_qs(search.lstrip("?")).items()}


def test_changing_inputs_updates_the_url_and_the_result(desktop_page, gm, shapes):
    base, page = desktop_page
    open_page(page, base)
    assert page.evaluate("location.search") == ""  # loading does not rewrite the address
    form = page.locator(".kb-gpu-est__form")

    form.get_by_label(zh("gpu_field_mode"), exact=True).select_option("lora")
    assert current_query(page)["mode"] == "lora"
    form.get_by_label(zh("gpu_field_seq_len")).fill("8192")
    assert current_query(page)["seq"] == "8192"
    form.get_by_label(zh("gpu_field_checkpointing")).uncheck()
    assert current_query(page)["ckpt"] == "0"
    form.get_by_label(zh("gpu_field_model")).select_option("llama-2-13b")
    query = current_query(page)
    assert query["model"] == "llama-2-13b" and "layers" not in query

    expected = python_estimate(gm, shapes["llama-2-13b"], {"mode": "lora", "seq_len": 8192, "checkpointing": False})
    assert rendered_parts(page) == {part: fmt(value) for part, value in expected.items()}

    # the address reproduces the same result when opened again
    shared = page.evaluate("location.href")
    page.goto("about:blank")
    page.goto(shared, wait_until="networkidle")
    assert rendered_parts(page) == {part: fmt(value) for part, value in expected.items()}

    # editing a shape field switches to a custom model, kept in the address
    page.locator(".kb-gpu-est__shape summary").click()
    form.get_by_label(zh("gpu_shape_layers")).fill("20")
    query = current_query(page)
    assert query["model"] == "custom" and query["layers"] == "20" and query["vocab"] == "32000"
    custom = dict(shapes["llama-2-13b"], layers=20)
    expected = python_estimate(gm, custom, {"mode": "lora", "seq_len": 8192, "checkpointing": False})
    assert rendered_parts(page)["total"] == fmt(expected["total"])


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_invalid_input_is_explained_in_the_forms_own_words(desktop_page, gm, shapes, edition):
    """The reference implementation rejects these too (its messages name its parameters); the form says it
    with the names of its fields and options."""
    with pytest.raises(ValueError):
        python_estimate(gm, shapes["llama-2-7b"], {"mode": "full", "precision": "int4"})
    problem = label("gpu_invalid_training_precision", edition)
    base, page = desktop_page
    open_page(page, base, "model=llama-2-7b&mode=full", edition)
    form = page.locator(".kb-gpu-est__form")
    form.get_by_label(label("gpu_field_precision", edition)).select_option("int4")
    error = page.locator(".kb-gpu-est__error")
    assert error.is_visible()
    assert error.inner_text() == label("gpu_cannot_estimate", edition, problem=problem)
    assert page.locator(".kb-gpu-est__results").is_hidden()
    assert current_query(page)["precision"] == "int4"
    form.get_by_label(label("gpu_field_mode", edition), exact=True).select_option("qlora")
    # QLoRA computes in 16 bit as well; int4 is for inference only. The reader already chose QLoRA.
    assert error.inner_text() == label("gpu_cannot_estimate", edition, problem=label("gpu_invalid_qlora_precision", edition))
    form.get_by_label(label("gpu_field_mode", edition), exact=True).select_option("inference")
    assert error.is_hidden() and page.locator(".kb-gpu-est__results").is_visible()
    for text in ("0", "-4"):
        form.get_by_label(label("gpu_field_batch", edition)).fill(text)
        assert error.inner_text() == label("gpu_cannot_estimate", edition,
                                           problem=label("gpu_invalid_shape", edition, label=label("gpu_setting_batch", edition)))


def test_unusable_query_values_are_reported(desktop_page, gm, shapes):
    base, page = desktop_page
    open_page(page, base, "model=gpt-9&mode=finetune&batch=abc&seq=4096")
    notes = page.locator(".kb-gpu-est__notes").inner_text()
    assert "gpt-9" in notes and "finetune" in notes and "batch=abc" in notes
    expected = python_estimate(gm, shapes["llama-2-7b"], {"seq_len": 4096})
    assert rendered_parts(page)["total"] == fmt(expected["total"])


@pytest.mark.parametrize("edition", EDITIONS)
def test_fits_a_phone_screen(browser_page, edition):
    base, page = browser_page
    open_page(page, base, "model=llama-3.1-405b&mode=full&zero=3&gpus=64", edition)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    widget = page.locator(".kb-gpu-estimator")
    box = widget.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    overflowing = page.evaluate(
        """(width) => [...document.querySelectorAll('.kb-gpu-estimator *')]
            .filter((node) => { const r = node.getBoundingClientRect(); return r.width && r.right > width + 0.5; })
            .map((node) => node.tagName + '.' + node.className)""",
        width,
    )
    assert not overflowing


# ---- the words in each edition ------------------------------------------------------------------

def words_in_every_state(page, base: str, edition: str) -> str:
    """Everything the widget says, through the states a reader can reach: notes about a link it cannot
    use, results for training, LoRA and inference, a custom model, and each kind of error."""
    said = []

    def collect():
        said.append(page.evaluate(WIDGET_WORDS_JS, ".kb-gpu-estimator"))

    open_page(page, base, "model=gpt-9&mode=finetune&batch=abc&zero=9&ckpt=x&flash=y&precision=fp8&optimizer=adam", edition)
    collect()  # notes for every kind of unusable value; full fine-tuning
    page.locator("select[id$='-mode']").select_option("lora")
    collect()  # trainable parameters
    page.locator("select[id$='-mode']").select_option("full")
    page.locator("select[id$='-precision']").select_option("int4")
    collect()  # an error from the Python checks
    page.locator("select[id$='-mode']").select_option("inference")
    collect()  # KV cache
    page.locator("input[id$='-batch']").fill("")
    collect()  # a number that is not a whole number
    open_page(page, base, "model=custom&layers=0&vocab=x", edition)
    collect()  # a custom model with a field that is not a positive number
    return "\n".join(said)


def test_traditional_page_shows_no_simplified_characters(desktop_page):
    base, page = desktop_page
    said = words_in_every_state(page, base, "zh-Hant")
    assert convert_text(zh("gpu_legend_usage")) in said and convert_text(zh("gpu_shape_summary")) in said
    simplified = simplified_only(said)
    assert not simplified, f"Simplified characters in the 繁體中文 estimator: {''.join(sorted(simplified))}"


def test_english_page_shows_no_chinese(desktop_page):
    base, page = desktop_page
    said = words_in_every_state(page, base, "en")
    assert label("gpu_legend_usage", "en") in said
    assert not HAN_RE.search(said), f"Chinese in the English estimator: {' '.join(HAN_RE.findall(said))}"


def test_chinese_page_shows_the_chinese_labels(desktop_page):
    base, page = desktop_page
    said = words_in_every_state(page, base, "zh")
    for key in ("gpu_legend_usage", "gpu_notes_title", "gpu_col_least", "gpu_fit_note", "gpu_part_kv_cache"):
        assert zh(key) in said, key


# ---- one colour per memory category --------------------------------------------------------------

HEX = "#[0-9a-f]{6}"


def diagram_colours(language: str) -> dict[str, str]:
    """The fill of each category in the diagram: its legend swatch, found by the category's name."""
    svg = DIAGRAMS[language].read_text(encoding="utf-8")
    legend = re.findall(rf'<rect [^>]*fill="({HEX})"[^>]*/>\s*<text [^>]*>([^<]+)</text>', svg)
    colours = {}
    for part in CATEGORIES:
        fills = [fill for fill, text in legend if text.startswith(label(f"gpu_part_{part}", language))]
        assert len(fills) == 1, (language, part, legend)
        colours[part] = fills[0]
    bars = re.findall(rf'<rect [^>]*height="40" fill="({HEX})" stroke="({HEX})"', svg)
    assert len(bars) >= 19 and all(fill == stroke and fill in colours.values() for fill, stroke in bars), bars
    return colours


def hex_colour(css: str) -> str:
    red, green, blue = (int(channel) for channel in re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", css).groups())
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_diagrams_use_one_colour_per_category():
    assert diagram_colours("zh") == diagram_colours("en")
    assert len(set(diagram_colours("zh").values())) == len(CATEGORIES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_estimator_colours_are_the_diagram_colours(served_site, chromium, scheme):
    """Light: the estimator's colour of each category is its fill in the diagram. Dark: it is the
    colour the diagram's generated dark variant uses, dark_colour() of the light one."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    open_page(page, served_site)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    shown = page.evaluate(
        """(parts) => Object.fromEntries(parts.map((part) => [part,
             getComputedStyle(document.querySelector(`.kb-gpu-est__swatch.kb-gpu-est--${part}`)).backgroundColor]))""",
        list(CATEGORIES),
    )
    context.close()
    light = diagram_colours("zh")
    expected = light if scheme == "light" else {part: dark_colour(colour) for part, colour in light.items()}
    assert {part: hex_colour(css) for part, css in shown.items()} == expected
