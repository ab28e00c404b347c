// A figure link opens the figure full size in a lightbox instead of leaving the page (hooks/figures.py
// marks the links). On a phone the figure in the text is an overview; here it has its drawn size and
// scrolls, so its text is as large as the drawing intends. Escape, the close button or a tap outside
// the figure closes it, and focus returns to the link. Without JavaScript the link opens the SVG file.
(function () {
  var dialog = null;
  var labels = JSON.parse((document.getElementById("kb-ui-labels") || {}).textContent || "{}");

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "kb-lightbox";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "kb-lightbox__close";
    close.textContent = "×";
    close.setAttribute("aria-label", labels.ui_figure_close || "×");
    close.addEventListener("click", function () { dialog.close(); });
    var frame = document.createElement("div");
    frame.className = "kb-lightbox__frame";
    dialog.append(close, frame);
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    document.body.append(dialog);
  }

  function open(link) {
    if (!dialog) build();
    var frame = dialog.querySelector(".kb-lightbox__frame");
    var shown = Array.prototype.find.call(link.querySelectorAll("img"), function (img) { return img.offsetParent !== null; }) || link.querySelector("img");
    var img = document.createElement("img");
    img.src = shown.currentSrc || shown.src;
    img.alt = shown.alt;
    // Full size, and larger on a wide screen: the natural width, up to 1.6 times it within the window.
    img.addEventListener("load", function () {
      var natural = img.naturalWidth;
      img.style.width = Math.max(natural, Math.min(window.innerWidth - 32, natural * 1.6)) + "px";
    });
    frame.replaceChildren(img);
    dialog.setAttribute("aria-label", shown.alt);
    dialog.addEventListener("close", function () { link.focus(); }, { once: true });
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.kb-figure");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(link);
  });
})();
