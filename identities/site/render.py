"""Records → docutils nodes. Never re-derives mathematics; never formats HTML from record text.

All record text goes into ``nodes.Text`` (escaped by the writer) and all LaTeX into math nodes
(rendered to MathML by Temml, which escapes text and runs with ``trust`` off), so nothing a record holds
can inject markup or script into the site.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from identities import assumptions as vocab
from identities.bibliography import SOURCES
from identities.model import KINDS, Derivative
from identities.verify import PERTURBATION

KIND_WORDS = {k: c.words for k, c in KINDS.items()}


# --------------------------------------------------------------------------------------------
# Source of a record, as the page shows it


@functools.lru_cache(maxsize=None)
def _file_sources(path: str) -> dict:
    """id -> the source text of the call that builds that record, for every record in a file."""
    text = Path(path).read_text()
    lines = text.splitlines(keepends=True)
    out = {}
    kinds = {c.__name__ for c in KINDS.values()}
    tree = ast.parse(text)
    # records are statements of the module (walking every node of every file cost a third of a second
    # per build); a module with other statements (a loop, a list of records) is walked whole
    top = [s.value for s in tree.body if isinstance(s, (ast.Expr, ast.Assign))]
    nested = any(not isinstance(s, (ast.Expr, ast.Import, ast.ImportFrom, ast.FunctionDef, ast.Assign))
                 for s in tree.body)
    for node in (ast.walk(tree) if nested else top):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in kinds:
            for kw in node.keywords:
                if kw.arg == "id" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    # ast's column offsets count UTF-8 bytes
                    seg = [ln.encode() for ln in lines[node.lineno - 1:node.end_lineno]]
                    seg[-1] = seg[-1][:node.end_col_offset]
                    seg[0] = seg[0][node.col_offset:]
                    out.setdefault(kw.value.value, b"".join(seg).decode())
    return out


@functools.lru_cache(maxsize=None)
def _file_lines(path: str) -> list:
    return Path(path).read_bytes().splitlines(keepends=True)


# one pattern for every record: a pattern per id would be compiled again for most records (re
# keeps 512, the catalogue has more)
_ID_ARGUMENT = re.compile(r"""\bid\s*=\s*(['"])(.*?)\1""")


def record_source(record) -> str:
    """The record's own source text: the call that builds it, as written. Where the interpreter
    gave the call's span (model._call_span) that is a slice of the file; otherwise (a record made
    by a helper, say) the file is parsed for a call with this id."""
    try:
        if record.span is not None:
            line, end, col, end_col = record.span
            seg = _file_lines(record.file)[line - 1:end]
            if seg:
                seg[-1] = seg[-1][:end_col]
                seg[0] = seg[0][col:]
                text = b"".join(seg).decode()
                if any(m.group(2) == record.id for m in _ID_ARGUMENT.finditer(text)):
                    return text
        return _file_sources(record.file).get(record.id, "")
    except (OSError, SyntaxError, UnicodeDecodeError):
        return ""


# what the sympy cross-check does not read: editing these leaves its outcome alone
WORDS_ONLY = frozenset({"title", "latex", "references", "aliases", "notes", "sketch", "symbols", "differential",
                        "also", "derivation",
                        "conditions", "related", "history", "withdrawn", "errata", "other_layout"})


def checked_source(record) -> str:
    """The record's source without its words-only fields, normalised: a key for results computed
    from what the record claims (a new alias must not redo them)."""
    try:
        call = ast.parse(record_source(record)).body[0].value
    except (SyntaxError, IndexError, AttributeError):
        return record_source(record)
    call.keywords = [kw for kw in call.keywords if kw.arg not in WORDS_ONLY]
    return ast.unparse(call)


def digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Small node builders


def para(*children, classes=()):
    p = nodes.paragraph()
    p["classes"] += list(classes)
    for c in children:
        p += nodes.Text(c) if isinstance(c, str) else c
    return p


def strong(text):
    return nodes.strong(text, text)


def math_inline(latex: str):
    return nodes.math(latex, latex)


def math_block(latex: str, docname: str, classes=(), copy: str | None = None):
    """Display math; copy is the LaTeX a "Copy LaTeX" button on it copies (the record's own)."""
    n = nodes.math_block(latex, latex, docname=docname, nowrap=False, number=None, label=None)
    n["classes"] += list(classes)
    if copy is not None:
        n["copy_latex"] = copy
    return n


def section(title: str, ident: str, *children):
    s = nodes.section(ids=[ident])
    s += nodes.title(title, title)
    for c in children:
        s += c
    return s


def xref(entry_id: str, text: str | None = None):
    """A link to an entry, resolved by the domain (and broken links are build errors)."""
    ref = addnodes.pending_xref("", refdomain="mc", reftype="id", reftarget=entry_id, refexplicit=text is not None,
                                refwarn=True)
    ref += nodes.literal(entry_id, entry_id, classes=["mc-id"]) if text is None else nodes.Text(text)
    return ref


def bullet(items):
    bl = nodes.bullet_list()
    for it in items:
        li = nodes.list_item()
        li += it if isinstance(it, nodes.Node) else para(it)
        bl += li
    return bl


def table(headers, rows, classes=(), widths=None):
    t = nodes.table(classes=list(classes))
    g = nodes.tgroup(cols=len(headers))
    t += g
    for w in widths or [1] * len(headers):
        g += nodes.colspec(colwidth=w)
    th = nodes.thead()
    g += th
    r = nodes.row()
    for h in headers:
        e = nodes.entry()
        e += para(h)
        r += e
    th += r
    tb = nodes.tbody()
    g += tb
    for row in rows:
        r = nodes.row()
        for cell in row:
            e = nodes.entry()
            if isinstance(cell, (list, tuple)):
                e += para(*cell)
            elif isinstance(cell, nodes.Element) and not isinstance(cell, nodes.Inline):
                e += cell
            else:
                e += para(cell)
            r += e
        tb += r
    return t


# --------------------------------------------------------------------------------------------
# Text about a record


def other_layout_sentence(r, report) -> str | None:
    """Words for the other layout, where the record gives no formula for it; the shape of f's value
    comes from the verifier's report (the renderer evaluates nothing)."""
    if not isinstance(r, Derivative) or r.other_layout or report is None or report.out_ndim is None:
        return None
    in_ndim = len(r.variables[r.wrt].shape)
    other = "numerator" if r.layout == "denominator" else "denominator"
    if report.out_ndim + in_ndim == 0:
        return f"In {other} layout the result is the same (a scalar by a scalar)."
    if report.out_ndim + in_ndim == 1:
        return (f"In {other} layout the same derivative is the transpose of this result: a "
                f"{'row' if (other == 'numerator') == (report.out_ndim == 0) else 'column'} vector.")
    return f"In {other} layout the same derivative is the transpose of this result."


def layout_sentence(r) -> str | None:
    if not isinstance(r, Derivative):
        return None
    wrt = r.variables[r.wrt]
    if r.layout == "denominator":
        what = {"matrix": f"the result has the shape of {r.wrt}", "vector": f"the result is laid out like {r.wrt}",
                "scalar": "the result is laid out like f",
                "tensor": f"the result has the shape of {r.wrt}"}[wrt.kind]
    else:
        what = {"matrix": f"the result has the shape of {r.wrt}ᵀ", "vector": "rows follow the outputs of f, "
                f"columns follow {r.wrt} (the Jacobian)", "scalar": "the result is laid out like f",
                "tensor": f"the axes of f come first, then those of {r.wrt}"}[wrt.kind]
    return f"{r.layout.capitalize()} layout: {what}."


def display_latex(latex: str) -> str:
    r"""A statement that opens with definitions ("L = …, h = …:\quad claim") is shown on two lines,
    the definitions above the claim, rather than as one line wider than the page."""
    head, sep, claim = latex.partition(":\\quad")
    depth = 0
    for ch in head:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    if not sep or depth != 0 or head.count("\\left") != head.count("\\right") or "\\begin" in head:
        return latex
    return "\\begin{gathered}" + head.rstrip() + ": \\\\ " + claim.strip() + "\\end{gathered}"


def other_layout_latex(r) -> tuple[str, str] | None:
    """(layout name, LaTeX) of the same derivative in the other layout, where it differs."""
    if not isinstance(r, Derivative):
        return None
    other = "numerator" if r.layout == "denominator" else "denominator"
    if r.other_layout:
        latex = r.other_layout[0]
        # definitions the statement already gave ("L = …, h = …:\quad") are not repeated
        head, sep, _ = r.latex.partition(":\\quad")
        if sep and latex.startswith(head + sep):
            latex = latex[len(head + sep):].lstrip()
        return other, latex
    return None


def assumption_sentences(r) -> list[str]:
    out = []
    for name, word in r.assumption_words():
        v = r.variables[name]
        out.append(vocab.VOCABULARY[word].sentence.format(v=_plain(v.tex_for(name))))
    if r.conditions:
        out.append(r.conditions)
    return out


def _plain(tex: str) -> str:
    greek = {"\\Sigma": "Σ", "\\mu": "μ", "\\Lambda": "Λ", "\\lambda": "λ", "\\alpha": "α", "\\beta": "β",
             "\\gamma": "γ", "\\theta": "θ", "\\sigma": "σ", "\\epsilon": "ε", "\\varepsilon": "ε", "\\tau": "τ",
             "\\Omega": "Ω", "\\omega": "ω", "\\phi": "φ", "\\Phi": "Φ", "\\Psi": "Ψ", "\\psi": "ψ", "\\eta": "η",
             "\\delta": "δ", "\\Delta": "Δ", "\\Gamma": "Γ", "\\rho": "ρ", "\\nu": "ν", "\\xi": "ξ", "\\kappa": "κ",
             "\\zeta": "ζ", "\\chi": "χ", "\\pi": "π", "\\Theta": "Θ"}
    out = tex.replace("\\mathbf{", "").replace("\\boldsymbol{", "").replace("\\hat{", "").replace("}", "")
    # longest first, so that \\Sigma is not read as \\S followed by "igma"; inside a subscript too (Σ_a)
    for name in sorted(greek, key=len, reverse=True):
        out = re.sub(re.escape(name) + r"(?![A-Za-z])", greek[name], out)
    return out.replace("{", "")


def reference_text(ref) -> str:
    src = SOURCES.get(ref.source)
    if src is None:
        return f"{ref.source}, {ref.locator}"
    return f"{src.authors}, {src.title} ({src.detail}, {src.year}), {ref.locator}."


def plain_citation(r, url: str, version: str) -> str:
    return (f"“{r.title}”, entry {r.id} of The Tested Matrix Calculus Cookbook, version {version}. {url}")


def bibtex(r, url: str, version: str, year: str) -> str:
    title = r.title.replace("{", "").replace("}", "")
    return (f"@misc{{tmcc:{r.id},\n"
            f"  title        = {{{{{title}}}}},\n"
            f"  howpublished = {{The Tested Matrix Calculus Cookbook, entry {r.id}}},\n"
            f"  year         = {{{year}}},\n"
            f"  note         = {{Version {version}; verified numerically}},\n"
            f"  url          = {{{url}}}\n"
            f"}}")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(x: float) -> str:
    """1e-3 as 10⁻³, 2e-3 as 2 × 10⁻³: the verifier's constants as a page states them."""
    mantissa, exponent = f"{x:.0e}".split("e")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return power if mantissa == "1" else f"{mantissa} × {power}"


def verification_paragraph(r, report) -> nodes.Node:
    sizes = "; ".join(sorted({i.sizes for i in report.instances}))
    what = r.how_checked()
    restricted = r.restricted_words()
    if restricted:
        what += f" ({restricted})"
    rejected = [n for n, v in report.mutations.items() if v == "rejected"]
    words = {"transpose": "its transpose", "double": "twice the answer", "negate": "its negative",
             "perturb": f"a {power_of_ten(PERTURBATION)} relative perturbation",
             "coefficient": f"a term of the next lower order, {power_of_ten(PERTURBATION)} of the value, added",
             "tighten": f"the bound made {power_of_ten(PERTURBATION)} tighter", "conjugate": "its complex conjugate"}
    out = nodes.container(classes=["mc-verified"])
    status = "Verified" if report.passed else "NOT VERIFIED"
    if report.timed_out:
        status = f"NOT VERIFIED (stopped at its time limit of {report.timed_out:g} s)"
    if r.kind == "expansion":
        margin = (f"The fitted order falls short of {r.order} by at most {report.max_raw:.2f}, against an allowance "
                  f"of {report.tolerance:g}.")
    else:
        margin = f"Largest scale-free discrepancy {report.max_raw:.1e} against a tolerance of {report.tolerance:.0e}."
    out += para(strong(f"{status}: "), f"{len(report.instances)} random instances (sizes {sizes}); {what}. " + margin)
    if rejected:
        out += para("The same check rejects wrong answers: " + ", ".join(words.get(n, n) for n in rejected) + ".")
    others = [f for f in report.formulas if f.role != "reaches-claim"]
    if others:
        steps = sum(f.role == "step" for f in others)
        kinds = []
        if any(f.role == "differential" for f in others):
            kinds.append("the differential form")
        n_also = sum(f.role == "also" for f in others)
        if n_also:
            kinds.append(f"{n_also} further formula{'s' if n_also > 1 else ''}")
        if steps:
            kinds.append(f"{steps} derivation steps")
        ok = all(f.ok for f in report.formulas)
        out += para(f"Every other formula on this page is checked on the same instances — "
                    + ", ".join(kinds) + ": each side against the others, with the true differentials "
                    "(central differences along random perturbations) where a side needs them"
                    + (", and the last derivation step against the claim" if steps else "")
                    + ("; each side doubled, negated or perturbed is rejected." if ok else
                       ". SOME OF THESE CHECKS FAIL."))
    return out


def held_constant(r, result) -> list[str]:
    """The variables a checked differential form holds fixed, as the verifier perturbed it."""
    if result is None or not result.perturbed:
        return []
    return [n for n in r.variables if n not in result.perturbed]


class weighted(nodes.General, nodes.Element):
    """Text the site search should rank above the rest of the page (pagefind's weights). With ``hidden``
    the text is for the search alone: readers never see it, and it is never a result's excerpt (the
    search page shows the entry's summary, ``meta``, instead)."""


def _weighted_tag(node):
    return "span" if node.children and isinstance(node.children[0], nodes.Inline) else "div"


def visit_weighted(self, node):
    attrs = f' data-pagefind-weight="{float(node["weight"]):.1f}"' if node.get("weight") is not None else ""
    if node.get("meta"):
        attrs += f' data-pagefind-meta="{node["meta"]}"'
    if node.get("hidden"):
        attrs += " hidden"
    self.body.append(f"<{_weighted_tag(node)}{attrs}>")


def depart_weighted(self, node):
    self.body.append(f"</{_weighted_tag(node)}>")


def weight(node, value: float):
    w = weighted(weight=value)
    w += node
    return w


def search_only(text: str, weight: float | None = None, meta: str | None = None):
    """Text in the page for the site search only (hidden): formula tokens, synonyms, a result's summary."""
    w = weighted(weight=weight, meta=meta, hidden=True)
    w += nodes.inline(text, text)
    return w


def equation_terms(r) -> list[tuple[float, str]]:
    """(pagefind weight, token) of the Cookbook equations an entry cites, as tokens that no other word
    begins (pagefind matches prefixes: a bare 57 would find 570L and eq. (570)). The equation of the
    entry's first reference, cited without a qualifying note, is what the entry states and weighs most."""
    out = {}
    for i, ref in enumerate(r.references):
        if ref.eq is not None and ref.source == "matrix-cookbook-2012":
            weight = 10.0 if i == 0 and not ref.note else 5.0
            out[ref.eq] = max(out.get(ref.eq, 0.0), weight)
    return [(w, equation_token(eq)) for eq, w in out.items()]


def equation_token(eq: int) -> str:
    return f"mceq{eq}e9"


# pagefind weights of an entry's formula tokens, by where the entry shows the formula (as the command
# line's search weighs them: identities.search.FORMULA_WEIGHT)
FORMULA_GROUPS = [(6.0, {"title", "statement", "alias"}), (3.0, {"other_layout", "differential", "also"}),
                  (1.0, {"step"})]


def formula_terms(r) -> list[tuple[float, str]]:
    """(pagefind weight, words) of an entry's formulas: each symbol and pair of symbols, encoded so that
    pagefind keeps their case (identities.search.encode), once, at the weight of where it counts most."""
    from identities.search import encode, entry_formulas, features

    seen, out = set(), []
    formulas = entry_formulas(r)
    for value, roles in FORMULA_GROUPS:
        terms = []
        for where, tokens in formulas:
            if where in roles:
                terms += [f for f in features(tokens) if f not in seen]
                seen.update(terms)
        if terms:
            out.append((value, " ".join(dict.fromkeys(encode(f) for f in terms))))
    return out


# LaTeX as plain text, for a page's description and a search result's summary
_PLAIN = {"\\top": "ᵀ", "\\partial": "∂", "\\otimes": "⊗", "\\circ": "∘", "\\odot": "⊙", "\\oslash": "⊘",
          "\\lVert": "‖", "\\rVert": "‖", "\\Vert": "‖", "\\|": "‖", "\\lvert": "|", "\\rvert": "|",
          "\\vert": "|", "\\sum": "Σ", "\\prod": "Π", "\\int": "∫", "\\nabla": "∇", "\\infty": "∞",
          "\\cdot": "·", "\\times": "×", "\\le": "≤", "\\leq": "≤", "\\ge": "≥", "\\geq": "≥",
          "\\neq": "≠", "\\approx": "≈", "\\Rightarrow": "⇒", "\\mid": "|", "\\ldots": "…", "\\cdots": "⋯",
          "\\dots": "…", "\\quad": "  ", "\\qquad": "  ", "\\,": " ", "\\;": " ", "\\ ": " ", "\\!": "",
          "\\{": "{", "\\}": "}", "\\dagger": "†", "\\ast": "*", "\\star": "⋆", "\\sqrt": "√"}
_SUPER = dict(zip("0123456789+-=()nkTpi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵏᵀᵖⁱ"))
_SUB = dict(zip("0123456789+-=()ijkmnpFx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ᵢⱼₖₘₙₚFₓ"))


def plain_latex(latex: str) -> str:
    """A formula as Unicode text, ∂/∂X tr(XA) = Aᵀ: for words about the page, never for the page itself
    (which shows the MathML)."""
    import re

    from identities.search import GREEK

    t = latex.replace("\\mathrm{d}", "d")
    t = re.sub(r"\\hat\s*\{([^{}]*)\}", "\\1\u0302", t)
    t = re.sub(r"\\(?:operatorname\*?|mathrm|mathbf|mathsf|mathit|boldsymbol|text|mathcal|tilde|bar)\s*"
               r"\{([^{}]*)\}", r"\1", t)
    t = re.sub(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|displaystyle)\b\.?", "", t)

    def command(m):
        name = m.group(0)
        if name in ("\\frac", "\\tfrac", "\\dfrac"):
            return "\\frac"
        if name in _PLAIN:
            return _PLAIN[name]
        if name[1:] in GREEK:
            return GREEK[name[1:]]
        return " " + name[1:] + "\x03"  # \log, \det, \exp: a word, spaced unless a bracket follows

    t = re.sub(r"\\[A-Za-z]+|\\.", command, t)
    t = re.sub(r"∂\s+", "∂", t)

    def script(m, table, mark):
        inner = m.group(1)[1:-1] if m.group(1).startswith("{") else m.group(1)
        inner = inner.replace(" ", "")
        if inner == "ᵀ":
            return "ᵀ"
        if all(c in table for c in inner):
            return "".join(table[c] for c in inner)
        return mark + (inner if len(inner) == 1 else "(" + inner + ")")  # marked: never read as a script again

    for _ in range(2):  # a script inside a script
        t = re.sub(r"\^(\{[^{}]*\}|[^{\s])", lambda m: script(m, _SUPER, "\x01"), t)
        t = re.sub(r"_(\{[^{}]*\}|[^{\s])", lambda m: script(m, _SUB, "\x02"), t)
    for _ in range(4):  # innermost first: a fraction of fractions
        t = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}",
                   lambda m: _wrap(m.group(1)) + "/" + _wrap(m.group(2)) + " ", t)
        t = re.sub(r"√\s*\{([^{}]*)\}", lambda m: "√" + _wrap(m.group(1), always=True), t)
    t = t.replace("{", "").replace("}", "").replace("&", " ").replace("\x01", "^").replace("\x02", "_")
    t = re.sub(r"\s+", " ", t.replace("\x03(", "(").replace("\x03", " "))
    return re.sub(r"\s+([),.;:ᵀ⁻²])|([(\[])\s+", r"\1\2", t).strip()


