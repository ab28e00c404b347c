/* BPE visualizer for theory/bpe.md: train on a small corpus in the browser and step through the merges.
 *
 * window.kbBpe is the same algorithm as examples/bpe.py, with the same tie-break (equal counts: the pair
 * met first when scanning the words in corpus order, each left to right) and the same return values, so
 * tests/test_bpe_visualizer.py can compare the two as JSON. The UI mounts into every
 * <div class="kb-bpe-visualizer"> (written by the kb:bpe-visualizer marker). No libraries, no network. */
(function () {
  "use strict";

  const END = "</w>";
  // Exactly the characters Python's str.split() splits on (str.isspace()), so a corpus text is cut into
  // the same words in both implementations. JavaScript's \s differs (it includes U+FEFF, not U+001C-U+001F).
  const SPACE_CLASS = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  const SPACES = new RegExp(SPACE_CLASS + "+");
  const HAS_SPACE = new RegExp(SPACE_CLASS);

  /* ---- the algorithm (mirrors examples/bpe.py function by function) ---- */

  function wordCounts(corpus) {
    const counts = new Map();
    if (typeof corpus === "string") {
      for (const word of corpus.split(SPACES)) {
        if (word) counts.set(word, (counts.get(word) || 0) + 1);
      }
      return counts;
    }
    // [[word, freq], ...]: a plain object would reorder words that look like numbers.
    for (const [word, freq] of corpus) {
      if (typeof word !== "string" || !word || HAS_SPACE.test(word)) {
        throw new Error("词不能为空，也不能含空白：" + JSON.stringify(word));
      }
      if (!Number.isInteger(freq) || freq < 1) throw new Error("频次必须是正整数：" + JSON.stringify(word));
      counts.set(word, freq);
    }
    return counts;
  }

  function pairCounts(corpus) {
    const counts = new Map(); // a Map remembers insertion order: the order each pair was first met
    for (const row of corpus) {
      const tokens = row.tokens;
      for (let i = 0; i + 1 < tokens.length; i++) {
        const key = JSON.stringify([tokens[i], tokens[i + 1]]);
        const entry = counts.get(key);
        if (entry) entry.count += row.freq;
        else counts.set(key, { pair: [tokens[i], tokens[i + 1]], count: row.freq });
      }
    }
    return Array.from(counts.values()).sort((x, y) => y.count - x.count); // Array#sort is stable
  }

  function merge(tokens, pair) {
    const [a, b] = pair;
    const out = [];
    let i = 0;
    while (i < tokens.length) {
      if (i + 1 < tokens.length && tokens[i] === a && tokens[i + 1] === b) {
        out.push(a + b);
        i += 2;
      } else {
        out.push(tokens[i]);
        i += 1;
      }
    }
    return out;
  }

  function byCodePoint(x, y) {
    return x.codePointAt(0) - y.codePointAt(0); // Python sorts strings by code point, not UTF-16 unit
  }

  function initialState(corpus) {
    const counts = wordCounts(corpus);
    const chars = new Set();
    const rows = [];
    for (const [word, freq] of counts) {
      const symbols = Array.from(word); // code points, as Python iterates a str
      symbols.forEach((ch) => chars.add(ch));
      rows.push({ word: word, freq: freq, tokens: symbols.concat([END]) });
    }
    return { vocab: Array.from(chars).sort(byCodePoint).concat([END]), corpus: rows };
  }

  function train(corpus, numMerges) {
    if (!Number.isInteger(numMerges) || numMerges < 0) throw new Error("合并次数必须是非负整数：" + numMerges);
    const state = initialState(corpus);
    let vocab = state.vocab;
    let rows = state.corpus;
    const steps = [];
    for (let number = 1; number <= numMerges; number++) {
      const counts = pairCounts(rows);
      if (!counts.length) break;
      const best = counts[0]; // highest count; on a tie, the pair met first
      const [a, b] = best.pair;
      rows = rows.map((row) => ({ word: row.word, freq: row.freq, tokens: merge(row.tokens, [a, b]) }));
      if (!vocab.includes(a + b)) vocab = vocab.concat([a + b]);
      steps.push({
        step: number, pair_counts: counts, merge: [a, b], token: a + b,
        count: best.count, vocab: vocab, corpus: rows,
      });
    }
    return steps;
  }

  function tokenize(word, merges) {
    if (typeof word !== "string" || !word || HAS_SPACE.test(word)) {
      throw new Error("一次切分一个词，不能为空或含空白：" + JSON.stringify(word));
    }
    let tokens = Array.from(word).concat([END]);
    for (const rule of merges) tokens = merge(tokens, Array.isArray(rule) ? rule : rule.merge);
    return tokens;
  }

  window.kbBpe = { END: END, wordCounts: wordCounts, initialState: initialState, train: train, tokenize: tokenize };

  /* ---- the UI ---- */

  const DEFAULT_CORPUS =
    "模型 模型 模型 大模型 大模型 大模型 大模型 语言模型 语言模型 大语言模型 大语言模型 大语言模型\n" +
    "low low low low low lower lower newest newest newest newest newest newest widest widest widest";
  const DEFAULT_MERGES = 12;
  const DEFAULT_WORDS = "lowest 大语言模型 新模型";
  const MAX_MERGES = 200;
  let instances = 0;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function chip(token, classes) {
    let name = "kb-bpe__chip";
    if (token === END || token.endsWith(END)) name += " kb-bpe__chip--end";
    for (const extra of classes || []) name += " kb-bpe__chip--" + extra;
    return el("span", { class: name, text: token });
  }

  function mount(root) {
    if (root.dataset.kbBpeMounted) return;
    root.dataset.kbBpeMounted = "1";
    const id = "kb-bpe-" + ++instances;
    root.textContent = "";

    const corpusInput = el("textarea", { id: id + "-corpus", rows: "5", spellcheck: "false", autocomplete: "off" });
    corpusInput.value = DEFAULT_CORPUS;
    const mergesInput = el("input", {
      id: id + "-merges", type: "number", min: "0", max: String(MAX_MERGES), step: "1", inputmode: "numeric",
    });
    mergesInput.value = String(DEFAULT_MERGES);
    const summary = el("p", { class: "kb-bpe__summary" });
    const error = el("p", { class: "kb-bpe__error", role: "alert" });

    const prev = el("button", { type: "button", class: "kb-bpe__button", text: "上一步" });
    const next = el("button", { type: "button", class: "kb-bpe__button", text: "下一步" });
    const slider = el("input", { id: id + "-step", type: "range", min: "0", step: "1" });
    const position = el("output", { class: "kb-bpe__position", for: id + "-step" });

    const headline = el("p", { class: "kb-bpe__headline", "aria-live": "polite" });
    const pairsBox = el("div", { class: "kb-bpe__pairs" });
    const vocabBox = el("div", { class: "kb-bpe__vocab" });
    const corpusBox = el("div", { class: "kb-bpe__corpus" });

    const wordsInput = el("input", { id: id + "-words", type: "text", spellcheck: "false", autocomplete: "off" });
    wordsInput.value = DEFAULT_WORDS;
    const wordsLabel = el("label", { for: id + "-words" });
    const wordsOut = el("div", { class: "kb-bpe__tokenized", "aria-live": "polite" });

    root.append(
      el("div", { class: "kb-bpe__field" }, [
        el("label", { for: id + "-corpus", text: "训练语料（按空白切成词，重复出现的次数就是词频；汉字和字母都逐字符起步）" }),
        corpusInput,
      ]),
      el("div", { class: "kb-bpe__row" }, [
        el("label", { for: id + "-merges", text: "合并次数" }),
        mergesInput,
      ]),
      summary,
      error,
      el("div", { class: "kb-bpe__stepper", role: "group", "aria-label": "逐步查看合并过程" }, [
        prev,
        el("label", { for: id + "-step", class: "kb-bpe__step-label", text: "步骤" }),
        slider,
        next,
        position,
      ]),
      headline,
      el("h3", { class: "kb-bpe__title", text: "相邻对计数" }),
      pairsBox,
      el("h3", { class: "kb-bpe__title", text: "词表" }),
      vocabBox,
      el("h3", { class: "kb-bpe__title", text: "语料的切分" }),
      corpusBox,
      el("h3", { class: "kb-bpe__title", text: "切分新词" }),
      el("div", { class: "kb-bpe__field" }, [wordsLabel, wordsInput]),
      wordsOut
    );

    let initial = null;
    let steps = [];
    let index = 0;
    let requested = DEFAULT_MERGES;

    function retrain(keepIndex) {
      const raw = mergesInput.value.trim();
      const number = Number(raw);
      error.textContent = "";
      if (raw === "" || !Number.isInteger(number) || number < 0 || number > MAX_MERGES) {
        error.textContent = `合并次数请填 0～${MAX_MERGES} 的整数。`;
        return;
      }
      try {
        initial = initialState(corpusInput.value);
        steps = train(corpusInput.value, number);
      } catch (exc) {
        error.textContent = exc.message;
        return;
      }
      requested = number;
      index = keepIndex ? Math.min(index, steps.length) : Math.min(1, steps.length);
      render();
    }

    function renderPairs(step) {
      pairsBox.textContent = "";
      if (!step) {
        pairsBox.append(el("p", { class: "kb-bpe__hint", text: "还没有合并。点“下一步”统计相邻对并做第一次合并。" }));
        return;
      }
      const rows = step.pair_counts.map((entry, i) => {
        const chosen = i === 0;
        const tied = !chosen && entry.count === step.count;
        const pairCell = el("td", {}, [chip(entry.pair[0]), " ", chip(entry.pair[1])]);
        if (chosen) pairCell.append(" ", el("span", { class: "kb-bpe__badge kb-bpe__badge--chosen", text: "合并" }));
        if (tied) pairCell.append(" ", el("span", { class: "kb-bpe__badge", text: "并列" }));
        return el("tr", chosen ? { class: "kb-bpe__chosen" } : {}, [
          el("td", { text: String(i + 1) }), pairCell, el("td", { text: String(entry.count) }),
        ]);
      });
      const table = el("table", { class: "kb-bpe__table" }, [
        el("caption", { text: `合并前共 ${step.pair_counts.length} 种相邻对，按频次从高到低排列` }),
        el("thead", {}, [el("tr", {}, [
          el("th", { scope: "col", text: "#" }), el("th", { scope: "col", text: "相邻对" }),
          el("th", { scope: "col", text: "频次" }),
        ])]),
        el("tbody", {}, rows),
      ]);
      pairsBox.append(el("div", {
        class: "kb-bpe__scroll", tabindex: "0", role: "region", "aria-label": `第 ${step.step} 步的相邻对计数`,
      }, [table]));
    }

    function render() {
      const step = index > 0 ? steps[index - 1] : null;
      const vocab = step ? step.vocab : initial.vocab;
      const corpus = step ? step.corpus : initial.corpus;
      const tokens = initial.corpus.reduce((sum, row) => sum + row.freq, 0);
      summary.textContent =
        `${initial.corpus.length} 个不同的词，共 ${tokens} 次出现；初始词表 ${initial.vocab.length} 个符号；` +
        `学到 ${steps.length} 条合并规则` +
        (steps.length < requested ? "（每个词都已成为一个 token，提前结束）。" : "。");

      slider.max = String(steps.length);
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", index ? `第 ${index} 步，共 ${steps.length} 步` : "初始状态");
      position.textContent = `${index} / ${steps.length}`;
      prev.disabled = index === 0;
      next.disabled = index === steps.length;

      headline.textContent = "";
      if (step) {
        const ties = step.pair_counts.filter((entry) => entry.count === step.count).length - 1;
        headline.append(
          el("strong", { text: `第 ${step.step} 步：` }), "合并 ", chip(step.merge[0]), " + ", chip(step.merge[1]),
          " → ", chip(step.token, ["new"]), `，频次 ${step.count}。`
        );
        if (ties > 0) headline.append(`另有 ${ties} 对频次相同，按平局规则取最先出现的一对。`);
      } else {
        headline.append(el("strong", { text: "初始状态：" }), "每个词拆成单个字符，末尾加词尾标记 ", chip(END), "。");
      }

      renderPairs(step);

      vocabBox.textContent = "";
      vocabBox.append(
        el("p", { class: "kb-bpe__hint", text: `${vocab.length} 个符号（${initial.vocab.length} 个初始符号 + ${index} 次合并）` }),
        el("div", { class: "kb-bpe__chips" }, vocab.map((token) => chip(token, step && token === step.token ? ["new"] : [])))
      );

      corpusBox.textContent = "";
      const list = el("ul", { class: "kb-bpe__words" });
      for (const row of corpus) {
        list.append(el("li", {}, [
          el("span", { class: "kb-bpe__word", text: row.word }),
          el("span", { class: "kb-bpe__freq", text: `×${row.freq}` }),
          el("span", { class: "kb-bpe__chips" }, row.tokens.map((token) => chip(token, step && token === step.token ? ["new"] : []))),
        ]));
      }
      corpusBox.append(list);

      renderTokenized();
    }

    function renderTokenized() {
      const merges = steps.slice(0, index).map((step) => step.merge);
      const known = new Set(initial.vocab);
      wordsLabel.textContent = `输入新词（可输入多个，用空格分开），按前 ${index} 条合并规则切分`;
      wordsOut.textContent = "";
      const words = wordsInput.value.split(SPACES).filter(Boolean);
      if (!words.length) {
        wordsOut.append(el("p", { class: "kb-bpe__hint", text: "输入一个词即可看到切分结果。" }));
        return;
      }
      const list = el("ul", { class: "kb-bpe__words" });
      let unknown = false;
      for (const word of words) {
        const tokens = tokenize(word, merges);
        list.append(el("li", {}, [
          el("span", { class: "kb-bpe__word", text: word }),
          el("span", { class: "kb-bpe__freq", text: `${tokens.length} 个 token` }),
          el("span", { class: "kb-bpe__chips" }, tokens.map((token) => {
            const missing = token.length > 0 && Array.from(token).length === 1 && !known.has(token);
            unknown = unknown || missing;
            return chip(token, missing ? ["unknown"] : []);
          })),
        ]));
      }
      wordsOut.append(list);
      if (unknown) {
        wordsOut.append(el("p", {
          class: "kb-bpe__hint",
          text: "虚线框的字符没有在训练语料中出现过，不在词表里：字符级 BPE 只能把它记为未知词，字节级 BPE 则可以拆成字节。",
        }));
      }
    }

    function go(to) {
      index = Math.max(0, Math.min(steps.length, to));
      render();
    }

    let timer = 0;
    corpusInput.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => retrain(false), 250);
    });
    mergesInput.addEventListener("input", () => retrain(true));
    prev.addEventListener("click", () => go(index - 1));
    next.addEventListener("click", () => go(index + 1));
    slider.addEventListener("input", () => go(Number(slider.value)));
    wordsInput.addEventListener("input", renderTokenized);

    root.classList.add("kb-bpe--ready");
    retrain(false);
  }

  function mountAll() {
    document.querySelectorAll(".kb-bpe-visualizer").forEach(mount);
  }

  // Material's document$ fires on every page load (and on instant navigation, if it is ever enabled).
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
