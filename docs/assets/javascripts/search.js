/* Search UI on top of Pagefind's JavaScript API, inside Material's header search box.
 * Opens with the header button, "/" or "s"; Esc closes; arrow keys move through results. */
(function () {
  "use strict";
  const box = document.querySelector(".kb-search");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector(".kb-search__input");
  const list = box.querySelector(".kb-search__list");
  const meta = box.querySelector(".kb-search__meta");
  const filterBar = box.querySelector(".kb-search__filters");
  // One Pagefind bundle at the site root serves every edition; it picks the index by <html lang>.
  const siteRoot = new URL(box.dataset.kbSearchBase + "/", location.href);
  // Strings in the edition's language, from data/labels.yaml (hooks/editions.py).
  const labels = JSON.parse(box.dataset.kbLabels);
  const SECTIONS = ["all", "theory", "practice", "applications", "reference"];
  // Pagefind's Chinese dictionary is Simplified: Traditional text is indexed character by
  // character, so Traditional queries are cut into characters too.
  const perCharacter = document.documentElement.lang === "zh-TW";
  let pagefind = null;
  let section = "all";
  let generation = 0;

  async function engine() {
    if (location.protocol === "file:") return null;
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      // Long pages are penalised less than Pagefind's default (1.0): on this site the long pages are
      // the thorough ones. Measured with tests/search_queries.yaml (`llmkb search-benchmark`).
      await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 40, ranking: { pageLength: 0.25 } });
      pagefind.init();
    }
    return pagefind;
  }

  function open() {
    toggle.checked = true;
    input.focus();
    engine();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function item(url, title, excerpt, level) {
    const link = document.createElement("a");
    link.href = url;
    link.className = "md-search-result__link";
    link.innerHTML =
      '<article class="md-search-result__article md-typeset">' +
      (level === 1 ? '<div class="md-search-result__icon md-icon"></div>' : "") +
      `<h${level}>${escapeHtml(title)}</h${level}>` +
      (excerpt ? `<p>${excerpt}</p>` : "") +
      "</article>";
    return link;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++generation;
    if (location.protocol === "file:") {
      // Browsers refuse to load Pagefind's module and index from disk (`llmkb archive`).
      meta.textContent = "直接打开本地文件时无法搜索：请在解压出的文件夹中运行 python3 -m http.server，再用浏览器访问 http://localhost:8000/";
      list.dataset.query = query;
      return;
    }
    if (!query) {
      list.replaceChildren();
      meta.textContent = labels.search_prompt;
      list.dataset.query = "";
      return;
    }
    const pf = await engine();
    const filters = section === "all" ? {} : { section };
    const terms = perCharacter ? query.replace(/[\u3400-\u9fff]/g, " $& ").trim() : query;
    const search = await pf.debouncedSearch(terms, { filters }, 150);
    if (search === null || mine !== generation) return;
    const results = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
    if (mine !== generation) return;
    meta.textContent = results.length ? labels.search_found.replace("#", search.results.length) : labels.search_none;
    const words = query.toLowerCase().split(/\s+/);
    list.replaceChildren(
      ...results.map((data) => {
        const li = document.createElement("li");
        li.className = "md-search-result__item";
        const title = data.meta.title || data.url;
        // A match in the title says little about the page: show its one-sentence description instead.
        const inTitle = words.every((word) => title.toLowerCase().includes(word));
        // The hidden alias block (names cut for search, joined with "·") is no excerpt for a reader.
        const fromAliases = data.excerpt.includes("·");
        const excerpt = (inTitle || fromAliases) && data.meta.description ? escapeHtml(data.meta.description) : data.excerpt;
        li.append(item(data.url, title, excerpt, 1));
        for (const sub of (data.sub_results || []).filter((s) => s.url !== data.url).slice(0, 3)) {
          li.append(item(sub.url, sub.title, sub.excerpt, 2));
        }
        return li;
      })
    );
    list.dataset.query = query;  // lets tests know the list shows this query's results
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

  input.addEventListener("input", run);
  input.addEventListener("focus", () => { toggle.checked = true; engine(); });
  box.querySelector(".kb-search__reset").addEventListener("click", () => { input.value = ""; run(); input.focus(); });
  toggle.addEventListener("change", () => { if (toggle.checked) { input.focus(); engine(); } });

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
