"""Ranking entries by what people type: words (titles, aliases, topics, references, assumptions) and
formulas, read from each entry's own formula objects.

A query such as ``x^T A x`` or ``tr(X^T X)`` is turned into formula tokens by ``formula_tokens``: symbols
keep their case (x is not X), and a transpose (^T, ', ᵀ, ^\\top), an inverse (^-1, ^{-1}, ⁻¹), tr, det,
log, norms, ⊗, ∘, vec and the like become one spelling, whether they come from a query, a title or
an entry's LaTeX. The tables of that normaliser are ``SPEC``; the site's search box applies the same
algorithm to the same tables in JavaScript (docs/_static/mc-search.js; the build writes ``SPEC`` next
to it) and the browser tests check that both give the same tokens for every query of the test set.

Words: typos are tolerated by fuzzy matching against the vocabulary of the catalogue; a bare number
matches a Matrix Cookbook equation number ("cookbook 57").
"""
from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata

# Words that say nothing about which entry is meant; the site's search leaves out only the grammatical
# ones (GRAMMAR): an entry's page says "rule" or "formula" where its title does.
GRAMMAR = {"of", "the", "a", "an", "with", "respect", "to", "by", "wrt", "for", "in", "on", "and", "is", "what",
           "how", "its"}
STOP = GRAMMAR | {"eq", "equation", "formula", "identity", "rule", "d"}

# Words people use interchangeably; a synonym match scores a little below an exact one.
SYNONYMS = [
    {"derivative", "gradient", "jacobian", "differential", "partial", "grad", "deriv", "diff", "derivatives"},
    {"det", "determinant", "determinants"},
    {"logdet", "log-determinant"},
    {"inv", "inverse", "inverses"},
    {"tr", "trace", "traces"},
    {"kron", "kronecker"},
    {"hadamard", "elementwise", "element-wise", "entrywise", "pointwise"},
    {"sym", "symmetric"},
    {"spd", "positive", "definite"},
    {"eig", "eigenvalue", "eigenvalues", "eigen", "eigenvector", "eigenvectors"},
    {"quadratic", "xtax", "xtbx"},
    {"norm", "norms", "frobenius", "euclidean"},
    {"exp", "exponential", "expm"},
    {"log", "logarithm", "ln"},
    {"product", "products", "multiplication"},
    {"cookbook", "petersen", "pedersen"},
    {"parr", "howard"},
    {"chain", "composition"},
    {"softmax", "soft-max"},
    {"sigmoid", "logistic"},
    {"relu", "rectifier", "max"},
    {"crossentropy", "cross-entropy", "xent"},
]
_SYN = {w: group for group in SYNONYMS for w in group}

FIELD_WEIGHT = {"id": 10.0, "title": 3.5, "alias": 3.0, "ref": 2.0, "eq": 2.5, "topic": 1.0, "text": 0.6}


# --------------------------------------------------------------------------------------------
# Formulas: one normaliser for queries, titles, aliases and LaTeX

_GREEK = dict(zip(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
                   "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"],
                  "αβγδεζηθικλμνξπρστυφχψω"))
GREEK = {**_GREEK, **{k.capitalize(): v.upper() for k, v in _GREEK.items()},
         "varepsilon": "ε", "vartheta": "θ", "varphi": "φ", "varsigma": "σ", "varrho": "ρ"}

