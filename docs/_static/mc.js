// Copy buttons for the cite box (works without them too: the text is selectable), and a "Copy
// LaTeX" button on an entry's formulas (copying the MathML itself would give Unicode, not TeX).
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.clipboard) return;
  function addCopyButton(el, label, className, text) {
    var b = document.createElement("button");
    b.className = "btn btn-sm mc-copy " + className;
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(function () { b.textContent = "Copied"; });
    });
    el.parentNode.insertBefore(b, el);
  }
  document.querySelectorAll("div.math[data-latex]").forEach(function (el) {
    addCopyButton(el, "Copy LaTeX", "mc-copy-latex", function () { return el.getAttribute("data-latex"); });
  });
  document.querySelectorAll(".mc-cite pre, .mc-cite .mc-cite-text").forEach(function (el) {
    addCopyButton(el, "Copy", "", function () { return el.innerText.trim(); });
  });
});