def _wrap(text: str, always: bool = False) -> str:
    text = text.strip()
    return f"({text})" if always or any(c in text for c in " +-−=") else text


def description(r) -> str:
    """An entry in a sentence or two: its title and its statement as text (the page's description)."""
    text = f"{r.title}: {plain_latex(r.latex)}."
    if not r.live:
        text = f"Withdrawn. {text}"
    return text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + "…"


def noindex(node):
    """Keep a part of a page out of the search index (code, boilerplate, lists of other entries)."""
    node["classes"].append("mc-noindex")
    return node


# Symbols and abbreviations in titles, and the words people type for them
_TITLE_WORDS = {
    "det": "determinant", "tr": "trace", "⁻¹": "inverse", "exp": "exponential", "log": "logarithm",
    "‖": "norm", "⊗": "Kronecker", "∘": "Hadamard element-wise", "vec": "vectorisation",
    "Σ": "covariance", "σ": "sigmoid", "softmax": "soft-max", "eig": "eigenvalue", "λ": "eigenvalue",
    "adj": "adjugate", "ᵀ": "transpose", "diag": "diagonal", "⁺": "pseudo-inverse",
}


def search_words(r, topic_title: str) -> str:
    """Words for the site search that the title spells with symbols or abbreviations."""
    import re

    words = [r.search_words]
    title = r.title
    tokens = set(re.findall(r"[A-Za-z]+", title.lower()))
    for key, word in _TITLE_WORDS.items():
        if (key in tokens) if key.isalpha() else (key in title):
            # the abbreviation itself too: in the title it is glued to its argument, vec(AXB)
            words.append(f"{key} {word}" if key.isalpha() else word)
    if getattr(r, "variables", None) and getattr(r, "wrt", None) in r.variables:
        v = r.variables[r.wrt] if isinstance(r.wrt, str) else None
        out = {"vector": "Jacobian"} if v is not None and v.kind == "vector" and r.kind == "derivative" else {}
        words += out.values()
    words += r.search_names()
    words.append(topic_title)
    for ref in r.references:
        if ref.eq is not None:
            words.append(f"Matrix Cookbook equation {ref.eq}")
    return "; ".join(dict.fromkeys(words))


