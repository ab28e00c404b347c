// Each abbreviation's definition is written once per page (llmkb/render/glossary.py keeps it on the
// first occurrence only, to keep pages small). This copies it to the later occurrences before
// Material sets up its tooltips (on DOMContentLoaded), so every occurrence shows it.
(function () {
  var definitions = {};
  document.querySelectorAll("abbr[title]").forEach(function (abbr) {
    definitions[abbr.textContent] = definitions[abbr.textContent] || abbr.title;
  });
  document.querySelectorAll("abbr[data-kb-abbr]").forEach(function (abbr) {
    if (definitions[abbr.textContent]) abbr.title = definitions[abbr.textContent];
  });
})();
