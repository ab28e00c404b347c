/* Interactive GPU-memory estimator for practice/gpu-memory.md.
 *
 * estimate() is a line-by-line port of estimate_memory() in examples/gpu_memory.py: same formulas,
 * same assumptions, same order of arithmetic, so it gives the same numbers (tests/test_gpu_estimator.py
 * compares the two). Change the Python first, then this file.
 *
 * The UI mounts into <div class="kb-gpu-estimator" data-presets="[...]" data-kb-labels="{...}">
 * (rendered by the kb:gpu-estimator marker, llmkb/render/widgets.py). Every word it shows, the error
 * messages included, comes from data-kb-labels: the gpu_* labels of data/labels.yaml in the page's
 * language. Its state lives in the query string, so a result can be shared as a link. No libraries,
 * no network requests.
 */
(function () {
  "use strict";

  // ---- the model: a port of examples/gpu_memory.py ------------------------------------------

  const GIB = 1024 ** 3;
  const WEIGHT_BYTES = { fp32: 4.0, bf16: 2.0, fp16: 2.0, int8: 1.0, int4: 0.5 };
  const NF4_CONSTANT_BITS = 8 / 64 + 32 / (64 * 256);
  const OPTIMIZER_STATE_BYTES = { adamw: 8.0, adamw8bit: 2.0, sgd: 4.0 };
  const MASTER_WEIGHT_BYTES = 4.0;
  const MODES = ["inference", "full", "pretrain", "lora", "qlora"];
  const TRAINING_PRECISIONS = ["fp32", "bf16", "fp16"];
  const PARTS = ["weights", "gradients", "optimizer", "activations", "kv_cache", "overhead", "total"];
  const GPU_SIZES_GIB = [24, 40, 48, 80];
  const DEFAULTS = {
    mode: "full",
    precision: "bf16",
    optimizer: "adamw",
    batch: 1,
    seq_len: 2048,
    checkpointing: true,
    flash_attention: true,
    zero_stage: 0,
    num_gpus: 1,
    lora_rank: 8,
    kv_bytes: 2.0,
    overhead_gib: 1.0,
    overhead_fraction: 0.1,
  };

  /** Python's repr() of a tuple of strings / of a value, for the error messages. */
  function pyTuple(items) {
    return "(" + items.map((item) => `'${item}'`).join(", ") + ")";
  }
  function pyRepr(value) {
    return typeof value === "string" ? `'${value}'` : String(value);
  }

  class EstimateError extends Error {
    constructor(code, message) {
      super(message);
      this.name = "EstimateError";
      this.code = code;
    }
  }

  // ---- words: data/labels.yaml in the page's language, from the mount element's data-kb-labels ----

  let words = null; // the mounted widget's words; window.kbGpuMemory uses the page's first widget

  function readWords(root) {
    try {
      return JSON.parse(root.dataset.kbLabels || "{}");
    } catch (error) {
      return {};
    }
  }

  function pageWords() {
    if (!words) {
      const root = document.querySelector(".kb-gpu-estimator[data-kb-labels]");
      words = root ? readWords(root) : {};
    }
    return words;
  }

  /** A label split at its {name} placeholders, each replaced by values[name] (a string or a DOM node). */
  function fill(key, values = {}) {
    const template = pageWords()[key];
    if (typeof template !== "string") return [key]; // a missing label shows its key rather than nothing
    return template
      .split(/\{(\w+)\}/)
      .map((piece, i) => (i % 2 ? values[piece] : piece))
      .filter((piece) => piece !== "" && piece !== undefined);
  }

  /** A label as text, placeholders filled. */
  function say(key, values) {
    return fill(key, values).join("");
  }

  /** _check(): the messages of the Python ValueErrors (gpu_error_*; in English word for word). */
  const MESSAGES = {
    mode: (s) => say("gpu_error_mode", { modes: pyTuple(MODES), value: pyRepr(s.mode) }),
    precision: (s) => say("gpu_error_precision", { precisions: pyTuple(Object.keys(WEIGHT_BYTES)), value: pyRepr(s.precision) }),
    training_precision: () => say("gpu_error_training_precision", { precisions: pyTuple(TRAINING_PRECISIONS) }),
    optimizer: (s) => say("gpu_error_optimizer", { optimizers: pyTuple(Object.keys(OPTIMIZER_STATE_BYTES)), value: pyRepr(s.optimizer) }),
    zero_stage: () => say("gpu_error_zero_stage"),
    inference_zero: () => say("gpu_error_inference_zero"),
    at_least_one: () => say("gpu_error_at_least_one"),
  };

  function check(s) {
    const fail = (code) => {
      throw new EstimateError(code, MESSAGES[code](s));
    };
    if (!MODES.includes(s.mode)) fail("mode");
    if (!Object.hasOwn(WEIGHT_BYTES, s.precision)) fail("precision");
    if (s.mode !== "inference" && !TRAINING_PRECISIONS.includes(s.precision)) fail("training_precision");
    if (!Object.hasOwn(OPTIMIZER_STATE_BYTES, s.optimizer)) fail("optimizer");
    if (![0, 1, 2, 3].includes(s.zero_stage)) fail("zero_stage");
    if (s.mode === "inference" && s.zero_stage) fail("inference_zero");
    if (Math.min(s.batch, s.seq_len, s.num_gpus, s.lora_rank) < 1) fail("at_least_one");
  }

  /** ModelShape: a LLaMA-style decoder (GQA, SwiGLU MLP with 3 matrices, RMSNorm, untied embeddings). */
  function modelShape(shape) {
    const h = shape.d_model;
    const headDim = Math.floor(shape.d_model / shape.heads);
    const kv = shape.kv_heads * headDim;
    const f = shape.ffn_dim;
    const linear = [[h, h], [h, kv], [h, kv], [h, h], [h, f], [h, f], [f, h]];
    const blockLinear = shape.layers * linear.reduce((sum, [i, o]) => sum + i * o, 0);
    return {
      layers: shape.layers,
      d_model: h,
      heads: shape.heads,
      kv_heads: shape.kv_heads,
      vocab: shape.vocab,
      head_dim: headDim,
      block_linear_params: blockLinear,
      num_params: blockLinear + 2 * shape.vocab * h + (2 * shape.layers + 1) * h,
      lora_params: (rank) => shape.layers * linear.reduce((sum, [i, o]) => sum + rank * (i + o), 0),
    };
  }

  function trainableParams(m, s) {
    if (s.mode === "inference") return 0;
    if (s.mode === "lora" || s.mode === "qlora") return m.lora_params(s.lora_rank);
    return m.num_params;
  }

  function layerActivationBytes(m, s) {
    const sbh = s.seq_len * s.batch * m.d_model;
    const scale = s.precision === "fp32" ? 2.0 : 1.0;
    const attentionMatrix = s.flash_attention ? 0 : 5 * m.heads * s.seq_len ** 2 * s.batch;
    return (34 * sbh + attentionMatrix) * scale;
  }

  function activationBytes(m, s) {
    if (s.mode === "inference") return layerActivationBytes(m, s);
    const logits = 4 * s.seq_len * s.batch * m.vocab;
    if (s.checkpointing) {
      const sbh = s.seq_len * s.batch * m.d_model;
      return m.layers * 2 * sbh + layerActivationBytes(m, s) + logits;
    }
    return m.layers * layerActivationBytes(m, s) + logits;
  }

  function kvCacheBytes(m, s) {
    if (s.mode !== "inference") return 0.0;
    return 2 * m.layers * m.kv_heads * m.head_dim * s.seq_len * s.batch * s.kv_bytes;
  }

  /** estimate_memory(): per-GPU breakdown in GiB with the same keys as the Python dict. */
  function estimate(shape, settings) {
    const s = Object.assign({}, DEFAULTS, settings);
    check(s);
    const m = modelShape(shape);
    const w = WEIGHT_BYTES[s.precision];
    const nTrain = trainableParams(m, s);
    let parts;
    if (s.mode === "inference") {
      let weights;
      if (s.precision === "int8" || s.precision === "int4") {
        const constant = s.precision === "int4" ? NF4_CONSTANT_BITS / 8 : 0.0;
        const other = m.num_params - m.block_linear_params;
        weights = m.block_linear_params * (w + constant) + other * 2.0;
      } else {
        weights = m.num_params * w;
      }
      parts = {
        weights: weights / s.num_gpus,
        gradients: 0.0,
        optimizer: 0.0,
        activations: activationBytes(m, s) / s.num_gpus,
        kv_cache: kvCacheBytes(m, s) / s.num_gpus,
      };
    } else {
      let frozen = 0.0;
      if (s.mode === "lora") {
        frozen = m.num_params * w;
      } else if (s.mode === "qlora") {
        const other = m.num_params - m.block_linear_params;
        frozen = m.block_linear_params * (0.5 + NF4_CONSTANT_BITS / 8) + other * 2.0;
      }
      const master = s.precision === "bf16" || s.precision === "fp16" ? MASTER_WEIGHT_BYTES : 0.0;
      let weights = frozen + nTrain * w;
      let gradients = nTrain * w;
      let optimizer = nTrain * (master + OPTIMIZER_STATE_BYTES[s.optimizer]);
      const n = s.num_gpus;
      if (s.zero_stage >= 1) optimizer /= n;
      if (s.zero_stage >= 2) gradients /= n;
      if (s.zero_stage >= 3) weights /= n;
      parts = { weights, gradients, optimizer, activations: activationBytes(m, s), kv_cache: 0.0 };
    }
    const subtotal = 0 + parts.weights + parts.gradients + parts.optimizer + parts.activations + parts.kv_cache;
    parts.overhead = s.overhead_gib * GIB + s.overhead_fraction * subtotal;
    parts.total = subtotal + parts.overhead;
    const result = {};
    for (const key of PARTS) result[key] = parts[key] / GIB;
    return result;
  }

  /** min_gpus(): smallest power-of-two GPU count whose per-GPU estimate fits (ZeRO-3 for training). */
  function minGpus(shape, settings, capacityGib, limit = 64) {
    const s = Object.assign({}, DEFAULTS, settings);
    for (let n = 1; n <= limit; n *= 2) {
      const zero = s.mode !== "inference" && n > 1 ? 3 : s.zero_stage;
      if (estimate(shape, Object.assign({}, s, { num_gpus: n, zero_stage: zero })).total <= capacityGib) return n;
    }
    return null;
  }

  /** Python's f"{x:,.1f}": correctly rounded, ties to even, thousands separators. */
  function format1(x) {
    let text;
    const quarter = 4 * x;
    if (Number.isInteger(quarter) && Math.abs(quarter) % 2 === 1) {
      // x is exactly halfway between two one-decimal numbers: Python rounds to the even one.
      const low = Math.floor(x * 10);
      text = ((low % 2 === 0 ? low : low + 1) / 10).toFixed(1);
    } else {
      text = x.toFixed(1);
    }
    const [whole, fraction] = text.split(".");
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + fraction;
  }

  function groupDigits(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  window.kbGpuMemory = { estimate, minGpus, format: format1, DEFAULTS, PARTS, GPU_SIZES_GIB, EstimateError };

  // ---- the UI -------------------------------------------------------------------------------

  // Each option's words are the label <prefix><value> (gpu_shape_layers, gpu_mode_inference, ...).
  const SHAPE_FIELDS = ["layers", "d_model", "heads", "kv_heads", "ffn_dim", "vocab"]; // gpu_shape_*
  const MODE_OPTIONS = ["inference", "full", "lora", "qlora", "pretrain"]; // gpu_mode_*
  const PRECISION_OPTIONS = ["fp32", "bf16", "fp16", "int8", "int4"]; // gpu_precision_*
  const OPTIMIZER_OPTIONS = ["adamw", "adamw8bit", "sgd"]; // gpu_optimizer_*
  const ZERO_OPTIONS = ["0", "1", "2", "3"]; // gpu_zero_*
  // Integer settings: [state key, query key]; their names in messages are gpu_setting_<state key>.
  const INTEGER_SETTINGS = [
    ["batch", "batch"],
    ["seq_len", "seq"],
    ["num_gpus", "gpus"],
    ["lora_rank", "rank"],
  ];
  const BOOLEAN_SETTINGS = [
    ["checkpointing", "ckpt"],
    ["flash_attention", "flash"],
  ];
  const DEFAULT_MODEL = "llama-2-7b";

  function options(prefix, values) {
    return values.map((value) => [value, say(prefix + value)]);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function parseInteger(text) {
    return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  }

  function parseBoolean(text) {
    if (["1", "true", "on", "yes"].includes(text)) return true;
    if (["0", "false", "off", "no"].includes(text)) return false;
    return null;
  }

  /** The state from the query string; values it cannot use are reported and replaced by defaults. */
  function readQuery(presets, search) {
    const q = new URLSearchParams(search);
    const notes = [];
    const state = Object.assign({}, DEFAULTS, { model: DEFAULT_MODEL in presets ? DEFAULT_MODEL : Object.keys(presets)[0] });
    const customFields = SHAPE_FIELDS.some((key) => q.has(key));
    if (q.has("model")) {
      const model = q.get("model");
      if (model === "custom" || model in presets) state.model = model;
      else notes.push(say("gpu_note_model", { model, fallback: presets[state.model].name }));
    } else if (customFields) {
      state.model = "custom";
    }
    state.shape = Object.assign({}, presets[state.model] || presets[Object.keys(presets)[0]]);
    if (state.model === "custom") {
      const base = presets[DEFAULT_MODEL] || presets[Object.keys(presets)[0]];
      for (const key of SHAPE_FIELDS) {
        const value = q.has(key) ? parseInteger(q.get(key)) : base[key];
        if (Number.isNaN(value)) {
          notes.push(say("gpu_note_integer", { label: say("gpu_shape_" + key), key, value: q.get(key), fallback: base[key] }));
        }
        state.shape[key] = Number.isNaN(value) ? base[key] : value;
      }
    }
    const enums = [
      ["mode", MODES, "mode"],
      ["precision", Object.keys(WEIGHT_BYTES), "precision"],
      ["optimizer", Object.keys(OPTIMIZER_STATE_BYTES), "optimizer"],
    ];
    for (const [key, allowed, code] of enums) {
      if (!q.has(key)) continue;
      const value = q.get(key);
      if (allowed.includes(value)) state[key] = value;
      else notes.push(say("gpu_note_enum", { message: MESSAGES[code]({ [key]: value }), fallback: pyRepr(DEFAULTS[key]) }));
    }
    for (const [key, queryKey] of INTEGER_SETTINGS) {
      if (!q.has(queryKey)) continue;
      const value = parseInteger(q.get(queryKey));
      if (Number.isNaN(value)) {
        notes.push(say("gpu_note_integer", { label: say("gpu_setting_" + key), key: queryKey, value: q.get(queryKey), fallback: DEFAULTS[key] }));
      } else {
        state[key] = value;
      }
    }
    if (q.has("zero")) {
      const value = parseInteger(q.get("zero"));
      if ([0, 1, 2, 3].includes(value)) state.zero_stage = value;
      else notes.push(say("gpu_note_zero", { message: MESSAGES.zero_stage(), value: q.get("zero"), fallback: 0 }));
    }
    for (const [key, queryKey] of BOOLEAN_SETTINGS) {
      if (!q.has(queryKey)) continue;
      const value = parseBoolean(q.get(queryKey));
      if (value === null) {
        notes.push(say("gpu_note_boolean", { label: say("gpu_setting_" + key), key: queryKey, value: q.get(queryKey), fallback: DEFAULTS[key] ? 1 : 0 }));
      } else {
        state[key] = value;
      }
    }
    return { state, notes };
  }

  /** The query string for a state: the widget's keys replace their old values, other keys stay. */
  function writeQuery(state, search) {
    const q = new URLSearchParams(search);
    q.set("model", state.model);
    for (const key of SHAPE_FIELDS) {
      if (state.model === "custom") q.set(key, state.shapeText[key]);
      else q.delete(key);
    }
    q.set("mode", state.mode);
    q.set("precision", state.precision);
    q.set("optimizer", state.optimizer);
    for (const [key, queryKey] of INTEGER_SETTINGS) q.set(queryKey, state.text[key]);
    q.set("ckpt", state.checkpointing ? "1" : "0");
    q.set("flash", state.flash_attention ? "1" : "0");
    q.set("zero", String(state.zero_stage));
    return q.toString();
  }

  let widgetCount = 0;

  function mount(root) {
    words = readWords(root);
    let presetList;
    try {
      presetList = JSON.parse(root.dataset.presets || "[]");
    } catch (error) {
      presetList = [];
    }
    if (!presetList.length) {
      presetList = [{ id: DEFAULT_MODEL, name: "Llama 2 7B", layers: 32, d_model: 4096, heads: 32, kv_heads: 32, ffn_dim: 11008, vocab: 32000 }];
    }
    const presets = {};
    for (const preset of presetList) presets[preset.id] = preset;
    const prefix = `kb-gpu-${++widgetCount}-`;
    const id = (name) => prefix + name;
    const { state, notes } = readQuery(presets, location.search);
    state.shapeText = {};
    state.text = {};
    for (const key of SHAPE_FIELDS) state.shapeText[key] = String(state.shape[key]);
    for (const [key] of INTEGER_SETTINGS) state.text[key] = String(state[key]);

    // -- controls --
    const controls = {};

    function field(name, label, control, hint) {
      control.id = id(name);
      controls[name] = control;
      const children = [el("label", { for: control.id, text: label }), control];
      if (hint) {
        const hintNode = el("span", { className: "kb-gpu-est__hint", id: id(name + "-hint"), text: hint });
        control.setAttribute("aria-describedby", hintNode.id);
        children.push(hintNode);
      }
      return el("div", { className: "kb-gpu-est__field" }, children);
    }

    function select(options, value) {
      const node = el("select", {}, options.map(([v, text]) => el("option", { value: v, text })));
      node.value = value;
      return node;
    }

    function number(value, min) {
      return el("input", { type: "number", inputmode: "numeric", min: String(min), step: "1", value: String(value), required: true });
    }

    function checkbox(name, label, checked) {
      const input = el("input", { type: "checkbox", id: id(name) });
      input.checked = checked;
      controls[name] = input;
      return el("div", { className: "kb-gpu-est__field kb-gpu-est__check" }, [input, el("label", { for: input.id, text: label })]);
    }

    const modelOptions = presetList.map((p) => [p.id, p.name]).concat([["custom", say("gpu_custom")]]);
    const shapeGrid = el(
      "div",
      { className: "kb-gpu-est__grid" },
      SHAPE_FIELDS.map((key) => field("shape-" + key, say("gpu_shape_" + key), number(state.shapeText[key], 1)))
    );
    const shapeDetails = el("details", { className: "kb-gpu-est__shape" }, [
      el("summary", { text: say("gpu_shape_summary") }),
      shapeGrid,
    ]);
    shapeDetails.open = state.model === "custom";
    const paramsLine = el("p", { className: "kb-gpu-est__params" });

    const form = el("form", { className: "kb-gpu-est__form", "aria-label": say("gpu_form") }, [
      el("fieldset", {}, [
        el("legend", { text: say("gpu_legend_model") }),
        field("model", say("gpu_field_model"), select(modelOptions, state.model)),
        shapeDetails,
        paramsLine,
      ]),
      el("fieldset", {}, [
        el("legend", { text: say("gpu_legend_usage") }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("mode", say("gpu_field_mode"), select(options("gpu_mode_", MODE_OPTIONS), state.mode)),
          field("precision", say("gpu_field_precision"), select(options("gpu_precision_", PRECISION_OPTIONS), state.precision), say("gpu_hint_precision")),
          field("optimizer", say("gpu_field_optimizer"), select(options("gpu_optimizer_", OPTIMIZER_OPTIONS), state.optimizer), say("gpu_hint_optimizer")),
          field("lora_rank", say("gpu_field_lora_rank"), number(state.text.lora_rank, 1), say("gpu_hint_lora_rank")),
        ]),
      ]),
      el("fieldset", {}, [
        el("legend", { text: say("gpu_legend_batch") }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("batch", say("gpu_field_batch"), number(state.text.batch, 1)),
          field("seq_len", say("gpu_field_seq_len"), number(state.text.seq_len, 1), say("gpu_hint_seq_len")),
        ]),
        checkbox("checkpointing", say("gpu_field_checkpointing"), state.checkpointing),
        checkbox("flash_attention", say("gpu_field_flash_attention"), state.flash_attention),
      ]),
      el("fieldset", {}, [
        el("legend", { text: say("gpu_legend_gpus") }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("zero_stage", say("gpu_field_zero_stage"), select(options("gpu_zero_", ZERO_OPTIONS), String(state.zero_stage)), say("gpu_hint_zero_stage")),
          field("num_gpus", say("gpu_field_num_gpus"), number(state.text.num_gpus, 1), say("gpu_hint_num_gpus")),
        ]),
      ]),
    ]);
    form.addEventListener("submit", (event) => event.preventDefault());

    // -- results --
    const noteBox = el("div", { className: "kb-gpu-est__notes", role: "status" });
    const errorBox = el("p", { className: "kb-gpu-est__error", role: "alert", hidden: true });
    // Only the one-line summary is announced to screen readers while the inputs change.
    const summary = el("p", { className: "kb-gpu-est__summary", "aria-live": "polite", "aria-atomic": "true" });
    const bar = el("div", { className: "kb-gpu-est__bar", role: "group", "aria-label": say("gpu_bar") });
    const breakdownBody = el("tbody");
    const breakdown = el("table", { className: "kb-gpu-est__table" }, [
      el("caption", { text: say("gpu_breakdown_caption") }),
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col", text: say("gpu_col_part") }),
          el("th", { scope: "col", text: say("gpu_col_gib") }),
          el("th", { scope: "col", text: say("gpu_col_share") }),
        ]),
      ]),
      breakdownBody,
    ]);
    const fitBody = el("tbody");
    const fit = el("table", { className: "kb-gpu-est__table" }, [
      el("caption", { text: say("gpu_fit_caption") }),
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col", text: say("gpu_col_memory") }),
          el("th", { scope: "col", text: say("gpu_col_fits") }),
          el("th", { scope: "col", text: say("gpu_col_least") }),
        ]),
      ]),
      fitBody,
    ]);
    const fitNote = el("p", { className: "kb-gpu-est__hint", text: say("gpu_fit_note") });
    // The summary (or the error) stays in view at the bottom of the screen while the form scrolls.
    const status = el("div", { className: "kb-gpu-est__status" }, [errorBox, summary]);
    const resultBox = el("div", { className: "kb-gpu-est__results" }, [
      bar,
      el("div", { className: "kb-gpu-est__tables" }, [
        el("div", { className: "kb-gpu-est__scroll" }, [breakdown]),
        el("div", { className: "kb-gpu-est__scroll" }, [fit, fitNote]),
      ]),
    ]);

    if (notes.length) {
      noteBox.append(el("p", { text: say("gpu_notes_title") }), el("ul", {}, notes.map((text) => el("li", { text }))));
    } else {
      noteBox.hidden = true;
    }
    root.replaceChildren(noteBox, form, status, resultBox);
    root.classList.add("kb-gpu-est");

    // -- behaviour --
    // What the form itself can say, in the words of its labels, before the reference implementation's
    // checks (whose messages name its parameters) are reached.
    function inputError() {
      for (const key of SHAPE_FIELDS) {
        const value = parseInteger(state.shapeText[key]);
        if (Number.isNaN(value) || value < 1) return say("gpu_invalid_shape", { label: say("gpu_shape_" + key) });
      }
      for (const [key] of INTEGER_SETTINGS) {
        const value = parseInteger(state.text[key]);
        if (Number.isNaN(value) || value < 1) return say("gpu_invalid_shape", { label: say("gpu_setting_" + key) });
      }
      if (state.mode !== "inference" && !TRAINING_PRECISIONS.includes(state.precision)) {
        return say(state.mode === "qlora" ? "gpu_invalid_qlora_precision" : "gpu_invalid_training_precision");
      }
      if (state.mode === "inference" && state.zero_stage) return say("gpu_invalid_inference_zero");
      return null;
    }

    function settings() {
      const s = {};
      for (const key of Object.keys(DEFAULTS)) s[key] = state[key];
      return s;
    }

    function render() {
      let problem = inputError();
      let result = null;
      const shape = {};
      for (const key of SHAPE_FIELDS) shape[key] = parseInteger(state.shapeText[key]);
      if (!problem) {
        try {
          result = estimate(shape, settings());
        } catch (error) {
          if (!(error instanceof EstimateError)) throw error;
          problem = error.message;
        }
      }
      if (!problem) {
        const m = modelShape(shape);
        const trainable = trainableParams(m, settings());
        paramsLine.textContent =
          say("gpu_params", { billions: (m.num_params / 1e9).toFixed(2), count: groupDigits(m.num_params) }) +
          (trainable && trainable !== m.num_params
            ? say("gpu_params_trainable", { count: groupDigits(trainable), percent: ((100 * trainable) / m.num_params).toFixed(2) })
            : "");
      } else {
        paramsLine.textContent = "";
      }
      errorBox.hidden = !problem;
      errorBox.textContent = problem ? say("gpu_cannot_estimate", { problem }) : "";
      resultBox.hidden = summary.hidden = Boolean(problem);
      if (problem) return;

      const name = state.model === "custom" ? say("gpu_custom") : presets[state.model].name;
      const total = el("strong", { className: "kb-gpu-est__total", "data-part": "total", text: format1(result.total) });
      summary.replaceChildren(
        ...fill("gpu_summary", {
          name,
          mode: say("gpu_mode_" + state.mode),
          total: el("span", { className: "kb-gpu-est__nowrap" }, fill("gpu_gib", { value: total })),
        })
      );

      const segments = [];
      const rows = [];
      for (const key of PARTS) {
        const value = result[key];
        const share = key === "total" ? 100 : (100 * value) / result.total;
        const shareText = `${share.toFixed(share > 0 && share < 1 ? 1 : 0)}%`;
        if (key !== "total" && value > 0) {
          const segment = el("div", {
            className: `kb-gpu-est__seg kb-gpu-est--${key}`,
            role: "img",
            "aria-label": say("gpu_segment", { part: say("gpu_part_" + key), value: format1(value), share: shareText }),
            title: say("gpu_segment_title", { part: say("gpu_part_" + key), value: format1(value), share: shareText }),
          });
          segment.style.width = `${share}%`;
          segments.push(segment);
        }
        const swatch = key === "total" ? "" : el("span", { className: `kb-gpu-est__swatch kb-gpu-est--${key}`, "aria-hidden": "true" });
        const row = el("tr", { className: key === "total" ? "kb-gpu-est__sum" : "" }, [
          el("th", { scope: "row" }, [swatch, say("gpu_part_" + key)]),
          el("td", { "data-part": key, text: format1(value) }),
          el("td", { text: shareText }),
        ]);
        rows.push(row);
      }
      bar.replaceChildren(...segments);
      breakdownBody.replaceChildren(...rows);

      fitBody.replaceChildren(
        ...GPU_SIZES_GIB.map((size) => {
          const fits = result.total <= size;
          const least = minGpus(shape, settings(), size);
          return el("tr", { "data-gpu": String(size), "data-fits": fits ? "yes" : "no" }, [
            el("th", { scope: "row" }, [
              say("gpu_memory_size", { size }),
              " ",
              el("span", { className: "kb-gpu-est__hint", text: say("gpu_example_" + size) }),
            ]),
            el("td", { className: fits ? "kb-gpu-est__yes" : "kb-gpu-est__no", text: say(fits ? "gpu_fits" : "gpu_fits_not") }),
            el("td", { text: least ? say("gpu_least", { n: least }) : say("gpu_least_none") }),
          ]);
        })
      );
    }

    function save() {
      const query = writeQuery(state, location.search);
      history.replaceState(history.state, "", `${location.pathname}?${query}${location.hash}`);
    }

    function update(event) {
      const target = event.target;
      if (target === controls.model) {
        state.model = target.value;
        if (state.model === "custom") {
          shapeDetails.open = true;
        } else {
          for (const key of SHAPE_FIELDS) {
            state.shapeText[key] = String(presets[state.model][key]);
            controls["shape-" + key].value = state.shapeText[key];
          }
        }
      } else if (target.id.startsWith(id("shape-"))) {
        state.shapeText[target.id.slice(id("shape-").length)] = target.value;
        if (state.model !== "custom") {
          state.model = "custom";
          controls.model.value = "custom";
        }
      } else if (target === controls.mode || target === controls.precision || target === controls.optimizer) {
        state[target.id.slice(prefix.length)] = target.value;
      } else if (target === controls.zero_stage) {
        state.zero_stage = Number(target.value);
      } else if (target === controls.checkpointing || target === controls.flash_attention) {
        state[target.id.slice(prefix.length)] = target.checked;
      } else {
        const key = target.id.slice(prefix.length);
        if (!(key in state.text)) return;
        state.text[key] = target.value;
        const value = parseInteger(target.value);
        if (!Number.isNaN(value)) state[key] = value;
      }
      render();
      save();
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    // the numbers from the query string may not be what the inputs accept (e.g. batch=0): keep them
    for (const [key] of INTEGER_SETTINGS) state[key] = parseInteger(state.text[key]);
    render();
  }

  function start() {
    document.querySelectorAll(".kb-gpu-estimator:not(.kb-gpu-est)").forEach(mount);
  }

  // Material's document$ also fires after instant navigation, should that feature be turned on. The
  // estimator is built in a task of its own: together with Material's set-up it blocked a slow phone
  // for a quarter of a second at once.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => setTimeout(start));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