def doc_link(target: str, text: str):
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=target, refexplicit=True,
                                refwarn=True)
    ref += nodes.inline(text, text)
    return ref


def xref_topic(slug: str, title: str):
    return doc_link(f"/topics/{slug}", title)


def code_block(text: str, language: str, classes=()):
    n = nodes.literal_block(text, text, language=language)
    n["classes"] += list(classes)
    return n


def crosscheck_paragraph(cc) -> nodes.Node:
    if not cc:
        return para("Cross-check with sympy: not available (no sympy form of f).", classes=["mc-crosscheck"])
    status = cc["status"]
    if status == "agrees":
        text = (f"Cross-check: sympy {cc['sympy_version']}'s own matrix derivative of f agrees with the claim "
                f"(relative difference {cc['error']:.0e}).")
    elif status == "disagrees":
        text = (f"Cross-check: sympy {cc['sympy_version']}'s matrix derivative of f disagrees with the claim "
                f"({cc['detail']}); the finite differences above side with the entry. Listed on the errata page.")
    elif status == "not expressible":
        text = f"Cross-check with sympy: not applicable ({cc['detail']})."
    else:
        text = f"Cross-check: sympy {cc['sympy_version']} cannot compute this derivative ({cc['detail']})."
    return para(text, classes=["mc-crosscheck"])
