/* Site search: reads a reader's query and ranks pages with Pagefind's index, inside Material's header
 * search box. Opens with the header button, "/" or "s"; Esc closes; arrow keys move through results.
 *
 * Readers type questions ("显存怎么算", "why do LLMs make things up"), not index terms. So the query is
 * read first (pagefind/kb/<edition>.json, written by hooks/search.py from data/search.yaml, the
 * glossary and the index itself): 繁體 is converted to Simplified; known words and phrases are found
 * (synonyms, colloquial words, glossary names, stop words); the rest is cut into the index's own words.
 * Every remaining term is searched on its own, with its synonyms, and the results are merged: a page
 * scores for each term it holds, rare terms more than common ones, so a page holding most terms still
 * ranks when none holds them all. Pages that list everything (glossary, bibliography, part indexes)
 * rank first only when asked for by name. */
(function () {
  "use strict";
  const box = document.querySelector(".kb-search");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector(".kb-search__input");
  const list = box.querySelector(".kb-search__list");
  const meta = box.querySelector(".kb-search__meta");
  const filterBar = box.querySelector(".kb-search__filters");
  // One Pagefind bundle at the site root serves every edition.
  const siteRoot = new URL(box.dataset.kbSearchBase + "/", location.href);
  const edition = box.dataset.kbEdition;
  const editionRoot = new URL(box.dataset.kbEditionRoot || "./", siteRoot);
  // Strings in the edition's language, from data/labels.yaml (hooks/editions.py).
  const labels = JSON.parse(box.dataset.kbLabels);
  const SECTIONS = ["all", "theory", "practice", "applications", "reference"];
  const SHOWN = 10;
  // Ranking constants, measured with tests/search_queries.yaml (`llmkb search-benchmark`).
  const SINGLE_CHARACTER_WEIGHT = 0.15; // a lone Chinese character left over after cutting says little
  const UNKNOWN_CHARACTER_WEIGHT = 0.25; // per character, for characters in a row that make no word of the index
  const EXPLAINING_PAGE_BONUS = 1.0; // the page the glossary names for a term in the query
  const LISTING_FACTOR = 0.35; // glossary, bibliography, part indexes: unless asked for by name
  const MATCH_FLOOR = 0.2; // what holding a term at all is worth, against holding it most strongly
  const TITLE_BONUS = 1.0; // a term in the page title
  const DESCRIPTION_BONUS = 0.4; // a term in the page description (not in the title)
  const MIN_COVERAGE = 0.35; // the share of the query's weight a result must hold
  const MIN_SIMILARITY = 0.34; // how near a glossary name must be to a query that found nothing
  const MIN_WORD_SIMILARITY = 0.6; // the same for English, word by word

  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  const HAN_RE = new RegExp(`[${HAN}]`);
  const WORD_CHAR_RE = /[a-z0-9]/;

  let engine = null; // a promise of { pagefind, words }
  let searchWords = null; // the edition's words, once loaded
  let section = "all";
  let generation = 0;
  let timer = 0;

  const normalize = (text) => text.toLowerCase().replace(/\s+/g, " ").trim();

  async function load() {
    if (location.protocol === "file:") return null;
    if (!engine) {
      engine = (async () => {
        const [pagefind, words] = await Promise.all([
          import(new URL("pagefind/pagefind.js", siteRoot).href),
          fetch(new URL(`pagefind/kb/${edition}.json`, siteRoot)).then((response) => response.json()),
        ]);
        // The 繁體 edition searches the 简体 index (see hooks/search.py). Long pages are penalised
        // less than Pagefind's default (1.0): on this site the long pages are the thorough ones.
        await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 40, ranking: { pageLength: 0.25 }, language: words.index });
        pagefind.init();
        searchWords = prepare(words);
        return { pagefind, words: searchWords };
      })();
    }
    return engine;
  }

  /* ---- Reading the query -------------------------------------------------------------------- */

  function prepare(words) {
    // phrase -> {stop} or {alts: [...], pages: [...]} ; alternatives are normalized strings.
    const phrases = new Map();
    const add = (phrase, entry) => {
      const key = normalize(phrase);
      const known = phrases.get(key) || { alts: new Set(), pages: new Set() };
      if (entry.stop) known.stop = true;
      for (const alt of entry.alts || []) known.alts.add(alt);
      for (const page of entry.pages || []) known.pages.add(page);
      phrases.set(key, known);
    };
    for (const word of words.stop) add(word, { stop: true });
    const groupOf = new Map();
    for (const group of words.groups) {
      for (const word of group) { add(word, { alts: group }); groupOf.set(word, group); }
    }
    for (const term of words.terms) {
      for (const name of term.names) {
        add(name, { alts: [...term.names, ...(groupOf.get(name) || [])], pages: [term.page] });
        for (const other of groupOf.get(name) || []) add(other, { alts: term.names, pages: [term.page] });
      }
    }
    for (const [saying, term] of Object.entries(words.colloquial)) {
      const target = phrases.get(term);
      add(saying, { alts: target ? [...target.alts, term] : [term], pages: target ? [...target.pages] : [] });
    }
    for (const entry of phrases.values()) if (entry.stop && entry.alts.size) entry.stop = false;
    let longest = 1;
    for (const key of phrases.keys()) longest = Math.max(longest, key.length);
    // One-word English phrases by stem: "hallucinate" reads as the glossary's "hallucination".
    const byStem = new Map();
    for (const [key, entry] of phrases) if (/^[a-z]+$/.test(key) && !byStem.has(crudeStem(key))) byStem.set(crudeStem(key), entry);
    const vocabulary = new Set((words.vocabulary || "").split(" ").filter(Boolean));
    const latin = words.latin.split(" ").filter(Boolean); // sorted, for a binary search
    const convert = words.convert || null;
    return { ...words, phrases, byStem, longest, vocabulary, latin, convert, pageCount: Object.keys(words.pages).length };
  }

  // Longest-match conversion with a phrase table and a character table (繁體 <-> 简体).
  function convertText(text, phrases, chars) {
    let out = "";
    for (let i = 0; i < text.length;) {
      let matched = false;
      for (let length = Math.min(6, text.length - i); length >= 2; length--) {
        const replacement = phrases[text.slice(i, i + length)];
        if (replacement !== undefined) { out += replacement; i += length; matched = true; break; }
      }
      if (!matched) { out += chars[text[i]] || text[i]; i++; }
    }
    return out;
  }

  function boundaryOk(text, start, end) {
    // A Latin phrase is a whole word: "lora" is not found inside "qlora".
    const before = text[start - 1], after = text[end];
    if (WORD_CHAR_RE.test(text[start]) && before && WORD_CHAR_RE.test(before)) return false;
    if (WORD_CHAR_RE.test(text[end - 1]) && after && WORD_CHAR_RE.test(after)) return false;
    return true;
  }

  // Cut Chinese text into the index's words, longest first (the index knows 位置 and 编码, not 位置编码).
  function cutChinese(text, vocabulary) {
    const pieces = [];
    for (let i = 0; i < text.length;) {
      let length = Math.min(6, text.length - i);
      while (length > 1 && !vocabulary.has(text.slice(i, i + length))) length--;
      pieces.push(text.slice(i, i + length));
      i += length;
    }
    return pieces;
  }

  // A query string for Pagefind: Chinese cut into index words, separated by spaces (Pagefind ANDs them).
  function pagefindQuery(text, words) {
    return text.replace(new RegExp(`[${HAN}]+`, "g"), (run) => ` ${cutChinese(run, words.vocabulary).join(" ")} `)
      .replace(/\s+/g, " ").trim();
  }

  // An English word without its ending, enough to tell hallucinate, hallucinated and hallucination
  // for one word (Pagefind stems properly inside its index; this is for the words read here).
  function crudeStem(word) {
    const match = word.match(/^(.{4,}?)(ations?|ings?|ates?|ated|ions?|ed|es|s|e)$/);
    return match ? match[1] : word;
  }

  // Is a Latin word (or each part of one: gpt-4, c-eval) the beginning of a word the pages use?
  function knownLatin(word, words) {
    return word.split(/[^a-z0-9]+/).filter((part) => /^[a-z]/.test(part) && part.length > 1).every((part) => {
      const list = words.latin;
      let low = 0, high = list.length;
      while (low < high) { const middle = (low + high) >> 1; if (list[middle] < part) low = middle + 1; else high = middle; }
      return low < list.length && list[low].startsWith(part);
    });
  }

  // The longest Taiwan word at a position of a 繁體 query, with the 简体 word it stands for.
  function taiwanReading(original, start, words) {
    for (let length = Math.min(6, original.length - start); length >= 2; length--) {
      const word = words.convert.t2sPhrases[original.slice(start, start + length)];
      if (word !== undefined) return { length, word };
    }
    return null;
  }

  // The query as terms: [{ alts: [strings], weight, pages: [explaining pages] }].
  function readQuery(raw, words) {
    // 繁體: read character by character as Simplified (same length, so positions stay); a Taiwan word
    // (資料, 記憶體) also reads as the word the 简体 pages use (数据, 内存) and is searched both ways.
    const original = normalize(raw);
    const text = words.convert ? original.replace(/./gu, (char) => words.convert.t2s[char] || char) : original;
    const terms = [];
    const named = new Set(); // every word the query names, with its synonyms (to lift listing pages)
    const push = (alts, pages, weight) => {
      const key = [...alts].sort().join("|");
      if (terms.some((term) => term.key === key)) return;
      terms.push({ key, alts: [...alts], pages: [...pages], weight });
      for (const alt of alts) named.add(alt);
    };
    // Characters the index has no word for: one alone is searched with a small weight (显存怎么算: 算);
    // two or more in a row are a word no page holds (量子纠缠), which no result needs to match but
    // which keeps a query about something else from finding pages by its common words alone.
    let unknown = "";
    const flush = (run) => {
      if (run.length === 1) push([run], [], SINGLE_CHARACTER_WEIGHT);
      else if (run.length > 1) terms.push({ key: run, alts: [], pages: [], weight: UNKNOWN_CHARACTER_WEIGHT * run.length });
      return "";
    };
    for (let i = 0; i < text.length;) {
      const char = text[i];
      if (!HAN_RE.test(char) && !WORD_CHAR_RE.test(char)) { i++; unknown = flush(unknown); continue; }
      // The longest known phrase or index word starting here.
      let best = null;
      for (let length = Math.min(words.longest, text.length - i); length >= 1; length--) {
        const candidate = text.slice(i, i + length);
        const entry = words.phrases.get(candidate);
        if (entry && boundaryOk(text, i, i + length)) { best = { text: candidate, entry }; break; }
        if (!best && length >= 2 && words.vocabulary.has(candidate)) { best = { text: candidate }; break; }
      }
      if (!best) {
        if (WORD_CHAR_RE.test(char)) {
          const word = text.slice(i).match(/^[a-z0-9][a-z0-9.+\-_]*/)[0].replace(/[.\-_]+$/, "");
          best = { text: word, entry: words.phrases.get(word) || words.phrases.get(word.replace(/s$/, "")) || words.byStem.get(crudeStem(word)) };
        } else {
          best = { text: char };
        }
      }
      const reading = words.convert && taiwanReading(original, i, words);
      if (reading && reading.length >= best.text.length) {
        unknown = flush(unknown);
        const literal = text.slice(i, i + reading.length);
        const alts = new Set([literal, reading.word]);
        const pages = new Set();
        for (const word of [literal, reading.word]) {
          const entry = words.phrases.get(word);
          if (entry) { for (const alt of entry.alts) alts.add(alt); for (const page of entry.pages) pages.add(page); }
        }
        push(alts, pages, 1);
        i += reading.length;
        continue;
      }
      i += best.text.length;
      if (best.entry && best.entry.stop) { unknown = flush(unknown); continue; }
      if (best.entry && best.entry.alts.size) {
        unknown = flush(unknown);
        push(new Set([best.text, ...best.entry.alts]), best.entry.pages, 1);
      } else if (best.text.length === 1 && HAN_RE.test(best.text)) {
        unknown += best.text;
      } else if (WORD_CHAR_RE.test(best.text[0]) && !knownLatin(best.text, words)) {
        // Pagefind would match it by a shorter word that begins it (zebra finds ZeRO): a word no page holds.
        unknown = flush(unknown);
        terms.push({ key: best.text, alts: [], pages: [], weight: 1 });
      } else {
        unknown = flush(unknown);
        push([best.text], [], 1);
      }
    }
    flush(unknown);
    return { terms, named };
  }

  /* ---- Ranking -------------------------------------------------------------------------------- */

  // Does a title or description hold a term? Chinese without spaces; an English word also in another
  // form (leaderboard, leaderboards; train, training).
  function mentions(text, alt) {
    if (!text) return false;
    if (HAN_RE.test(alt)) return text.replace(/\s+/g, "").includes(alt.replace(/\s+/g, ""));
    const stem = alt.split(" ").map(crudeStem).join(" ");
    return new RegExp(`(^|[^a-z0-9])${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(text);
  }

  async function rank(query, filters) {
    const { pagefind, words } = await load();
    const { terms, named } = readQuery(query, words);
    if (!terms.length) return { results: [], terms };
    const pages = new Map(); // page id -> { id, path, score, best }
    const searches = await Promise.all(terms.map(async (term) => {
      const found = new Map(); // page id -> { result, strength }
      await Promise.all(term.alts.map(async (alt) => {
        const search = await pagefind.search(pagefindQuery(alt, words), { filters });
        const top = search.results.length ? search.results[0].score : 1;
        for (const result of search.results) {
          const strength = result.score / top;
          const known = found.get(result.id);
          if (!known || known.strength < strength) found.set(result.id, { result, strength });
        }
      }));
      return found;
    }));
    // A term found on few pages says more than one found on most (inverse document frequency).
    const rarity = searches.map((found) => Math.log(1 + words.pageCount / Math.max(1, found.size)));
    terms.forEach((term, index) => {
      for (const [id, hit] of searches[index]) {
        const [path, title, description] = words.pages[id] || [];
        const page = pages.get(id) || { id, path, title, description, score: 0, held: 0, best: null, bestValue: -1 };
        const value = term.weight * rarity[index] * (MATCH_FLOOR + (1 - MATCH_FLOOR) * hit.strength);
        page.score += value;
        page.held += term.weight * rarity[index];
        if (value > page.bestValue) { page.best = hit.result; page.bestValue = value; }
        pages.set(id, page);
      }
    });
    const candidates = [...pages.values()];
    for (const page of candidates) {
      terms.forEach((term, index) => {
        const weight = term.weight * rarity[index];
        const explains = term.pages.includes(page.path);
        const inTitle = term.alts.some((alt) => mentions(page.title, alt));
        if (explains) page.score += EXPLAINING_PAGE_BONUS * weight;
        if (inTitle) page.score += TITLE_BONUS * weight;
        else if (term.alts.some((alt) => mentions(page.description, alt))) page.score += DESCRIPTION_BONUS * weight;
        if (explains || inTitle) page.held += weight; // a page about the term holds it twice
      });
      if (page.path in words.listing && !named.has(words.listing[page.path])) page.score *= LISTING_FACTOR;
    }
    // A page must hold the query's weightier part: "量子纠缠计算机" is not answered by pages that only
    // say 计算 (a term no page holds weighs the most), and a question finds no page that only shares 大模型.
    const queryWeight = terms.reduce((sum, term, index) => sum + term.weight * rarity[index], 0);
    const ranked = candidates.filter((page) => page.held >= MIN_COVERAGE * queryWeight);
    ranked.sort((a, b) => b.score - a.score || String(a.path).localeCompare(String(b.path)));
    return { results: ranked, terms };
  }

  // "/site/theory/x/" -> "theory/x/" (the index's URLs are those of its own edition).
  function relativePath(url) {
    const path = new URL(url, location.href).pathname;
    return path.startsWith(siteRoot.pathname) ? decodeURI(path.slice(siteRoot.pathname.length)) : path;
  }

  /* ---- Showing results ------------------------------------------------------------------------ */

  function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  // Shown in the edition's script; spaces the index needs next to Chinese punctuation removed.
  function display(text) {
    let shown = text.replace(/\u200b/g, "")
      .replace(/\s+(?=[\u3000-\u303f\uff00-\uffef])/g, "")
      .replace(/(?<=[\u3000-\u303f\uff00-\uffef])\s+/g, "");
    if (searchWords && searchWords.convert) shown = convertText(shown, searchWords.convert.s2tPhrases, searchWords.convert.s2t);
    return shown;
  }

  // A result URL in the reader's edition: the 繁體 edition shows the 简体 index's pages at its own address.
  function editionUrl(url) {
    if (edition !== "zh-Hant") return url;
    const target = new URL(url, location.href);
    return new URL(relativePath(target.pathname) + target.hash, editionRoot).href;
  }

  function link(url, title, excerpt, level) {
    const anchor = document.createElement("a");
    anchor.href = editionUrl(url);
    anchor.className = "md-search-result__link";
    anchor.innerHTML =
      '<article class="md-search-result__article md-typeset">' +
      (level === 1 ? '<div class="md-search-result__icon md-icon"></div>' : "") +
      `<h${level}>${display(escapeHtml(title))}</h${level}>` +
      (excerpt ? `<p>${display(excerpt)}</p>` : "") +
      "</article>";
    return anchor;
  }

  // The sections (h2, h3) that hold the match, best first: a sub-result's weight is its matched words'.
  function bestSections(data) {
    return (data.sub_results || [])
      .filter((sub) => sub.url !== data.url && sub.excerpt)
      .map((sub) => ({ sub, weight: (sub.weighted_locations || []).reduce((sum, location) => sum + location.balanced_score, 0) }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 2)
      .map(({ sub }) => sub);
  }

  async function item(page) {
    const data = await page.best.data(); // only the results shown load their data (one small file each)
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    // The page's one-sentence description says what it is; the sections below show where the words are.
    const excerpt = data.meta.description ? escapeHtml(data.meta.description) : readable(data.excerpt);
    li.append(link(data.url, data.meta.title || data.url, excerpt, 1));
    for (const sub of bestSections(data)) li.append(link(sub.url, sub.title, readable(withoutHeading(sub.excerpt, sub.title)), 2));
    return li;
  }

  // An excerpt cut from a table ("Llama 2 7B. 7B. 4,096. 2T.") reads as noise: none is better.
  function readable(excerpt) {
    const cells = excerpt.replace(/<[^>]*>/g, "").split(/[.。]\s+/).filter((cell) => cell.trim());
    const short = cells.filter((cell) => cell.trim().length < 12).length;
    return cells.length >= 4 && short * 2 >= cells.length ? "" : excerpt;
  }

  // Pagefind's section excerpts begin with (the end of) the heading, shown just above: drop it.
  function withoutHeading(excerpt, title) {
    const plain = excerpt.replace(/<[^>]*>/g, "");
    let repeated = 0;
    for (let length = Math.min(title.length, plain.length); length >= 2; length--) {
      if (plain.startsWith(title.slice(-length)) && /^[.\s]/.test(plain.slice(length) || " ")) { repeated = length; break; }
    }
    if (!repeated) return excerpt;
    // Skip that many characters of text (tags do not count), then the ". " after them.
    let index = 0, seen = 0;
    while (index < excerpt.length && seen < repeated) {
      if (excerpt[index] === "<") index = excerpt.indexOf(">", index) + 1;
      else { index++; seen++; }
    }
    const rest = excerpt.slice(index).replace(/^(<\/mark>)?[.\s]+/, (_, close) => close || "");
    return rest.replace(/<[^>]*>/g, "").trim() ? rest : "";
  }

  // Nothing found: say so, and offer the closest glossary terms and the parts of the site.
  function nothingFound(query, words) {
    const text = normalize(words.convert ? convertText(query, words.convert.t2sPhrases, words.convert.t2s) : query);
    const closest = words.terms
      .map((term) => ({ term, score: Math.max(...term.names.map((name) => nearness(text, name, words))) }))
      .filter(({ score }) => score >= MIN_SIMILARITY)
      .sort((a, b) => b.score - a.score || a.term.label.length - b.term.label.length || a.term.label.localeCompare(b.term.label))
      .slice(0, 5);
    const li = document.createElement("li");
    li.className = "md-search-result__item kb-search__nothing";
    const block = document.createElement("div");
    block.className = "md-search-result__article md-typeset";
    const parts = (heading, links) => {
      if (!links.length) return;
      const p = document.createElement("p");
      p.textContent = heading;
      const ul = document.createElement("ul");
      for (const { title, url } of links) {
        const entry = document.createElement("li");
        const anchor = document.createElement("a");
        anchor.href = new URL(url, editionRoot).href;
        anchor.textContent = display(title);
        entry.append(anchor);
        ul.append(entry);
      }
      block.append(p, ul);
    };
    parts(labels.search_suggest, closest.map(({ term }) => ({ title: term.label, url: term.glossary })));
    parts(labels.search_browse, words.parts);
    li.append(block);
    return li;
  }

  function bigrams(text) {
    const compact = text.replace(/\s+/g, "");
    if (compact.length < 2) return compact ? [compact] : [];
    const out = [];
    for (let i = 0; i < compact.length - 1; i++) out.push(compact.slice(i, i + 2));
    return out;
  }

  // How near a glossary name is to a query: Chinese by character pairs; English word by word, so that
  // a misspelt word finds its term (halucination) but shared letters alone do not (quantum, quantization).
  function nearness(query, name, words) {
    if (HAN_RE.test(query)) return similarity(new Set(bigrams(query)), new Set(bigrams(name)));
    const stop = new Set(words.stop);
    const queryWords = query.split(/[^a-z0-9]+/).filter((word) => word.length > 2 && !stop.has(word));
    const nameWords = name.split(/[^a-z0-9]+/).filter(Boolean);
    if (!queryWords.length || !nameWords.length) return 0;
    const best = queryWords.map((word) => Math.max(...nameWords.map((other) => similarity(new Set(bigrams(word)), new Set(bigrams(other))))));
    const score = best.reduce((sum, value) => sum + value, 0) / best.length;
    return score >= MIN_WORD_SIMILARITY ? score : 0;
  }

  // Dice's coefficient of two sets of character pairs: 量子纠缠注意力 is near 自注意力, halucination near hallucination.
  function similarity(wanted, grams) {
    if (!wanted.size || !grams.size) return 0;
    let shared = 0;
    for (const gram of grams) if (wanted.has(gram)) shared++;
    return (2 * shared) / (wanted.size + grams.size);
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++generation;
    if (location.protocol === "file:") {
      // Browsers refuse to load Pagefind's module and index from disk (`llmkb archive`).
      meta.textContent = labels.search_offline;
      list.dataset.query = query;
      return;
    }
    if (!query) {
      list.replaceChildren();
      meta.textContent = labels.search_prompt;
      list.dataset.query = "";
      return;
    }
    const { words } = await load();
    const filters = section === "all" ? {} : { section };
    const { results } = await rank(query, filters);
    if (mine !== generation) return;
    const items = await Promise.all(results.slice(0, SHOWN).map(item));
    if (mine !== generation) return;
    if (results.length) {
      meta.textContent = labels.search_found.replace("#", results.length);
      list.replaceChildren(...items);
    } else {
      meta.textContent = labels.search_none;
      list.replaceChildren(nothingFound(query, words));
    }
    list.dataset.query = query; // lets tests know the list shows this query's results
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  function open() {
    toggle.checked = true;
    input.focus();
    load();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  for (const name of SECTIONS) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kb-search__filter";
    button.textContent = labels["search_" + name] || labels["section_" + name];
    button.setAttribute("aria-pressed", String(name === section));
    button.addEventListener("click", () => {
      section = name;
      for (const other of filterBar.children) other.setAttribute("aria-pressed", String(other === button));
      run();
      input.focus();
    });
    filterBar.append(button);
  }

  input.addEventListener("input", schedule);
  input.addEventListener("focus", () => { toggle.checked = true; load(); });
  box.querySelector(".kb-search__reset").addEventListener("click", () => { input.value = ""; run(); input.focus(); });
  toggle.addEventListener("change", () => { if (toggle.checked) { input.focus(); load(); } });

  // How a query is read and ranked, for tests and for tuning (`llmkb search-benchmark --explain`).
  window.kbSearch = {
    async read(query) {
      const { words } = await load();
      return readQuery(query, words).terms.map((term) => ({ alts: term.alts, weight: term.weight, queries: term.alts.map((alt) => pagefindQuery(alt, words)) }));
    },
    async rank(query) {
      const { results } = await rank(query, {});
      return results.slice(0, SHOWN).map((page) => ({ path: page.path, score: Math.round(page.score * 100) / 100 }));
    },
  };

  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (toggle.checked) {
      const links = [...list.querySelectorAll("a")];
      const index = links.indexOf(document.activeElement);
      if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(index + 1, links.length - 1)].focus(); }
      else if (event.key === "ArrowUp" && links.length) {
        event.preventDefault();
        if (index <= 0) input.focus(); else links[index - 1].focus();
      }
      return;
    }
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "S")) {
      event.preventDefault();
      event.stopImmediatePropagation();
      open();
    }
  }, true);
})();