SPEC = {
    # literal replacements made first, in this order (LaTeX wrappers whose argument is what counts)
    "replace": [["\\mathrm{d}", " ⅆ "], ["\\operatorname*", "\\operatorname"], ["\\,", " "], ["\\;", " "],
                ["\\!", ""], ["\\ ", " "], ["\\{", " "], ["\\}", " "], ["\\|", "‖"], ["||", "‖"]],
    # \\cmd{arg} -> arg, for these commands; \\text{...} goes altogether (it is words, not symbols)
    "unwrap": ["mathrm", "mathbf", "mathsf", "mathit", "boldsymbol", "bm", "operatorname", "mathcal", "mathbb",
               "hat", "tilde", "bar", "widehat", "vec"],
    "drop": ["text", "mbox"],
    # LaTeX commands: a token, or "" for layout that carries no meaning
    "commands": {
        **{f"\\{k}": v for k, v in GREEK.items()},
        "\\top": "^T", "\\intercal": "^T", "\\lVert": "‖", "\\rVert": "‖", "\\Vert": "‖", "\\lvert": "|",
        "\\rvert": "|", "\\vert": "|", "\\otimes": "⊗", "\\circ": "∘", "\\odot": "∘", "\\oslash": "⊘",
        "\\partial": "∂", "\\nabla": "∇", "\\sum": "sum", "\\prod": "prod", "\\int": "∫", "\\sqrt": "√",
        "\\ln": "log", "\\log": "log", "\\det": "det", "\\exp": "exp", "\\sin": "sin", "\\cos": "cos",
        "\\tanh": "tanh", "\\max": "max", "\\min": "min", "\\Phi": "Φ", "\\infty": "∞", "\\dagger": "^+",
        "\\ast": "*", "\\star": "*", "\\times": "", "\\cdot": "", "\\frac": "", "\\tfrac": "", "\\dfrac": "",
        "\\left": "", "\\right": "", "\\big": "", "\\Big": "", "\\bigg": "", "\\Bigg": "", "\\bigl": "",
        "\\bigr": "", "\\Bigl": "", "\\Bigr": "", "\\biggl": "", "\\biggr": "", "\\quad": ",", "\\qquad": ",",
        "\\displaystyle": "", "\\ldots": "", "\\cdots": "", "\\dots": "", "\\langle": "", "\\rangle": "",
        "\\mid": "|", "\\Rightarrow": ",", "\\implies": ",",
        "\\begin": "", "\\end": "", "\\le": "<", "\\leq": "<", "\\ge": ">", "\\geq": ">", "\\neq": "≠",
        "\\approx": "=", "\\equiv": "=",
    },
    # Unicode and ASCII spellings of the same symbols
    "chars": {"ᵀ": "^T", "⊤": "^T", "⁻¹": "^-1", "⁻ᵀ": "^-T", "⁺": "^+", "²": "^2", "³": "^3", "ᵏ": "^k",
              "ⁿ": "^n", "ᵖ": "^p", "⊙": "∘", "○": "∘", "−": "-", "–": "-", "·": "", "×": "", "⋅": "",
              "∑": "sum", "'": "^T", "′": "^T", "∥": "‖", "⁄": "/", "÷": "/"},
    # superscripts: the canonical postfix for each spelling of what a ^ carries
    "postfix": {"T": "ᵀ", "^T": "ᵀ", "t": "ᵀ", "-1": "⁻¹", "-T": "⁻ᵀ", "-^T": "⁻ᵀ", "^-T": "⁻ᵀ", "+": "⁺",
                "^+": "⁺", "*": "*", "2": "²", "^2": "²", "3": "³", "^3": "³", "-1/2": "⁻½", "1/2": "½"},
    # norm subscripts that are the default reading (‖x‖₂ of a vector, ‖X‖_F of a matrix)
    "default_norms": ["2", "F", "₂"],
    # function names, in every spelling, to one token each
    "functions": {"tr": "tr", "Tr": "tr", "trace": "tr", "det": "det", "Det": "det", "log": "log", "ln": "log",
                  "exp": "exp", "expm": "exp", "vec": "vec", "diag": "diag", "sum": "sum", "softmax": "softmax",
                  "sin": "sin", "cos": "cos", "tanh": "tanh", "sign": "sign", "adj": "adj", "eig": "eig",
                  "max": "max", "min": "min", "KL": "KL", "sqrt": "√", "logdet": "log det", "logm": "log",
                  "kron": "⊗", "inv": "inv", "prod": "prod"},
    # characters that make a chunk of a query a formula
    "formula_chars": "^_()[]|‖\\ᵀ⁻¹²³⁺ᵏⁿᵖ∘⊗⊘∂∇=+*/·−-'′⊤⊙",
    "stop": sorted(STOP),
    "grammar": sorted(GRAMMAR),
}
_CMD = re.compile(r"\\(" + "|".join(SPEC["unwrap"]) + r")\s*\{([^{}]*)\}")
_DROP = re.compile(r"\\(" + "|".join(SPEC["drop"]) + r")\s*\{[^{}]*\}")
_LEX = re.compile(r"\\[A-Za-z]+|[A-Za-z]+|[0-9]+(?:\.[0-9]+)?|[\^_](?:\{[^{}]*\}|\\[A-Za-z]+|-?[A-Za-z0-9]|.)|\S")
# longest first, so that ⁻ᵀ is read before ᵀ
SPEC["chars_order"] = sorted(SPEC["chars"], key=len, reverse=True)


def _script(text: str) -> str:
    """What a ^ or _ carries, in one spelling: braces and spaces go, \\top is T."""
    inner = text[1:]
    if inner.startswith("{") and inner.endswith("}"):
        inner = inner[1:-1]
    inner = re.sub(r"\\[A-Za-z]+", lambda m: SPEC["commands"].get(m.group(0), m.group(0)), inner)
    return re.sub(r"[\s{}]", "", inner)


