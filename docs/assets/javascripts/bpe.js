/* BPE visualizer for theory/bpe.md: train on a small corpus in the browser and step through the merges.
 *
 * window.kbBpe is the same algorithm as examples/bpe.py, with the same tie-break (equal counts: the pair
 * met first when scanning the words in corpus order, each left to right) and the same return values, so
 * tests/test_bpe_visualizer.py can compare the two as JSON. The UI mounts into every
 * <div class="kb-bpe-visualizer" data-kb-labels="{...}"> (written by the kb:bpe-visualizer marker,
 * llmkb/render/widgets.py). Every word it shows, the default corpus and the error messages included,
 * comes from data-kb-labels: the bpe_* labels of data/labels.yaml in the page's language.
 * No libraries, no network. */
(function () {
  "use strict";

  const END = "</w>";
  // Exactly the characters Python's str.split() splits on (str.isspace()), so a corpus text is cut into
  // the same words in both implementations. JavaScript's \s differs (it includes U+FEFF, not U+001C-U+001F).
  const SPACE_CLASS = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  const SPACES = new RegExp(SPACE_CLASS + "+");
  const HAS_SPACE = new RegExp(SPACE_CLASS);

  /* ---- words: data/labels.yaml in the page's language, from the mount element's data-kb-labels ---- */

  let words = null; // the mounted widget's words; window.kbBpe uses the page's first widget

  function readWords(root) {
    try {
      return JSON.parse(root.dataset.kbLabels || "{}");
    } catch (error) {
      return {};
    }
  }

  function pageWords() {
    if (!words) {
      const root = document.querySelector(".kb-bpe-visualizer[data-kb-labels]");
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

  /** A label with a number: the "<key>_one" form for 1 where the labels have one. */
  function count(key, n, values = {}) {
    return say(n === 1 && (key + "_one") in pageWords() ? key + "_one" : key, Object.assign({ n }, values));
  }

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
        throw new Error(say("bpe_error_word", { word: JSON.stringify(word) }));
      }
      if (!Number.isInteger(freq) || freq < 1) throw new Error(say("bpe_error_freq", { word: JSON.stringify(word) }));
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
    if (!Number.isInteger(numMerges) || numMerges < 0) throw new Error(say("bpe_error_merges", { n: String(numMerges) }));
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
      throw new Error(say("bpe_error_tokenize", { word: JSON.stringify(word) }));
    }
    let tokens = Array.from(word).concat([END]);
    for (const rule of merges) tokens = merge(tokens, Array.isArray(rule) ? rule : rule.merge);
    return tokens;
  }

  window.kbBpe = { END: END, wordCounts: wordCounts, initialState: initialState, train: train, tokenize: tokenize };

  /* ---- the UI ---- */

  // The default corpus and new words are labels too (bpe_default_corpus, bpe_default_words).
  const DEFAULT_MERGES = 12;
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
    words = readWords(root);
    root.dataset.kbBpeMounted = "1";
    const id = "kb-bpe-" + ++instances;
    root.textContent = "";

    const corpusInput = el("textarea", { id: id + "-corpus", rows: "5", spellcheck: "false", autocomplete: "off" });
    corpusInput.value = say("bpe_default_corpus");
    const mergesInput = el("input", {
      id: id + "-merges", type: "number", min: "0", max: String(MAX_MERGES), step: "1", inputmode: "numeric",
    });
    mergesInput.value = String(DEFAULT_MERGES);
    const summary = el("p", { class: "kb-bpe__summary" });
    const error = el("p", { class: "kb-bpe__error", role: "alert" });

    const prev = el("button", { type: "button", class: "kb-bpe__button", text: say("bpe_prev") });
    const next = el("button", { type: "button", class: "kb-bpe__button", text: say("bpe_next") });
    const slider = el("input", { id: id + "-step", type: "range", min: "0", step: "1" });
    const position = el("output", { class: "kb-bpe__position", for: id + "-step" });

    const headline = el("p", { class: "kb-bpe__headline", "aria-live": "polite" });
    const pairsBox = el("div", { class: "kb-bpe__pairs" });
    const vocabBox = el("div", { class: "kb-bpe__vocab" });
    const corpusBox = el("div", { class: "kb-bpe__corpus" });

    const wordsInput = el("input", { id: id + "-words", type: "text", spellcheck: "false", autocomplete: "off" });
    wordsInput.value = say("bpe_default_words");
    const wordsLabel = el("label", { for: id + "-words" });
    const wordsOut = el("div", { class: "kb-bpe__tokenized", "aria-live": "polite" });

    root.append(
      el("div", { class: "kb-bpe__field" }, [
        el("label", { for: id + "-corpus", text: say("bpe_corpus_label") }),
        corpusInput,
      ]),
      el("div", { class: "kb-bpe__row" }, [
        el("label", { for: id + "-merges", text: say("bpe_merges_label") }),
        mergesInput,
      ]),
      summary,
      error,
      el("div", { class: "kb-bpe__stepper", role: "group", "aria-label": say("bpe_stepper") }, [
        prev,
        el("label", { for: id + "-step", class: "kb-bpe__step-label", text: say("bpe_step_label") }),
        slider,
        next,
        position,
      ]),
      headline,
      el("h3", { class: "kb-bpe__title", text: say("bpe_title_pairs") }),
      pairsBox,
      el("h3", { class: "kb-bpe__title", text: say("bpe_title_vocab") }),
      vocabBox,
      el("h3", { class: "kb-bpe__title", text: say("bpe_title_corpus") }),
      corpusBox,
      el("h3", { class: "kb-bpe__title", text: say("bpe_title_new_words") }),
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
        error.textContent = say("bpe_merges_invalid", { max: MAX_MERGES });
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
        pairsBox.append(el("p", { class: "kb-bpe__hint", text: say("bpe_no_merge_yet") }));
        return;
      }
      const rows = step.pair_counts.map((entry, i) => {
        const chosen = i === 0;
        const tied = !chosen && entry.count === step.count;
        const pairCell = el("td", {}, [chip(entry.pair[0]), " ", chip(entry.pair[1])]);
        if (chosen) pairCell.append(" ", el("span", { class: "kb-bpe__badge kb-bpe__badge--chosen", text: say("bpe_badge_chosen") }));
        if (tied) pairCell.append(" ", el("span", { class: "kb-bpe__badge", text: say("bpe_badge_tied") }));
        return el("tr", chosen ? { class: "kb-bpe__chosen" } : {}, [
          el("td", { text: String(i + 1) }), pairCell, el("td", { text: String(entry.count) }),
        ]);
      });
      const table = el("table", { class: "kb-bpe__table" }, [
        el("caption", { text: say("bpe_pairs_caption", { n: step.pair_counts.length }) }),
        el("thead", {}, [el("tr", {}, [
          el("th", { scope: "col", text: "#" }), el("th", { scope: "col", text: say("bpe_col_pair") }),
          el("th", { scope: "col", text: say("bpe_col_count") }),
        ])]),
        el("tbody", {}, rows),
      ]);
      pairsBox.append(el("div", {
        class: "kb-bpe__scroll", tabindex: "0", role: "region", "aria-label": say("bpe_pairs_region", { n: step.step }),
      }, [table]));
    }

    function render() {
      const step = index > 0 ? steps[index - 1] : null;
      const vocab = step ? step.vocab : initial.vocab;
      const corpus = step ? step.corpus : initial.corpus;
      const tokens = initial.corpus.reduce((sum, row) => sum + row.freq, 0);
      summary.textContent =
        say("bpe_summary", { words: initial.corpus.length, occurrences: tokens, symbols: initial.vocab.length, merges: steps.length }) +
        say(steps.length < requested ? "bpe_summary_early" : "bpe_summary_end");

      slider.max = String(steps.length);
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", index ? say("bpe_slider_step", { n: index, total: steps.length }) : say("bpe_slider_initial"));
      position.textContent = `${index} / ${steps.length}`;
      prev.disabled = index === 0;
      next.disabled = index === steps.length;

      headline.textContent = "";
      if (step) {
        const ties = step.pair_counts.filter((entry) => entry.count === step.count).length - 1;
        headline.append(...fill("bpe_step_merge", {
          heading: el("strong", { text: say("bpe_step_heading", { n: step.step }) }),
          a: chip(step.merge[0]), b: chip(step.merge[1]), token: chip(step.token, ["new"]), count: step.count,
        }));
        if (ties > 0) headline.append(say("bpe_ties", { n: ties }));
      } else {
        headline.append(...fill("bpe_initial", { heading: el("strong", { text: say("bpe_initial_heading") }), end: chip(END) }));
      }

      renderPairs(step);

      vocabBox.textContent = "";
      vocabBox.append(
        el("p", { class: "kb-bpe__hint", text: say("bpe_vocab_hint", { size: vocab.length, initial: initial.vocab.length, merges: index }) }),
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
      wordsLabel.textContent = say("bpe_words_label", { n: index });
      wordsOut.textContent = "";
      const words = wordsInput.value.split(SPACES).filter(Boolean);
      if (!words.length) {
        wordsOut.append(el("p", { class: "kb-bpe__hint", text: say("bpe_words_empty") }));
        return;
      }
      const list = el("ul", { class: "kb-bpe__words" });
      let unknown = false;
      for (const word of words) {
        const tokens = tokenize(word, merges);
        list.append(el("li", {}, [
          el("span", { class: "kb-bpe__word", text: word }),
          el("span", { class: "kb-bpe__freq", text: count("bpe_token_count", tokens.length) }),
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
          text: say("bpe_unknown_hint"),
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
  // In a task of its own, not inside Material's set-up: a slow phone stays responsive in between.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => setTimeout(mountAll));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
