// Copy buttons for the cite box (works without them too: the text is selectable), and a "Copy
// LaTeX" button on an entry's formulas (copying the MathML itself would give Unicode, not TeX).
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.clipboard) return;
  function copyButton(label, className, text) {
    var b = document.createElement("button");
    b.className = "btn btn-sm mc-copy " + className;
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(function () { b.textContent = "Copied"; });
    });
    return b;
  }
  // formula and button side by side in one row, never on top of each other: the formula's box takes
  // the room the button leaves and scrolls sideways when the formula is wider (mc.css)
  document.querySelectorAll("div.math[data-latex]").forEach(function (el) {
    var row = document.createElement("div");
    row.className = "mc-formula";
    el.parentNode.insertBefore(row, el);
    row.appendChild(el);
    row.appendChild(copyButton("Copy LaTeX", "mc-copy-latex", function () { return el.getAttribute("data-latex"); }));
  });
  document.querySelectorAll(".mc-cite pre, .mc-cite .mc-cite-text").forEach(function (el) {
    el.parentNode.insertBefore(copyButton("Copy", "", function () { return el.innerText.trim(); }), el);
  });
});