def _letters(run: str, query: bool) -> list:
    """A run of letters: a function name, a Greek letter, a word (Hessian), or single symbols (AXB)."""
    if run in SPEC["functions"]:
        return SPEC["functions"][run].split()
    if run in GREEK:
        return [GREEK[run]]
    if len(run) >= 4 and run[1:].islower():
        return [None]  # a word: it breaks the formula
    if query and run[0] == "d" and len(run) > 1:
        return ["ⅆ", *_letters(run[1:], query)]  # dX is the differential of X
    if query and run == "d":
        return ["ⅆ"]
    return list(run)


def formula_tokens(text: str, query: bool = False) -> list:
    """The formula in ``text`` as tokens, None where the formula breaks (an equals sign, a comma, a word).

    Symbols keep their case and carry their postfixes: ``x^{\\top}`` and ``xᵀ`` are ``"xᵀ"``; a postfix
    on a bracket is a token of its own (``(A⊗B)^{-1}`` gives A ⊗ B )⁻¹); brackets and layout go. In a
    query (``query=True``), a d before a symbol is the differential (dX, d(X^-1)); in LaTeX that is
    ``\\mathrm{d}``.
    """
    for a, b in SPEC["replace"]:
        text = text.replace(a, b)
    for k in SPEC["chars_order"]:
        text = text.replace(k, SPEC["chars"][k])
    text = _DROP.sub(" , ", text)
    for _ in range(3):  # nested wrappers: \\mathbf{\\hat{x}}
        text = _CMD.sub(r" \2 ", text)
    out: list = []
    depth = 0  # a comma between brackets separates arguments, max(0, x); outside, it ends a formula
    for lex in _LEX.findall(text):
        lex = SPEC["commands"].get(lex, lex)
        if not lex:
            continue
        if lex[0] in "^_" and len(lex) > 1:
            kind, script = lex[0], _script(lex)
            prev = out[-1] if out else None
            if kind == "_":
                # a norm's type stays (‖x‖₁, ‖X‖_*), its default reading goes; other subscripts go (x_i)
                if prev == "‖" and script not in SPEC["default_norms"]:
                    out[-1] = "‖" + script
                continue
            post = SPEC["postfix"].get(script, "^" + script)
            if prev is None or prev in ("(",):
                continue
            out[-1] = (")" if prev == ")" else prev) + post
            continue
        if re.match(r"[A-Za-z]", lex):
            out += _letters(lex, query)
        elif re.match(r"[0-9]", lex):
            out.append(lex)
        elif lex in ("(", "[", "{"):
            depth += 1
            out.append("(")
        elif lex in (")", "]", "}"):
            depth = max(depth - 1, 0)
            out.append(")")
        elif lex == "," and depth:
            continue
        elif lex in (",", ";", ":", "=", "<", ">", "≠", "&"):
            out.append(None)
        elif lex.startswith("\\") or lex in (".", "!", "?", '"', "`", "~", "$", "#", "@", "%"):
            continue
        else:
            out.append(lex)
    # brackets only ever carry a postfix; a bare one goes
    return [t for t in out if t not in ("(", ")")]


def _code_name(chunk: str) -> bool:
    """A function's name as code writes it (torch.linalg.inv, F.huber_loss, log_softmax): parts joined by
    dots or underscores, two of them words. X_ij, sigma_1 and A.T stay formulas."""
    return (re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+", chunk) is not None
            and sum(len(re.sub(r"[^A-Za-z]", "", p)) >= 2 for p in re.split(r"[._]", chunk)) >= 2)


def _chunk_kind(chunk: str) -> str:
    """"formula", "either" (a function or Greek name, a product such as AXB that may be an acronym) or
    "word"."""
    if re.fullmatch(r"[A-Za-z]+", chunk):
        if chunk in SPEC["functions"] or chunk in GREEK:
            return "either"
        if chunk.lower() in STOP and not (len(chunk) == 1 and chunk.isupper()):
            return "either" if len(chunk) == 1 else "word"  # a, d: an article, or a symbol in a formula
        if len(chunk) == 1:
            return "formula"
        if len(chunk) <= 4 and not chunk.islower() and not re.fullmatch(r"[A-Z][a-z]{2,}", chunk):
            return "either"
        return "word"
    if re.fullmatch(r"[A-Za-z]{2,}([-–—][A-Za-z]{2,})+|[0-9]+(-[A-Za-z]+)?|[A-Za-z]+'s", chunk):
        return "word"
    if _code_name(chunk):
        return "word"
    if any(c in SPEC["formula_chars"] for c in chunk):
        return "formula"
    if not chunk.isascii():
        return "word" if len(chunk) >= 4 and chunk.isalpha() else "formula"
    return "word"


