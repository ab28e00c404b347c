/* Interactive GPU-memory estimator for practice/gpu-memory.md.
 *
 * estimate() is a line-by-line port of estimate_memory() in examples/gpu_memory.py: same formulas,
 * same assumptions, same order of arithmetic, so it gives the same numbers (tests/test_gpu_estimator.py
 * compares the two). Change the Python first, then this file.
 *
 * The UI mounts into <div class="kb-gpu-estimator" data-presets="[...]"> (rendered by the
 * kb:gpu-estimator marker, llmkb/render/widgets.py). Its state lives in the query string, so a result
 * can be shared as a link. No libraries, no network requests.
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

  /** _check(): the messages of the Python ValueErrors, in Chinese. */
  const MESSAGES = {
    mode: (s) => `mode 必须是 ${pyTuple(MODES)} 之一，实际为 ${pyRepr(s.mode)}`,
    precision: (s) => `precision 必须是 ${pyTuple(Object.keys(WEIGHT_BYTES))} 之一，实际为 ${pyRepr(s.precision)}`,
    training_precision: () => `训练需要 precision 为 ${pyTuple(TRAINING_PRECISIONS)} 之一；要用 4 位底座，请选 mode='qlora'`,
    optimizer: (s) => `optimizer 必须是 ${pyTuple(Object.keys(OPTIMIZER_STATE_BYTES))} 之一，实际为 ${pyRepr(s.optimizer)}`,
    zero_stage: () => "zero_stage 必须是 0、1、2 或 3",
    inference_zero: () => "ZeRO 只用于训练；推理时 num_gpus 表示张量并行度",
    at_least_one: () => "batch、seq_len、num_gpus 和 lora_rank 必须至少为 1",
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

  const SHAPE_FIELDS = [
    ["layers", "层数 L"],
    ["d_model", "隐藏维度 h"],
    ["heads", "注意力头数 a"],
    ["kv_heads", "KV 头数"],
    ["ffn_dim", "前馈维度"],
    ["vocab", "词表大小 V"],
  ];
  const MODE_LABELS = [
    ["inference", "推理"],
    ["full", "全参微调"],
    ["lora", "LoRA"],
    ["qlora", "QLoRA（4 位底座）"],
    ["pretrain", "预训练"],
  ];
  const PRECISION_LABELS = [
    ["fp32", "fp32"],
    ["bf16", "bf16"],
    ["fp16", "fp16"],
    ["int8", "int8（仅推理）"],
    ["int4", "int4（仅推理）"],
  ];
  const OPTIMIZER_LABELS = [
    ["adamw", "AdamW"],
    ["adamw8bit", "8 位 AdamW"],
    ["sgd", "带动量的 SGD"],
  ];
  const ZERO_LABELS = [
    ["0", "不切分"],
    ["1", "ZeRO-1：切分优化器状态"],
    ["2", "ZeRO-2：再切分梯度"],
    ["3", "ZeRO-3：再切分权重"],
  ];
  const PART_LABELS = {
    weights: "权重",
    gradients: "梯度",
    optimizer: "优化器状态",
    activations: "激活值",
    kv_cache: "KV cache",
    overhead: "开销",
    total: "合计",
  };
  const GPU_EXAMPLES = { 24: "如 RTX 4090", 40: "如 A100 40GB", 48: "如 L40S", 80: "如 A100/H100 80GB" };
  // Integer settings: [state key, query key, label used in messages].
  const INTEGER_SETTINGS = [
    ["batch", "batch", "批大小"],
    ["seq_len", "seq", "序列长度"],
    ["num_gpus", "gpus", "GPU 数"],
    ["lora_rank", "rank", "LoRA 秩"],
  ];
  const DEFAULT_MODEL = "llama-2-7b";

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
    const customFields = SHAPE_FIELDS.some(([key]) => q.has(key));
    if (q.has("model")) {
      const model = q.get("model");
      if (model === "custom" || model in presets) state.model = model;
      else notes.push(`没有名为 “${model}” 的模型预设，已改用 ${presets[state.model].name}`);
    } else if (customFields) {
      state.model = "custom";
    }
    state.shape = Object.assign({}, presets[state.model] || presets[Object.keys(presets)[0]]);
    if (state.model === "custom") {
      const base = presets[DEFAULT_MODEL] || presets[Object.keys(presets)[0]];
      for (const [key, label] of SHAPE_FIELDS) {
        const value = q.has(key) ? parseInteger(q.get(key)) : base[key];
        if (Number.isNaN(value)) notes.push(`${label}（${key}=${q.get(key)}）不是整数，已改用 ${base[key]}`);
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
      else notes.push(`${MESSAGES[code]({ [key]: value })}，已改用 ${pyRepr(DEFAULTS[key])}`);
    }
    for (const [key, queryKey, label] of INTEGER_SETTINGS) {
      if (!q.has(queryKey)) continue;
      const value = parseInteger(q.get(queryKey));
      if (Number.isNaN(value)) notes.push(`${label}（${queryKey}=${q.get(queryKey)}）不是整数，已改用 ${DEFAULTS[key]}`);
      else state[key] = value;
    }
    if (q.has("zero")) {
      const value = parseInteger(q.get("zero"));
      if ([0, 1, 2, 3].includes(value)) state.zero_stage = value;
      else notes.push(`${MESSAGES.zero_stage()}（链接中为 ${q.get("zero")}），已改用 0`);
    }
    for (const [key, queryKey, label] of [["checkpointing", "ckpt", "梯度检查点"], ["flash_attention", "flash", "FlashAttention"]]) {
      if (!q.has(queryKey)) continue;
      const value = parseBoolean(q.get(queryKey));
      if (value === null) notes.push(`${label}（${queryKey}=${q.get(queryKey)}）应为 1 或 0，已改用 ${DEFAULTS[key] ? 1 : 0}`);
      else state[key] = value;
    }
    return { state, notes };
  }

  /** The query string for a state: the widget's keys replace their old values, other keys stay. */
  function writeQuery(state, search) {
    const q = new URLSearchParams(search);
    q.set("model", state.model);
    for (const [key] of SHAPE_FIELDS) {
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
    for (const [key] of SHAPE_FIELDS) state.shapeText[key] = String(state.shape[key]);
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

    const modelOptions = presetList.map((p) => [p.id, p.name]).concat([["custom", "自定义结构"]]);
    const shapeGrid = el(
      "div",
      { className: "kb-gpu-est__grid" },
      SHAPE_FIELDS.map(([key, label]) => field("shape-" + key, label, number(state.shapeText[key], 1)))
    );
    const shapeDetails = el("details", { className: "kb-gpu-est__shape" }, [
      el("summary", { text: "结构参数（选“自定义结构”或直接修改）" }),
      shapeGrid,
    ]);
    shapeDetails.open = state.model === "custom";
    const paramsLine = el("p", { className: "kb-gpu-est__params" });

    const form = el("form", { className: "kb-gpu-est__form", "aria-label": "显存估算的输入" }, [
      el("fieldset", {}, [
        el("legend", { text: "模型" }),
        field("model", "模型预设", select(modelOptions, state.model)),
        shapeDetails,
        paramsLine,
      ]),
      el("fieldset", {}, [
        el("legend", { text: "用法与精度" }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("mode", "用法", select(MODE_LABELS, state.mode)),
          field("precision", "权重精度", select(PRECISION_LABELS, state.precision), "QLoRA 的底座固定为 4 位 NF4，这里指适配器和计算的精度"),
          field("optimizer", "优化器", select(OPTIMIZER_LABELS, state.optimizer), "推理时不用"),
          field("lora_rank", "LoRA 秩 r", number(state.text.lora_rank, 1), "只用于 LoRA 和 QLoRA，加在全部 7 种线性层"),
        ]),
      ]),
      el("fieldset", {}, [
        el("legend", { text: "批次与序列" }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("batch", "每卡批大小（条）", number(state.text.batch, 1)),
          field("seq_len", "序列长度（token）", number(state.text.seq_len, 1), "推理时为上下文长度"),
        ]),
        checkbox("checkpointing", "梯度检查点（全量重计算，只用于训练）", state.checkpointing),
        checkbox("flash_attention", "FlashAttention（不保存 s×s 注意力矩阵）", state.flash_attention),
      ]),
      el("fieldset", {}, [
        el("legend", { text: "多卡" }),
        el("div", { className: "kb-gpu-est__grid" }, [
          field("zero_stage", "ZeRO 阶段", select(ZERO_LABELS, String(state.zero_stage)), "只用于训练"),
          field("num_gpus", "GPU 数", number(state.text.num_gpus, 1), "训练时为 ZeRO 数据并行的卡数，推理时为张量并行度"),
        ]),
      ]),
    ]);
    form.addEventListener("submit", (event) => event.preventDefault());

    // -- results --
    const noteBox = el("div", { className: "kb-gpu-est__notes", role: "status" });
    const errorBox = el("p", { className: "kb-gpu-est__error", role: "alert", hidden: true });
    // Only the one-line summary is announced to screen readers while the inputs change.
    const summary = el("p", { className: "kb-gpu-est__summary", "aria-live": "polite", "aria-atomic": "true" });
    const bar = el("div", { className: "kb-gpu-est__bar", role: "group", "aria-label": "每卡显存构成" });
    const breakdownBody = el("tbody");
    const breakdown = el("table", { className: "kb-gpu-est__table" }, [
      el("caption", { text: "每卡显存构成（GiB）" }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "组成" }), el("th", { scope: "col", text: "GiB" }), el("th", { scope: "col", text: "占比" })])]),
      breakdownBody,
    ]);
    const fitBody = el("tbody");
    const fit = el("table", { className: "kb-gpu-est__table" }, [
      el("caption", { text: "哪张卡放得下" }),
      el("thead", {}, [
        el("tr", {}, [
          el("th", { scope: "col", text: "显存" }),
          el("th", { scope: "col", text: "按当前设置" }),
          el("th", { scope: "col", text: "最少几张" }),
        ]),
      ]),
      fitBody,
    ]);
    const fitNote = el("p", {
      className: "kb-gpu-est__hint",
      text: "容量按 GiB 与每卡合计比较。“最少几张”与本页选卡表的算法相同：训练用 ZeRO-3 切分，推理用张量并行平分，只试 1、2、4、8……64 张。",
    });
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
      noteBox.append(el("p", { text: "链接中有无法使用的参数：" }), el("ul", {}, notes.map((text) => el("li", { text }))));
    } else {
      noteBox.hidden = true;
    }
    root.replaceChildren(noteBox, form, status, resultBox);
    root.classList.add("kb-gpu-est");

    // -- behaviour --
    function inputError() {
      for (const [key, label] of SHAPE_FIELDS) {
        const value = parseInteger(state.shapeText[key]);
        if (Number.isNaN(value) || value < 1) return `${label}必须是正整数`;
      }
      for (const [key, , label] of INTEGER_SETTINGS) {
        if (Number.isNaN(parseInteger(state.text[key]))) return `${label}必须是整数`;
      }
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
      for (const [key] of SHAPE_FIELDS) shape[key] = parseInteger(state.shapeText[key]);
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
          `参数量 ${(m.num_params / 1e9).toFixed(2)}B（${groupDigits(m.num_params)} 个）` +
          (trainable && trainable !== m.num_params ? `，可训练 ${groupDigits(trainable)} 个（${((100 * trainable) / m.num_params).toFixed(2)}%）` : "");
      } else {
        paramsLine.textContent = "";
      }
      errorBox.hidden = !problem;
      errorBox.textContent = problem ? `无法估算：${problem}` : "";
      resultBox.hidden = summary.hidden = Boolean(problem);
      if (problem) return;

      const name = state.model === "custom" ? "自定义结构" : presets[state.model].name;
      const mode = MODE_LABELS.find(([v]) => v === state.mode)[1];
      summary.replaceChildren(
        `${name} ${mode}：每卡约 `,
        el("span", { className: "kb-gpu-est__nowrap" }, [
          el("strong", { className: "kb-gpu-est__total", "data-part": "total", text: format1(result.total) }),
          " GiB",
        ])
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
            "aria-label": `${PART_LABELS[key]} ${format1(value)} GiB，占 ${shareText}`,
            title: `${PART_LABELS[key]} ${format1(value)} GiB（${shareText}）`,
          });
          segment.style.width = `${share}%`;
          segments.push(segment);
        }
        const swatch = key === "total" ? "" : el("span", { className: `kb-gpu-est__swatch kb-gpu-est--${key}`, "aria-hidden": "true" });
        const row = el("tr", { className: key === "total" ? "kb-gpu-est__sum" : "" }, [
          el("th", { scope: "row" }, [swatch, PART_LABELS[key]]),
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
            el("th", { scope: "row" }, [`${size}GB`, el("span", { className: "kb-gpu-est__hint", text: ` ${GPU_EXAMPLES[size]}` })]),
            el("td", { className: fits ? "kb-gpu-est__yes" : "kb-gpu-est__no", text: fits ? "✓ 放得下" : "✗ 放不下" }),
            el("td", { text: least ? `${least} 张` : "超过 64 张" }),
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
          for (const [key] of SHAPE_FIELDS) {
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

  // Material's document$ also fires after instant navigation, should that feature be turned on.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
