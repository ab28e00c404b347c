/* The question bank (reference/question-bank.md): filters, a practice draw of 10 questions, and progress.
 *
 * The page already lists every question and answer (written by the kb:question-bank marker,
 * llmkb/render/questions.py); this script only shows the controls, hides what the filters leave out,
 * and keeps the ids of the questions the reader marked as known in localStorage, in this browser only.
 * Every word it shows comes from the bank's data-kb-labels (bank_* in data/labels.yaml).
 * No libraries, no network. */
(function () {
  "use strict";

  const STORAGE_KEY = "kb-known-questions";
  const DRAW_SIZE = 10;

  function readWords(root) {
    try {
      return JSON.parse(root.dataset.kbLabels || "{}");
    } catch (error) {
      return {};
    }
  }

  function format(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
  }

  /* ---- progress: a set of question ids; storage may be unavailable (private mode, file:// in some browsers) ---- */

  function loadKnown() {
    try {
      const ids = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
      return new Set(Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : []);
    } catch (error) {
      return new Set();
    }
  }

  function saveKnown(known) {
    try {
      if (known.size) window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...known].sort()));
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* progress then lasts until the page is left */
    }
  }

  function shuffled(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  function mount(root) {
    const words = readWords(root);
    const form = root.querySelector(".kb-bank__controls");
    const status = root.querySelector(".kb-bank__status");
    const practice = root.querySelector(".kb-bank__practice");
    const items = [...root.querySelectorAll(".kb-bank__part .kb-bank__item")];
    const drawButton = form.querySelector('[data-action="draw"]');
    const allButton = form.querySelector('[data-action="all"]');
    let known = loadKnown();
    let drawn = null; // the practice set (clones of the drawn items), or null when the whole list is shown

    function matches(item) {
      const part = form.elements.part.value;
      const tag = form.elements.tag.value;
      const difficulty = form.elements.difficulty.value;
      if (part && item.dataset.part !== part) return false;
      if (tag && !item.dataset.tags.split("|").includes(tag)) return false;
      if (difficulty && item.dataset.difficulty !== difficulty) return false;
      if (form.elements["hide-known"].checked && known.has(item.dataset.id)) return false;
      return true;
    }

    function syncBoxes() {
      for (const box of root.querySelectorAll(".kb-bank__known input")) box.checked = known.has(box.value);
      for (const item of root.querySelectorAll(".kb-bank__item")) item.classList.toggle("kb-bank__item--known", known.has(item.dataset.id));
    }

    function showList() {
      let shown = 0;
      for (const item of items) {
        const visible = matches(item);
        item.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const group of root.querySelectorAll(".kb-bank__page, .kb-bank__part")) {
        group.hidden = !group.querySelector(".kb-bank__item:not([hidden])");
      }
      status.textContent = format(words.bank_count, { shown, total: items.length, known: known.size });
    }

    function showPractice() {
      const pool = items.filter(matches);
      drawn = shuffled(pool).slice(0, DRAW_SIZE).map((item) => {
        const copy = item.cloneNode(true);
        copy.hidden = false;
        for (const element of copy.querySelectorAll("[id]")) element.removeAttribute("id");
        copy.querySelector("details").open = false;
        return copy;
      });
      practice.replaceChildren(...drawn);
      practice.hidden = false;
      for (const part of root.querySelectorAll(".kb-bank__part")) part.hidden = true;
      allButton.hidden = false;
      drawButton.textContent = words.bank_practice;
      status.textContent = format(words.bank_practice_count, { shown: drawn.length, pool: pool.length });
      syncBoxes();
      const first = practice.querySelector("summary");
      if (first) first.focus();
    }

    function leavePractice() {
      drawn = null;
      practice.replaceChildren();
      practice.hidden = true;
      allButton.hidden = true;
      showList();
    }

    form.addEventListener("change", () => (drawn ? showPractice() : showList()));
    form.addEventListener("submit", (event) => event.preventDefault());
    drawButton.addEventListener("click", showPractice);
    allButton.addEventListener("click", leavePractice);
    form.querySelector('[data-action="reset"]').addEventListener("click", () => {
      known = new Set();
      saveKnown(known);
      syncBoxes();
      if (drawn) leavePractice();
      else showList();
      status.textContent += " " + (words.bank_reset_done || "");
    });
    root.addEventListener("change", (event) => {
      const box = event.target.closest(".kb-bank__known input");
      if (!box) return;
      if (box.checked) known.add(box.value);
      else known.delete(box.value);
      saveKnown(known);
      syncBoxes();
      if (!drawn) showList();
    });
    // Another tab changed the progress: show it here too.
    window.addEventListener("storage", (event) => {
      if (event.key !== STORAGE_KEY && event.key !== null) return;
      known = loadKnown();
      syncBoxes();
      if (!drawn) showList();
    });

    for (const box of root.querySelectorAll(".kb-bank__known")) box.hidden = false;
    form.hidden = false;
    syncBoxes();
    showList();
  }

  function start() {
    for (const root of document.querySelectorAll(".kb-bank:not([data-kb-mounted])")) {
      root.dataset.kbMounted = "true";
      mount(root);
    }
  }

  // Material's instant navigation replaces the page without reloading scripts.
  // In a task of its own, not inside Material's set-up: a slow phone stays responsive in between.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => setTimeout(start));
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