def query_parts(query: str) -> tuple[list, list]:
    """(words, formulas) of a query: the chunks that read as words, and each run of chunks that reads as
    a formula, as its tokens. A function name (tr, det, log) next to a formula belongs to it."""
    chunks = query.split()
    kinds = [_chunk_kind(c) for c in chunks]
    words, formulas, run = [], [], []

    def flush():
        # a run of functions alone is a formula too (log det), but an article is not (a sum)
        if any(kinds[i] == "formula" for i in run) or sum(chunks[i].lower() not in STOP for i in run) > 1:
            formulas.append(formula_tokens(" ".join(chunks[i] for i in run), query=True))
        else:
            words.extend(chunks[i] for i in run if kinds[i] != "either")
        run.clear()

    for i, kind in enumerate(kinds):
        if kind == "word":
            flush()
            words.append(chunks[i])
        else:
            run.append(i)
            if kind == "either":
                words.append(chunks[i])
    flush()
    return words, [f for f in formulas if any(t is not None for t in f)]


def features(tokens) -> list:
    """The symbols and the pairs of neighbouring symbols of a formula (a break ends a pair)."""
    out = []
    for i, t in enumerate(tokens):
        if t is None:
            continue
        out.append(t)
        if i + 1 < len(tokens) and tokens[i + 1] is not None:
            out.append(t + " " + tokens[i + 1])
    return list(dict.fromkeys(out))


def _segments(tokens) -> list:
    """A formula cut at its breaks (equals signs, commas)."""
    out = [[]]
    for t in tokens:
        if t is None:
            out.append([])
        else:
            out[-1].append(t)
    return [seg for seg in out if seg]


# Pagefind folds case and splits on symbols, so a formula feature reaches its index as one word of
# lowercase letters and digits: each character a code (letters then one digit), tokens joined by j9.
def _char_code(c: str) -> str:
    if "a" <= c <= "z":
        return c + "0"
    if "A" <= c <= "Z":
        return c.lower() + "1"
    if "0" <= c <= "9":
        return "qd" + c
    # any other character by its code point in hexadecimal, its digits written g to p
    return "".join(chr(ord("g") + int(h)) if h.isdigit() else h for h in f"{ord(c):x}") + "8"


def encode(feature: str) -> str:
    """A formula feature as one search word: ``xᵀ A`` -> ``qfx0hdkg8j9a1e9``. Each code is letters and one
    digit, and e9 only ends a word, so no word is the beginning of another (pagefind matches prefixes)."""
    return "qf" + "j9".join("".join(_char_code(c) for c in tok) for tok in feature.split(" ")) + "e9"


