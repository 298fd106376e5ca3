"""Static checks of a record's LaTeX: balanced delimiters and the symbols it shows.

The LaTeX is never parsed into a test; it is only read for its letters, so that every symbol a
reader sees is one the checker receives (or is declared in ``symbols`` with its meaning).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .model import GREEK

# Commands whose braced argument is words, not symbols: \operatorname{tr}, \mathrm{d}, \text{if}
_WORDS = re.compile(r"\\(?:operatorname\*?|mathrm|text|textrm|textit|mathop|mathbb|begin|end)\s*\{[^{}]*\}")
# Decorated symbols are one token each: \mathbf{x}, \hat{y}, \bar{x}
_DECORATED = r"\\(?:mathbf|boldsymbol|bm|hat|bar|tilde|vec|mathcal|widehat|widetilde|dot)\s*\{[^{}]*\}"
_TOKEN = re.compile(
    r"(?P<dec>" + _DECORATED + r")"
    r"|(?P<cmd>\\[A-Za-z]+)"
    r"|(?P<esc>\\.)"
    r"|(?P<sym>[A-Za-z](?:_(?:\{\d+\}|\d))?)"
)


_SPACE = re.compile(r"\s+")
_BRACED_INDEX = re.compile(r"_\{(\d+)\}")


def _normal(token: str) -> str:
    if "_{" not in token and not _SPACE.search(token):
        return token  # most tokens: a letter
    return _BRACED_INDEX.sub(r"_\1", _SPACE.sub("", token))


# ^H and ^{H} are the conjugate transpose, an operator like ^{\top}, not a letter
_CONJUGATE_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*H\s*\}|H\b|H(?=[^A-Za-z]))")


# the F of a Frobenius norm, ‖A‖_F, marks the norm: it is not a letter of the formula
_FROBENIUS = re.compile(r"(\\rVert|\\\||\\Vert|\\right\\\||\\right\\rVert)\s*_\s*(?:\{\s*F\s*\}|F\b|F(?=[^A-Za-z]))")


def symbols_in(text: str) -> list[str]:
    """The symbols a reader sees, in order of first appearance: letters, Greek letters, decorated letters."""
    text = _FROBENIUS.sub(r"\1", _CONJUGATE_TRANSPOSE.sub(" ", _WORDS.sub(" ", text)))
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        if m.group("dec"):
            tok = _normal(m.group("dec"))
        elif m.group("cmd"):
            name = m.group("cmd")[1:]
            if name not in GREEK:
                continue
            tok = m.group("cmd")
        elif m.group("sym"):
            tok = _normal(m.group("sym"))
        else:
            continue
        if tok not in out:
            out.append(tok)
    return out


def latex_problems(text: str) -> list[tuple[str, str]]:
    """(code, message) for each delimiter fault in ``text``."""
    out = []
    depth = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                out.append(("MC015", f"unbalanced braces: '}}' without '{{' at character {i}"))
                return out
        i += 1
    if depth:
        out.append(("MC015", f"unbalanced braces: {depth} '{{' never closed"))
    lefts = len(re.findall(r"\\left(?![a-zA-Z])", text))
    rights = len(re.findall(r"\\right(?![a-zA-Z])", text))
    if lefts != rights:
        out.append(("MC015", f"{lefts} \\left against {rights} \\right"))
    stack = []
    for m in re.finditer(r"\\(begin|end)\s*\{([^{}]*)\}", text):
        if m.group(1) == "begin":
            stack.append(m.group(2))
        elif not stack or stack.pop() != m.group(2):
            out.append(("MC015", f"\\end{{{m.group(2)}}} does not close the open environment"))
            return out
    if stack:
        out.append(("MC015", f"\\begin{{{stack[-1]}}} is never closed"))
    if "$" in text:
        out.append(("MC015", "drop the '$': the LaTeX is already displayed as math"))
    return out


def node_modules() -> Path:
    """Where Temml and the math font are installed (the site renders LaTeX with them, and the audit
    checks that it can): $MC_NODE_MODULES, else the node_modules of the current directory, else of
    the checkout this package lives in."""
    if os.environ.get("MC_NODE_MODULES"):
        return Path(os.environ["MC_NODE_MODULES"])
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        if (base / "node_modules" / "temml").exists():
            return base / "node_modules"
    return Path.cwd() / "node_modules"
