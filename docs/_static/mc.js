// Copy buttons for the cite box (works without them too: the text is selectable).
document.addEventListener("DOMContentLoaded", function () {
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
