// Copy buttons for the cite box (works without them too: the text is selectable), and a "Copy
// LaTeX" button on an entry's formulas (copying the MathML itself would give Unicode, not TeX).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.math[data-latex]").forEach(function (el) {
    if (!navigator.clipboard) return;
    var b = document.createElement("button");
    b.className = "btn btn-sm mc-copy mc-copy-latex";
    b.type = "button";
    b.textContent = "Copy LaTeX";
    b.title = "Copy this formula's LaTeX";
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(el.getAttribute("data-latex")).then(function () { b.textContent = "Copied"; });
    });
    el.parentNode.insertBefore(b, el);
  });
  document.querySelectorAll(".mc-cite pre, .mc-cite .mc-cite-text").forEach(function (el) {
    if (!navigator.clipboard) return;
    var b = document.createElement("button");
    b.className = "btn btn-sm mc-copy";
    b.type = "button";
    b.textContent = "Copy";
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(el.innerText.trim()).then(function () { b.textContent = "Copied"; });
    });
    el.parentNode.insertBefore(b, el);
  });
});