def spec_json() -> str:
    """The normaliser's tables and the Greek names, for the site's search box."""
    return json.dumps({**SPEC, "greek": GREEK}, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Words


def words(text: str) -> list[str]:
    text = text.replace("–", "-").replace("—", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = []
    for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text):
        out.append(w)
        if "-" in w:
            out += w.split("-")
            out.append(w.replace("-", ""))
    return out


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, deleted or changed."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


# How much a formula counts by where the entry shows it: its statement and names above its derivation.
FORMULA_WEIGHT = {"title": 3.0, "statement": 3.0, "alias": 2.5, "other_layout": 2.0, "differential": 2.0,
                  "also": 1.5, "step": 0.8}


def entry_formulas(r) -> list[tuple[str, list]]:
    """(where, tokens) for every formula an entry shows or is called by: its title, statement, other
    layout, differential, further formulas, derivation steps and aliases."""
    out = [("title", t) for t in query_parts(r.title)[1]]
    out.append(("statement", formula_tokens(r.latex)))
    other = getattr(r, "other_layout", ())
    if other:
        out.append(("other_layout", formula_tokens(other[0])))
    out += [(role, formula_tokens(f.latex)) for role, _, f in r.formulas()]
    for a in r.aliases:
        out += [("alias", t) for t in query_parts(a)[1]]
    return out


def formula_features(r) -> dict:
    """feature -> the largest weight with which the entry shows it."""
    bag: dict = {}
    for where, tokens in entry_formulas(r):
        for f in features(tokens):
            bag[f] = max(bag.get(f, 0.0), FORMULA_WEIGHT[where])
    return bag


class Index:
    def __init__(self, records, topics=None):
        self.records = list(records)
        self.fields = []          # per record: {word: best field weight}
        self.formulas = [formula_features(r) for r in self.records]
        vocab = set()
        for r in self.records:
            bag: dict[str, float] = {}

            def add(text, kind):
                for w in words(text):
                    w = _stem(w)
                    bag[w] = max(bag.get(w, 0.0), FIELD_WEIGHT[kind])

            bag[r.id.lower()] = FIELD_WEIGHT["id"]
            add(r.title, "title")
            for a in [*r.aliases, *r.search_names()]:
                add(a, "alias")
            topic = topics.get(r.topic) if topics else None
            add(topic.title if topic else r.topic, "topic")
            add(r.kind, "text")
            add(" ".join(r.notes.split()[:60]), "text")
            for _, word in r.assumption_words():
                add(word.replace("_", " "), "text")
            for ref in r.references:
                add(ref.text(), "ref")
                if ref.eq is not None:
                    bag[str(ref.eq)] = max(bag.get(str(ref.eq), 0.0), FIELD_WEIGHT["eq"])
            self.fields.append(bag)
            vocab |= set(bag)
        self.vocab = sorted(vocab)
        # rarer words tell entries apart; "gradient" is in half the catalogue
        self.idf = self._idf(self.fields)
        self.formula_idf = self._idf(self.formulas)
        self.title_len = [len(words(r.title)) for r in self.records]
        self.phrases = [{" ".join(words(t)) for t in [r.title, *r.aliases]} for r in self.records]
        # the formulas an entry is named by (its title, its aliases), each as the set of its features
        self.names = [[set(features(seg)) for t in [r.title, *r.aliases] for f in query_parts(t)[1]
                       for seg in _segments(f)] for r in self.records]

    @staticmethod
    def _idf(bags) -> dict:
        n = max(len(bags), 1)
        df: dict[str, int] = {}
        for bag in bags:
            for w in bag:
                df[w] = df.get(w, 0) + 1
        return {w: math.log(1 + n / c) for w, c in df.items()}

    def _expand(self, q: str) -> dict[str, float]:
        """Words of the index a query word stands for, with how much each counts."""
        q = _stem(q)
        out = {q: 1.0}
        for s in _SYN.get(q, ()):
            out.setdefault(_stem(s), 0.7)
        if not q.isdigit():
            if len(q) >= 3:
                for w in self.vocab:
                    if w.startswith(q) and w != q:
                        out.setdefault(w, 0.8)
            if len(q) >= 4:
                # a typo stands for the nearest words only: "determinent" is "determinant" (one letter
                # off), not also "determined" (two), which a rarer word's weight would put first
                close = difflib.get_close_matches(q, self.vocab, n=5, cutoff=0.8)
                nearest = min((_edits(q, w) for w in close), default=0)
                for w in close:
                    if _edits(q, w) > nearest:
                        continue
                    out.setdefault(w, 0.6)
                    for s in _SYN.get(w, ()):
                        out.setdefault(_stem(s), 0.5)
        return out

    def search(self, query: str, limit: int = 10) -> list[tuple[float, object]]:
        typed, formulas = query_parts(query)
        qwords = [w for w in words(" ".join(typed)) if w not in STOP] or words(" ".join(typed))
        expansions = [self._expand(w) for w in qwords]
        # a formula's pairs of symbols say more than its symbols one by one
        qform = {f: (2.0 if " " in f else 1.0) for tokens in formulas for f in features(tokens)}
        parts = len(expansions) + sum(qform.values())
        ranked = []
        for i, (r, bag, fbag) in enumerate(zip(self.records, self.fields, self.formulas)):
            total, matched = 0.0, 0.0
            for exp in expansions:
                best = max((bag.get(w, 0.0) * s * self.idf.get(w, 1.0) for w, s in exp.items()), default=0.0)
                total += best
                matched += best > 0
            for f, k in qform.items():
                if f in fbag:
                    total += k * fbag[f] * self.formula_idf[f]
                    matched += k
            if matched:
                # entries matching every word and symbol of the query come first; among equals, the
                # shorter title (the entry about exactly this) wins
                score = total * (matched / parts) ** 2 / (1 + 0.05 * self.title_len[i])
                if " ".join(words(query)) in self.phrases[i]:
                    score *= 1.5  # the query is, word for word, a name of this entry
                if qform and self.names[i]:
                    # and the more of a formula it is named by the query gives, the more it is about that
                    score *= 1 + 0.5 * max(len(qform.keys() & n) / len(n) for n in self.names[i])
                ranked.append((score, -i, r))
        ranked.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return [(s, r) for s, _, r in ranked[:limit]]
