"""The record types of the catalogue.

A record never raises while it is being built: a malformed one would otherwise take its whole
module down with it. Instead ``problems()`` lists what is wrong, field by field, and the loader
keeps such a record out of the catalogue while every other entry loads.
"""
from __future__ import annotations

import re
import sys
import weakref
from dataclasses import dataclass, field, fields
from typing import Any, Callable, ClassVar

from . import assumptions as vocab
from .bibliography import SOURCES, Reference
from .formulas import Erratum, Formula, as_formula
from .rules import check_code

GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
    "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi",
    "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
}

ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0
ID_PATTERN = re.compile(r"^[0-9A-HJ-NP-Z]{4}$")

LAYOUTS = ("numerator", "denominator")

# An equation in prose: a relation between two terms. Prose may say "for x > 0" or "where A is
# square", but "tr(XA) = tr(AX)" is a formula, and a formula must carry its checker.
PROSE_FORMULA = re.compile(r"(?<![<>!=])(=|≈|≅|≡|⇒|⟹)(?!=)")


class _Missing:
    def __repr__(self):
        return "MISSING"


MISSING: Any = _Missing()


# --------------------------------------------------------------------------------------------
# Variables


@dataclass(frozen=True)
class Var:
    """A variable of a record: its symbolic shape and assumptions.

    Dimensions are names (``"m"``, ``"n"``) drawn at random per instance, different names taking
    different sizes so that a misplaced transpose changes a shape; an int fixes the size.
    """
    shape: tuple
    assume: tuple[str, ...] = ()
    tex: str | None = None
    description: str = ""

    @property
    def kind(self) -> str:
        return ("scalar", "vector", "matrix")[len(self.shape)] if len(self.shape) < 3 else "tensor"

    def tex_for(self, name: str) -> str:
        if self.tex:
            return self.tex
        base = name.rstrip("_")
        return "\\" + base if base in GREEK else name

    def shape_text(self) -> str:
        if not self.shape:
            return "scalar"
        return " × ".join(str(d) for d in self.shape)


def Scalar(*assume: str, tex: str | None = None, description: str = "") -> Var:
    return Var((), tuple(assume), tex, description)


def Vector(n: str | int, *assume: str, tex: str | None = None, description: str = "") -> Var:
    return Var((n,), tuple(assume), tex, description)


def Matrix(rows: str | int, cols: str | int, *assume: str, tex: str | None = None, description: str = "") -> Var:
    return Var((rows, cols), tuple(assume), tex, description)


def Tensor(shape: tuple, *assume: str, tex: str | None = None, description: str = "") -> Var:
    """An array of three or more dimensions, e.g. a batch of images ``Tensor(("N", "C", "H", "W"))``."""
    return Var(tuple(shape), tuple(assume), tex, description)


# --------------------------------------------------------------------------------------------
# Provenance


@dataclass(frozen=True)
class Change:
    """One correction of an entry, shown on its page; the id never changes with it."""
    date: str
    version: str
    what: str
    why: str


_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _call_span(frame) -> tuple | None:
    """Where the call the frame is making is written: the interpreter keeps each instruction's
    source positions, and a call's span covers its whole expression. The page then shows a
    record's source without parsing its file again."""
    code = frame.f_code
    positions = _POSITIONS.get(code)
    if positions is None:
        positions = _POSITIONS[code] = list(code.co_positions())
    i = frame.f_lasti // 2  # one position per two-byte code unit
    span = positions[i] if 0 <= i < len(positions) else None
    return span if span is not None and None not in span else None


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawn entry keeps its id and page, saying why and what replaces it."""
    date: str
    reason: str
    replaced_by: str | None = None


@dataclass(frozen=True)
class Problem:
    """A fault in a record: which rule, which field, what to do about it."""
    code: str
    field: str
    message: str
    file: str = ""
    line: int = 0
    id: str = ""

    def __post_init__(self):
        check_code(self.code)  # every code stands in the one table of rules

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.file else "<record>"
        return f"{where}: {self.code} entry {self.id or '?'} field '{self.field}': {self.message}"


# --------------------------------------------------------------------------------------------
# Records


@dataclass(kw_only=True, eq=False)
class Identity:
    """Fields shared by every kind of claim. Subclasses add the mathematics.

    A kind describes itself here, in one place: its claim fields, the field holding the claim
    (what mutations change), its default tolerance, its words for readers and how it is checked,
    and the scaffold skeleton of ``python -m identities new``. Its verifier is ``verify.VERIFIERS[kind]``.
    """
    kind: ClassVar[str] = "identity"
    claim_field: ClassVar[str] = ""       # the field holding the claim: mutations change its value
    reference_field: ClassVar[str] = ""   # what the claim is compared with: the same code is a tautology
    tolerance_default: ClassVar[float] = 0.0
    words: ClassVar[str] = ""             # the kind, for readers
    search_words: ClassVar[str] = ""      # what people type for the kind, for the site search
    # fields whose values at one fixed instance identify the claim (finding one claim under two ids)
    fingerprint: ClassVar[tuple] = ()
    skeleton: ClassVar[str] = ""          # for `new --kind`; {id} is the fresh id

    id: str = MISSING
    title: str = MISSING
    latex: str = MISSING
    variables: dict = MISSING
    references: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    # the differential form, "d f = ...": (latex, df) or a Formula, checked against the true
    # differential of f along random perturbations of wrt and of every variable df perturbs
    differential: Formula | None = None
    also: list = field(default_factory=list)       # more displayed formulas (chain members), checked
    derivation: list = field(default_factory=list)  # Step(...)s from the first rule to the claim
    notes: str = ""                # prose shown under the statement: no formulas (they go in `also`)
    sketch: str = ""               # prose on how it is derived, when there is no reference
    symbols: dict = field(default_factory=dict)  # other letters in the LaTeX: name -> meaning
    conditions: str = ""           # assumptions tying variables together, in words
    # (rng, values[, seed]) -> values, to honour ``conditions``; seed is the instance's seed
    prepare: Callable | None = None
    related: list = field(default_factory=list)
    history: list = field(default_factory=list)
    withdrawn: Withdrawal | None = None
    tolerance: float | None = None   # overrides the kind's default, when measured error needs it
    instances: int = 3
    sizes: tuple = (2, 5)          # range of sizes for symbolic dimensions
    errata: list = field(default_factory=list)  # Erratum(...)s: how the sources get this wrong
    time_limit: float | None = None  # seconds for the whole verification, when the default is too short
    time_limit_reason: str = ""

    # filled in by the loader, not by authors
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    topic: str = field(default="", compare=False)
    # (line, end line, column, end column) of the call that made the record; columns count UTF-8 bytes
    span: tuple | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if isinstance(getattr(self, "wrt", None), str) and type(self).wrt_is_tuple:
            self.wrt = (self.wrt,)
        self.differential = as_formula(self.differential)
        if isinstance(self.errata, str):
            self.errata = [Erratum(None, self.errata)] if self.errata else []
        frame = sys._getframe(1)
        while frame and frame.f_code.co_filename in (__file__, "<string>"):
            frame = frame.f_back
        if frame is not None and not self.file:
            self.file, self.line = frame.f_code.co_filename, frame.f_lineno
            self.span = _call_span(frame)
        _collector.append(self)

    wrt_is_tuple: ClassVar[bool] = False
    # the fields whose values are callables (the checker), for the page and for repr
    checker_fields: ClassVar[tuple] = ()
    required: ClassVar[tuple] = ("id", "title", "latex", "variables")

    # kinds whose verifier probes complex variables along complex directions (or needs no directions)
    complex_ok: ClassVar[bool] = False

    def _complex_problems(self) -> list[Problem]:
        if type(self).complex_ok or not isinstance(self.variables, dict):
            return []
        bad = [n for n, v in self.variables.items() if isinstance(v, Var) and vocab.is_complex(v.assume)]
        if not bad:
            return []
        return [self.problem("MC014", "variables", f"{', '.join(bad)} complex: a {self.kind} is probed along real "
                             "directions only, so a wrong imaginary part could pass; use ComplexDerivative (or Equality, "
                             "Expansion, Inequality)")]

    def problem(self, code, field, message) -> Problem:
        return Problem(code, field, message, self.file, self.line, self.id if isinstance(self.id, str) else "")

    def search_names(self) -> list[str]:
        """Names the search takes as aliases besides ``aliases`` (a rule's primitive and framework functions)."""
        return []

    def problems(self) -> list[Problem]:
        """Static faults: the record's fields alone, no numerics."""
        from .latex import latex_problems

        out = []
        for name in getattr(self, "_unknown", {}):
            import difflib
            close = difflib.get_close_matches(name, record_fields(self), 1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            out.append(self.problem("MC001", name, f"unknown field {name!r}{hint}"))
        for name in self.required + self.checker_fields:
            if getattr(self, name) is MISSING:
                out.append(self.problem("MC001", name, f"required field '{name}' is missing"))
        if out:
            return out
        if not isinstance(self.id, str) or not ID_PATTERN.match(self.id):
            out.append(self.problem("MC002", "id", f"id {self.id!r} is not 4 characters of {ID_ALPHABET}; "
                                    "get a fresh one with `python -m identities new`"))
        elif self.id.isdigit():
            out.append(self.problem("MC002", "id", "an id needs at least one letter, so that it cannot be "
                                    "mistaken for an equation number"))
        for name in ("title", "latex"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                out.append(self.problem("MC003", name, f"'{name}' must be a non-empty string"))
            elif "TODO" in getattr(self, name):
                out.append(self.problem("MC026", name, "still says TODO: fill in the scaffold"))
        if not isinstance(self.variables, dict) or not self.variables:
            out.append(self.problem("MC004", "variables", "variables must be a non-empty dict name -> "
                                    "Scalar()/Vector(n)/Matrix(m, n)"))
            return out
        for name, var in self.variables.items():
            out += self._variable_problems(name, var)
        for i, r in enumerate(self.references):
            if not isinstance(r, Reference):
                out.append(self.problem("MC006", f"references[{i}]", "use cookbook(eq), parr_howard(section) "
                                        "or ref(source, locator)"))
            elif r.source not in SOURCES:
                close = [k for k in SOURCES if k.split("-")[0] in r.source.lower()]
                hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(sorted(SOURCES))}"
                out.append(self.problem("MC006", f"references[{i}]", f"unknown source {r.source!r}{hint}"))
        if not self.references and not self.derivation and not self.sketch:
            out.append(self.problem("MC007", "references", "give a reference, a derivation or a sketch"))
        if not self.aliases:
            out.append(self.problem("MC008", "aliases", "add the words people would search for "
                                    "(e.g. 'logdet', 'Jacobi formula')"))
        if self.prepare is not None and not self.conditions:
            out.append(self.problem("MC009", "conditions", "'prepare' ties variables together: say how in "
                                    "'conditions', for readers"))
        if self.withdrawn is not None and not isinstance(self.withdrawn, Withdrawal):
            out.append(self.problem("MC010", "withdrawn", "use Withdrawal(date, reason, replaced_by)"))
        for i, c in enumerate(self.history):
            if not isinstance(c, Change):
                out.append(self.problem("MC010", f"history[{i}]", "use Change(date, version, what, why)"))
        out += self._complex_problems()
        out += self._formula_problems()
        if any(p.code == "MC029" for p in out):
            return out
        for name, text in self.latex_fields():
            out += [self.problem(code, name, msg) for code, msg in latex_problems(text)]
        out += self._symbol_problems()
        if self.time_limit is not None and not (isinstance(self.time_limit, (int, float)) and self.time_limit > 0
                                                and self.time_limit_reason):
            out.append(self.problem("MC035", "time_limit", "a time limit must be a positive number of seconds "
                                    "with time_limit_reason saying why the default is too short"))
        return out

    def formulas(self) -> list[tuple[str, str, Formula]]:
        """(role, field, Formula) for every checked formula besides the statement."""
        out = []
        if self.differential is not None:
            out.append(("differential", "differential", self.differential))
        out += [("also", f"also[{i}]", f) for i, f in enumerate(self.also)]
        out += [("step", f"derivation[{i}]", f) for i, f in enumerate(self.derivation)]
        return out

    def _formula_problems(self) -> list[Problem]:
        out = []
        for name in ("also", "derivation", "errata"):
            if not isinstance(getattr(self, name), list):
                out.append(self.problem("MC029", name, f"'{name}' must be a list"))
        if out:
            return out
        for role, name, f in self.formulas():
            if not isinstance(f, Formula):
                out.append(self.problem("MC029", name, "give a Formula(latex, side, side, ...) (or, for the "
                                        "differential, (latex, df))"))
            elif not isinstance(f.latex, str) or not f.latex.strip():
                out.append(self.problem("MC029", name, "the formula's LaTeX is empty"))
            elif not f.checked:
                what = ("a bare string: give (latex, df) so that the form is checked against f"
                        if role == "differential" else "give at least two sides for its checker to compare")
                out.append(self.problem("MC029", name, f"a displayed formula without a checker: {what}"))
            elif not all(isinstance(u, str) for u in f.uses):
                out.append(self.problem("MC029", name, "uses must list entry ids"))
        if self.derivation and len(self.derivation) < 2:
            out.append(self.problem("MC029", "derivation", "a derivation needs at least two steps: the first "
                                    "rule applied, and the step that reads the claim off"))
        if self.derivation and not self.wrt_names and self.kind != "equality":
            out.append(self.problem("MC029", "derivation", "this kind has no variable to perturb"))
        for i, e in enumerate(self.errata):
            if not isinstance(e, Erratum):
                out.append(self.problem("MC029", f"errata[{i}]", "use Erratum(source, what, printed=..., "
                                        "<field as printed>=...)"))
                continue
            unknown = [k for k in e.changes if k not in record_fields(self)]
            if unknown:
                out.append(self.problem("MC029", f"errata[{i}]", f"unknown fields {unknown}: an erratum's "
                                        "changes are the record's fields as the source prints them"))
            elif e.printed and not e.changes:
                out.append(self.problem("MC029", f"errata[{i}]", "it quotes a printed formula: give the printed "
                                        "version as a checker (claimed=..., rhs=..., variables=...) so that "
                                        "the verifier can show it wrong"))
            if e.source is not None and not isinstance(e.source, Reference):
                out.append(self.problem("MC006", f"errata[{i}]", "the source is cookbook(eq), parr_howard(...) "
                                        "or ref(source, locator)"))
        for name in ("notes", "sketch"):
            out += self._prose_problems(name, getattr(self, name))
        for i, e in enumerate(self.errata):
            if isinstance(e, Erratum):
                out += self._prose_problems(f"errata[{i}]", e.what)
        return out

    def _prose_problems(self, name, text) -> list[Problem]:
        if not isinstance(text, str):
            return [self.problem("MC003", name, f"'{name}' must be a string")]
        m = PROSE_FORMULA.search(text)
        if m is None:
            return []
        around = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
        return [self.problem("MC030", name, f"prose carries a formula ('…{around}…'): prose may explain and use "
                             "inline symbols, but an equation must be a checked Formula (in `also`, or a "
                             "derivation step)")]

    def _variable_problems(self, name, var) -> list[Problem]:
        f = f"variables['{name}']"
        if not isinstance(var, Var):
            return [self.problem("MC004", f, "use Scalar(), Vector(n) or Matrix(m, n)")]
        if not name.isidentifier():
            return [self.problem("MC004", f, f"{name!r} must be a Python identifier")]
        out = []
        for d in var.shape:
            if not (isinstance(d, str) and d.isidentifier()) and not (isinstance(d, int) and d >= 1):
                out.append(self.problem("MC005", f, f"dimension {d!r} must be a name like 'n' or a positive int"))
        for word in var.assume:
            a = vocab.VOCABULARY.get(word)
            if a is None:
                import difflib
                close = difflib.get_close_matches(word, vocab.VOCABULARY, 1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                out.append(self.problem("MC011", f, f"unknown assumption {word!r}{hint} "
                                        f"(vocabulary: {', '.join(sorted(vocab.VOCABULARY))})"))
                continue
            if var.kind not in a.kinds:
                out.append(self.problem("MC005", f, f"'{word}' applies to {'/'.join(a.kinds)}, not a {var.kind}"))
            if a.square and var.kind == "matrix" and var.shape[0] != var.shape[1]:
                out.append(self.problem("MC005", f, f"'{word}' needs a square matrix, but the shape is "
                                        f"{var.shape_text()}; use the same dimension twice"))
            if (a.tall or a.wide) and var.kind == "matrix" and var.shape[0] == var.shape[1]:
                out.append(self.problem("MC005", f, f"'{word}' needs different dimensions for rows and columns"))
        if not out:
            reason = vocab.incompatible(var.assume)
            if reason:
                out.append(self.problem("MC011", f, f"no sampler honours these assumptions together: {reason}"))
        return out

    def _symbol_problems(self) -> list[Problem]:
        from .latex import _normal, symbols_in

        # normalised as symbols_in normalises what it reads, so that A_{11} is found as A_11
        declared = {_normal(v.tex_for(n)): n for n, v in self.variables.items() if isinstance(v, Var)}
        dims = {d for v in self.variables.values() if isinstance(v, Var) for d in v.shape if isinstance(d, str)}
        allowed = set(declared) | set(self.symbols) | dims | {"I"} | self.extra_symbols()
        seen = set()
        out = []
        for name, text in self.latex_fields():
            for sym in symbols_in(text):
                seen.add(sym)
                if sym not in allowed:
                    out.append(self.problem("MC012", name, f"symbol {sym!r} is not a declared variable; declare "
                                            "it in 'variables', or in 'symbols' with its meaning"))
        for tex, name in declared.items():
            if tex not in seen:
                out.append(self.problem("MC012", "variables", f"variable {name!r} (shown as {tex!r}) does not "
                                        "appear in the LaTeX: what is displayed must be what is checked"))
        return out

    def extra_symbols(self) -> set:
        """Symbols a kind's own formulas may show besides the variables (outputs, tangents)."""
        return set()

    def statement_formulas(self) -> list[tuple[str, str, str]]:
        """(role, label, LaTeX) of the formulas that state the claim together with ``latex`` and are
        checked with it by the kind's verifier (the forward and reverse rules of an AD rule)."""
        return []

    def latex_fields(self) -> list[tuple[str, str]]:
        """(field, LaTeX) for every piece of displayed mathematics."""
        out = [("latex", self.latex)] + [(role, tex) for role, _, tex in self.statement_formulas()]
        other = getattr(self, "other_layout", ())
        if other:
            out.append(("other_layout", other[0] if isinstance(other, tuple) and other else other))
        out += [(name, f.latex) for _, name, f in self.formulas() if isinstance(f, Formula)]
        out += [(f"errata[{i}]", e.printed) for i, e in enumerate(self.errata) if isinstance(e, Erratum)]
        return [(n, t) for n, t in out if isinstance(t, str) and t]

    def assumption_words(self) -> list[tuple[str, str]]:
        """(variable, assumption) pairs as declared, for pages and filters."""
        return [(n, w) for n, v in self.variables.items() for w in v.assume]

    def all_assumptions(self) -> set[str]:
        return {w for _, v in self.variables.items() for w in vocab.closure(v.assume)}

    def url(self) -> str:
        return f"id/{self.id}.html"

    @property
    def live(self) -> bool:
        return self.withdrawn is None

    @property
    def wrt_names(self) -> tuple:
        """The variables the claim is about: perturbed by differential forms and derivations."""
        wrt = getattr(self, "wrt", ())
        return (wrt,) if isinstance(wrt, str) else tuple(wrt) if isinstance(wrt, (tuple, list)) else ()

    def how_checked(self) -> str:
        """How the verifier checks the statement, in words (ends without a full stop)."""
        return ""

    def restricted_words(self) -> str:
        """What restricting the probe to structured directions means, in words, or ''."""
        return {"symmetric": "only symmetric perturbations are applied, and the claim must itself be symmetric",
                "diagonal": "only diagonal perturbations are applied, and the claim must itself be diagonal",
                "symmetric_entries": "one perturbation per independent entry of the symmetric matrix, "
                                     "X_ij and X_ji moving together; the claim must be symmetric"}.get(
            getattr(self, "directions", "general"), "")


@dataclass(kw_only=True, eq=False)
class Equality(Identity):
    """lhs(vars) == rhs(vars) on every instance."""
    complex_ok: ClassVar[bool] = True
    kind: ClassVar[str] = "equality"
    search_words: ClassVar[str] = "identity"
    fingerprint: ClassVar[tuple] = ("lhs", "rhs")
    claim_field: ClassVar[str] = "rhs"
    reference_field: ClassVar[str] = "lhs"
    tolerance_default: ClassVar[float] = 1e-7
    words: ClassVar[str] = "Identity (both sides evaluated)"
    skeleton: ClassVar[str] = '''
Equality(
    id="{id}",
    title="TODO: a short title in words, e.g. vec of a product",
    latex=r"L(A) = R(A)",  # TODO: the statement; every letter a variable
    variables={{"A": Matrix("m", "n")}},  # TODO
    lhs=lambda A: todo("lhs: the left side, in NumPy"),
    rhs=lambda A: todo("rhs: the right side, computed independently"),
    references=[],  # TODO
    aliases=[],  # TODO
)
'''
    lhs: Callable = MISSING
    rhs: Callable = MISSING
    checker_fields: ClassVar[tuple] = ("lhs", "rhs")

    def how_checked(self):
        return "both sides evaluated and compared"


@dataclass(kw_only=True, eq=False)
class Derivative(Identity):
    """The derivative of f with respect to one variable equals ``claimed``, in a declared layout.

    ``layout`` fixes the shape of ``claimed``: for a scalar f and matrix X, "denominator" means
    the shape of X and "numerator" its transpose; for vector f (m) and vector x (n), numerator is
    m × n (the Jacobian) and denominator n × m.  ``directions`` restricts the perturbations when
    the claim is only about a structured variable ("symmetric": only symmetric perturbations).
    """
    kind: ClassVar[str] = "derivative"
    search_words: ClassVar[str] = "derivative gradient"
    fingerprint: ClassVar[tuple] = ("f", "claimed")
    claim_field: ClassVar[str] = "claimed"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 1e-6
    words: ClassVar[str] = "Derivative"
    skeleton: ClassVar[str] = '''
Derivative(
    id="{id}",
    title="TODO: a short title in words, e.g. Gradient of tr(AX)",
    latex=r"\\frac{{\\partial f(X)}}{{\\partial X}} = G",  # TODO: the statement; every letter a variable
    variables={{"X": Matrix("m", "n")}},  # TODO: unequal dimensions where the claim allows
    wrt="X",
    layout="denominator",  # denominator: the shape of X; numerator: its transpose
    f=lambda X: todo("f: the function, in NumPy"),
    claimed=lambda X: todo("claimed: the derivative, written from the formula (never from f)"),
    references=[],  # TODO: cookbook(eq), parr_howard("4.2 ..."), ref(source, locator); or sketch="..."
    aliases=[],  # TODO: words people would type to find it
)
'''
    f: Callable = MISSING
    claimed: Callable = MISSING
    wrt: str = MISSING
    layout: str = MISSING
    directions: str = "general"
    # (LaTeX, claimed) of the same derivative in the other layout; verified like the main claim
    other_layout: tuple = ()
    # f rebuilt from sympy MatrixSymbols (same argument names; vectors are n x 1, scalars Symbols),
    # so sympy's own derivative can be compared with the claim (the cross-check)
    symbolic: Callable | None = None
    checker_fields: ClassVar[tuple] = ("f", "claimed", "wrt", "layout")

    def how_checked(self):
        from .verify import DIRECTIONS_PER_INSTANCE as k
        return (f"central differences of f along {k} random directions per instance, compared with the claimed "
                "derivative applied to those directions")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if self.layout not in LAYOUTS:
            out.append(self.problem("MC013", "layout", f"layout must be 'numerator' or 'denominator', "
                                    f"not {self.layout!r}"))
        if isinstance(self.variables, dict) and self.wrt not in self.variables:
            out.append(self.problem("MC014", "wrt", f"wrt {self.wrt!r} is not one of the variables "
                                    f"{sorted(self.variables)}"))
        if self.directions not in DIRECTIONS:
            out.append(self.problem("MC014", "directions", f"directions must be one of {sorted(DIRECTIONS)}"))
        if self.other_layout and not (isinstance(self.other_layout, tuple) and len(self.other_layout) == 2
                                      and isinstance(self.other_layout[0], str) and callable(self.other_layout[1])):
            out.append(self.problem("MC013", "other_layout", "give (latex, claimed) for the other layout"))
        return out


@dataclass(kw_only=True, eq=False)
class Differential(Identity):
    """The differential of f at the variables, along perturbations of ``wrt``, equals ``df``.

    ``df`` takes the variables and, for each name in ``wrt``, a perturbation ``d<name>``:
    ``df=lambda X, Y, dX, dY: dX @ Y + X @ dY``. This also states matrix-by-matrix derivatives.
    """
    kind: ClassVar[str] = "differential"
    search_words: ClassVar[str] = "differential derivative"
    fingerprint: ClassVar[tuple] = ()
    claim_field: ClassVar[str] = "df"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 1e-6
    words: ClassVar[str] = "Differential (a linear map in the perturbation)"
    wrt_is_tuple: ClassVar[bool] = True
    skeleton: ClassVar[str] = '''
Differential(
    id="{id}",
    title="TODO: a short title in words, e.g. Differential of the inverse",
    latex=r"\\mathrm{{d}}F(X) = G",  # TODO: the statement; every letter a variable
    variables={{"X": Matrix("n", "n", "invertible")}},  # TODO
    wrt=("X",),
    f=lambda X: todo("f: the function, in NumPy"),
    df=lambda X, dX: todo("df: the claimed change of f along dX, linear in dX"),
    references=[],  # TODO: cookbook(eq), parr_howard("4.2 ..."), ref(source, locator); or sketch="..."
    aliases=[],  # TODO: words people would type to find it
)
'''
    f: Callable = MISSING
    df: Callable = MISSING
    wrt: tuple = MISSING
    directions: str = "general"
    checker_fields: ClassVar[tuple] = ("f", "df", "wrt")

    def how_checked(self):
        from .verify import DIRECTIONS_PER_INSTANCE as k
        return (f"central differences of f along {k} random perturbations of "
                + ", ".join(self.wrt_names) + " per instance, compared with the claimed differential")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        for w in self.wrt_names:
            if isinstance(self.variables, dict) and w not in self.variables:
                out.append(self.problem("MC014", "wrt", f"wrt {w!r} is not one of the variables "
                                        f"{sorted(self.variables)}"))
        if self.directions not in DIRECTIONS:
            out.append(self.problem("MC014", "directions", f"directions must be one of {sorted(DIRECTIONS)}"))
        return out


@dataclass(kw_only=True, eq=False)
class Hessian(Identity):
    """The second derivative of a scalar f with respect to one variable equals ``claimed``.

    For a vector x (n) the Hessian is n × n; for a matrix X (m × n) it is taken with respect to
    vec(X), stacking columns, and is mn × mn. It is checked against f alone, by second differences.
    """
    kind: ClassVar[str] = "hessian"
    search_words: ClassVar[str] = "Hessian second derivative"
    fingerprint: ClassVar[tuple] = ("f", "claimed")
    claim_field: ClassVar[str] = "claimed"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 1e-6
    words: ClassVar[str] = "Hessian (second derivative)"
    skeleton: ClassVar[str] = '''
Hessian(
    id="{id}",
    title="TODO: a short title in words, e.g. Hessian of xᵀAx",
    latex=r"\\frac{{\\partial^2 f(x)}}{{\\partial x\\,\\partial x^{{\\top}}}} = H",  # TODO: the statement
    variables={{"x": Vector("n")}},  # TODO: a vector, or a matrix (the Hessian by vec X, columns stacked)
    wrt="x",
    f=lambda x: todo("f: the scalar function, in NumPy"),
    claimed=lambda x: todo("claimed: the n x n Hessian, written from the formula"),
    references=[],  # TODO: cookbook(eq), parr_howard("4.2 ..."), ref(source, locator); or sketch="..."
    aliases=[],  # TODO: words people would type to find it
)
'''
    f: Callable = MISSING
    claimed: Callable = MISSING
    wrt: str = MISSING
    directions: str = "general"
    symbolic: Callable | None = None
    checker_fields: ClassVar[tuple] = ("f", "claimed", "wrt")

    def how_checked(self):
        from .verify import DIRECTIONS_PER_INSTANCE as k
        return (f"second differences of f (with Richardson extrapolation) along {k} random direction pairs per "
                "instance, compared with uᵀHv")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if isinstance(self.variables, dict) and self.wrt not in self.variables:
            out.append(self.problem("MC014", "wrt", f"wrt {self.wrt!r} is not one of the variables "
                                    f"{sorted(self.variables)}"))
        return out


# The primitives an AD rule may be keyed by: the linear-algebra functions of the frameworks
PRIMITIVES = (
    "matmul", "inv", "det", "slogdet", "solve", "solve_triangular", "lstsq", "cholesky", "cholesky_solve",
    "cholesky_inverse", "qr", "lu_factor", "eigh", "eigvalsh", "eig", "eigvals", "svd", "svdvals", "pinv",
    "matrix_exp", "matrix_power", "norm_fro", "norm_nuc", "norm_2", "vector_norm", "trace", "kron", "cross",
    "sqrtm", "logm",
)
# Deep-learning layers and losses, in PyTorch's conventions (batch first, linear's weight out × in, NCHW)
DL_PRIMITIVES = (
    "linear", "conv1d", "conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d", "adaptive_avg_pool2d",
    "embedding", "dropout", "layer_norm", "batch_norm", "group_norm", "rms_norm", "softmax", "log_softmax",
    "gelu", "silu", "mish", "glu", "scaled_dot_product_attention", "multi_head_attention", "lstm_cell",
    "gru_cell", "rotary_embedding", "cross_entropy", "nll_loss", "mse_loss", "huber_loss",
    "binary_cross_entropy_with_logits", "kl_div", "vae_kl", "reparameterize", "adam_step",
)
LINALG_PRIMITIVES = PRIMITIVES
PRIMITIVES = LINALG_PRIMITIVES + DL_PRIMITIVES
# The structure a tangent keeps; a cotangent of a structured input must have it too
TANGENT_STRUCTURES = ("general", "symmetric", "lower", "upper", "diagonal")


def _tangent_structure(var) -> str:
    words = vocab.closure(var.assume)
    for word, structure in (("diagonal", "diagonal"), ("lower_triangular", "lower"),
                            ("upper_triangular", "upper"), ("symmetric", "symmetric")):
        if word in words:
            return structure
    return "general"


@dataclass(kw_only=True, eq=False)
class ADRule(Identity):
    """The forward (JVP) and reverse (VJP) rules of a primitive Y = f(X, ...).

    ``f`` returns the outputs named in ``outputs`` (a tuple when there are several). ``jvp`` is
    ``(latex, fn)``: fn takes the variables, the outputs by name and a tangent ``d<name>`` of each
    input in ``wrt``, and returns the tangents of the differentiable outputs. ``vjp`` is
    ``(latex, fn)``: fn takes the variables, the outputs and a cotangent ``<name>_bar`` of each
    differentiable output, and returns the cotangents of the inputs in ``wrt``. The forward rule is
    checked against central differences of f, the reverse rule against the forward one by the
    adjoint identity ⟨Ȳ, JVP(Ẋ)⟩ = ⟨VJP(Ȳ), Ẋ⟩. Inputs declared symmetric or triangular take
    tangents of that structure, and their cotangents must have it. Outputs defined up to a sign
    are made unique by f (see ``gauge``); ``nondifferentiable`` outputs (pivots, signs) are checked
    to stay constant and have neither tangent nor cotangent.
    """
    kind: ClassVar[str] = "ad_rule"
    search_words: ClassVar[str] = "backpropagation backward pass forward mode reverse mode JVP VJP autodiff rule"
    fingerprint: ClassVar[tuple] = ()
    claim_field: ClassVar[str] = "jvp"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 1e-6
    words: ClassVar[str] = "Forward and reverse rule (JVP and VJP)"
    wrt_is_tuple: ClassVar[bool] = True
    skeleton: ClassVar[str] = '''
ADRule(
    id="{id}",
    title="TODO: e.g. Forward and reverse rules of the inverse",
    primitive="inv",  # TODO: one of identities.model.PRIMITIVES
    latex=r"Y = X^{{-1}}",  # TODO: the primitive; every letter a variable or an output
    variables={{"X": Matrix("n", "n", "invertible")}},  # TODO
    wrt=("X",),
    outputs=("Y",),
    f=lambda X: todo("f: the primitive, in NumPy"),
    jvp=(r"\\dot{{Y}} = -Y\\dot{{X}}Y", lambda X, Y, dX: todo("the output tangent")),
    vjp=(r"\\bar{{X}} = -Y^{{\\top}}\\bar{{Y}}Y^{{\\top}}", lambda X, Y, Y_bar: todo("the input cotangent")),
    crosswalk={{"pytorch": "torch.linalg.inv", "pytorch_derivative": "linalg_inv_ex", "jax": "jax.numpy.linalg.inv"}},
    references=[],  # TODO: ref("giles-2008", "3.2"), ...
    aliases=[],  # TODO: words people would type to find it
)
'''
    primitive: str = MISSING
    f: Callable = MISSING
    wrt: tuple = MISSING
    outputs: tuple = ("Y",)
    jvp: tuple = MISSING
    vjp: tuple = MISSING
    crosswalk: dict = MISSING
    nondifferentiable: tuple = ()
    gauge: str = ""                # prose: how f makes its outputs unique, and where the rule is undefined
    output_tex: dict = field(default_factory=dict)   # output name -> its LaTeX, when not the name
    tangents: dict = field(default_factory=dict)     # input -> structure, overriding the assumptions'
    checker_fields: ClassVar[tuple] = ("primitive", "f", "wrt", "jvp", "vjp", "crosswalk")

    @property
    def differentiable_outputs(self) -> tuple:
        return tuple(o for o in self.outputs if o not in self.nondifferentiable)

    def tangent_structure(self, name) -> str:
        return self.tangents.get(name) or _tangent_structure(self.variables[name])

    def jvp_fn(self):
        return self.jvp[1]

    def vjp_fn(self):
        return self.vjp[1]

    def statement_formulas(self):
        out = []
        for role, label, value in (("jvp", "Forward mode (JVP)", self.jvp), ("vjp", "Reverse mode (VJP)", self.vjp)):
            if isinstance(value, tuple) and value and isinstance(value[0], str):
                out.append((role, label, value[0]))
        return out

    def extra_symbols(self):
        names = {self.output_tex.get(o, o) for o in self.outputs if isinstance(o, str)}
        if isinstance(self.variables, dict):
            names |= {v.tex_for(n) for n, v in self.variables.items() if isinstance(v, Var)}
        return ({rf"\dot{{{n}}}" for n in names} | {rf"\bar{{{n}}}" for n in names}
                | {self.output_tex.get(o, o) for o in self.outputs if isinstance(o, str)})

    def search_names(self):
        cw = self.crosswalk if isinstance(self.crosswalk, dict) else {}
        return [str(self.primitive)] + [cw[k] for k in ("pytorch", "jax") if isinstance(cw.get(k), str)]

    def how_checked(self):
        from .verify import DIRECTIONS_PER_INSTANCE as k
        return (f"the forward rule against central differences of f along {k} random tangents per instance; the "
                "reverse rule against the forward one by the adjoint identity (a cotangent's inner product with "
                "the forward rule's tangent equals the reverse rule's cotangent's inner product with the tangent) "
                f"on {k} random tangent and cotangent pairs per instance")

    def restricted_words(self):
        structured = {n: self.tangent_structure(n) for n in self.wrt_names
                      if isinstance(self.variables, dict) and n in self.variables and self.tangent_structure(n) != "general"}
        if not structured:
            return ""
        return "; ".join(f"tangents of {n} are {s}, and its cotangent must be {s} too" for n, s in structured.items())

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if self.primitive not in PRIMITIVES:
            import difflib
            close = difflib.get_close_matches(str(self.primitive), PRIMITIVES, 1)
            out.append(self.problem("MC014", "primitive", f"unknown primitive {self.primitive!r}"
                                    + (f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(PRIMITIVES)}")))
        for w in self.wrt_names:
            if isinstance(self.variables, dict) and w not in self.variables:
                out.append(self.problem("MC014", "wrt", f"wrt {w!r} is not one of the variables {sorted(self.variables)}"))
        if not (isinstance(self.outputs, tuple) and self.outputs and all(isinstance(o, str) and o.isidentifier()
                                                                         for o in self.outputs)):
            out.append(self.problem("MC014", "outputs", "outputs must be a tuple of names, e.g. ('Q', 'R')"))
        elif isinstance(self.variables, dict) and set(self.outputs) & set(self.variables):
            out.append(self.problem("MC014", "outputs", "an output cannot share its name with a variable"))
        elif not set(self.nondifferentiable) <= set(self.outputs) or not self.differentiable_outputs:
            out.append(self.problem("MC014", "nondifferentiable", "name outputs of 'outputs', and leave one differentiable"))
        for name in ("jvp", "vjp"):
            v = getattr(self, name)
            if not (isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and v[0].strip() and callable(v[1])):
                out.append(self.problem("MC029", name, f"give ({name!r} LaTeX, function): a displayed rule carries its checker"))
        if not (isinstance(self.crosswalk, dict) and all(isinstance(self.crosswalk.get(k), str) and self.crosswalk[k]
                                                         for k in ("pytorch", "jax"))):
            out.append(self.problem("MC014", "crosswalk", "crosswalk needs the PyTorch and JAX functions: "
                                    "{'pytorch': 'torch.linalg.inv', 'jax': 'jax.numpy.linalg.inv', ...}"))
        for n, s in self.tangents.items() if isinstance(self.tangents, dict) else ():
            if s not in TANGENT_STRUCTURES:
                out.append(self.problem("MC014", "tangents", f"structure {s!r} of {n} is not one of {TANGENT_STRUCTURES}"))
        if self.derivation and len(self.differentiable_outputs) != 1:
            out.append(self.problem("MC029", "derivation", "a derivation reaches one output's tangent: state the "
                                    "steps of a rule with several outputs in 'also'"))
        return out


@dataclass(kw_only=True, eq=False)
class Expansion(Identity):
    """f(ε) − series(ε) = O(ε^order) as ε → 0: an approximation, checked by the order of its error.

    ``f`` and ``series`` take the small scalar ``eps`` besides the variables. The verifier evaluates
    both at ε = epsilon·2⁻ᵏ (k = 0 … 11) and fits the slope of log‖f − series‖ against log ε: a wrong
    coefficient of any term below ``order`` leaves a remainder of lower order, and the fitted slope
    falls short of the claim.
    """
    complex_ok: ClassVar[bool] = True
    kind: ClassVar[str] = "expansion"
    search_words: ClassVar[str] = "expansion approximation series Taylor first order small"
    fingerprint: ClassVar[tuple] = ()
    claim_field: ClassVar[str] = "series"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 0.5   # the fitted order may fall short of the claim by this much
    words: ClassVar[str] = "Expansion (order of the error checked)"
    skeleton: ClassVar[str] = '''
Expansion(
    id="{id}",
    title="TODO: a short title in words, e.g. Neumann series of (I + εA)⁻¹",
    latex=r"f(\\varepsilon) = s(\\varepsilon) + O(\\varepsilon^{{3}})",  # TODO
    variables={{"A": Matrix("n", "n")}},  # TODO
    f=lambda eps, A: todo("f: the exact value at the small scalar eps"),
    series=lambda eps, A: todo("series: the claimed truncation"),
    order=3,  # TODO: f - series = O(eps**order)
    references=[],  # TODO
    aliases=[],  # TODO
)
'''
    f: Callable = MISSING
    series: Callable = MISSING
    order: int = MISSING
    epsilon: float = 0.05            # the largest ε tried; the others halve it
    checker_fields: ClassVar[tuple] = ("f", "series", "order")

    def extra_symbols(self):
        return {r"\varepsilon", r"\epsilon", "O"}

    def how_checked(self):
        from .verify import EXPANSION_STEPS
        return (f"f and the series evaluated at ε = {self.epsilon:g}·2⁻ᵏ for k = 0 … {EXPANSION_STEPS - 1}; the slope of "
                f"log‖f − series‖ against log ε, fitted over the four smallest ε whose remainder is above rounding, "
                f"must reach the claimed order {self.order} (within 1/2)")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if not (isinstance(self.order, int) and 1 <= self.order <= 6):
            out.append(self.problem("MC013", "order", "order must be a whole number from 1 to 6: the remainder is "
                                    "O(eps**order)"))
        if not (isinstance(self.epsilon, (int, float)) and 0 < self.epsilon <= 0.5):
            out.append(self.problem("MC013", "epsilon", "epsilon, the largest step, must lie in (0, 0.5]"))
        return out


@dataclass(kw_only=True, eq=False)
class Inequality(Identity):
    """lhs ≤ rhs on random instances (entrywise for arrays), and lhs = rhs on the instances ``attained``
    builds, so that a bound made tighter than the truth fails where it is attained.

    ``attained(rng, **values)`` returns the variables (a dict, some or all of them) changed so that
    equality holds; ``attained_words`` says where, for readers.
    """
    complex_ok: ClassVar[bool] = True
    kind: ClassVar[str] = "inequality"
    search_words: ClassVar[str] = "inequality bound"
    fingerprint: ClassVar[tuple] = ("lhs", "rhs")
    claim_field: ClassVar[str] = "rhs"
    reference_field: ClassVar[str] = "lhs"
    tolerance_default: ClassVar[float] = 1e-8
    words: ClassVar[str] = "Inequality (checked where it is attained too)"
    skeleton: ClassVar[str] = '''
Inequality(
    id="{id}",
    title="TODO: a short title in words, e.g. sub-multiplicativity of the Frobenius norm",
    latex=r"L(A) \\le R(A)",  # TODO
    variables={{"A": Matrix("m", "n")}},  # TODO
    lhs=lambda A: todo("lhs: the smaller side"),
    rhs=lambda A: todo("rhs: the bound"),
    attained=lambda rng, A: todo("values of the variables where lhs equals rhs"),
    attained_words="TODO: where the bound is attained, in words",
    references=[],  # TODO
    aliases=[],  # TODO
)
'''
    lhs: Callable = MISSING
    rhs: Callable = MISSING
    attained: Callable = MISSING
    attained_words: str = ""
    checker_fields: ClassVar[tuple] = ("lhs", "rhs", "attained")

    def how_checked(self):
        return ("both sides evaluated on random instances, where the left must not exceed the right, and on "
                "instances where the bound is attained, where they must agree")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if not (isinstance(self.attained_words, str) and self.attained_words.strip()):
            out.append(self.problem("MC013", "attained_words", "say in words where the bound is attained"))
        return out


class Gaussian:
    """The normal distribution with mean and covariance the named variables: expectations of
    polynomials of degree d are exact with the tensor Gauss–Hermite rule of d//2 + 1 nodes a dimension."""
    law = "gaussian"

    def __init__(self, mean: str, cov: str):
        self.mean, self.cov = mean, cov

    def names(self):
        return (self.mean, self.cov)

    def words(self, x):
        return f"{x} is Gaussian with mean {self.mean} and covariance {self.cov}"

    def __repr__(self):
        return f"Gaussian(mean={self.mean!r}, cov={self.cov!r})"


class Discrete:
    """A distribution on a few random atoms whose mean (and, when named, covariance of vec) are exactly
    the named variables, and whose higher moments are whatever the atoms give: an identity that holds for
    every distribution must hold for it, and its expectation is an exact finite sum."""
    law = "discrete"

    def __init__(self, mean: str, cov: str | None = None, atoms: int | None = None):
        self.mean, self.cov, self.atoms = mean, cov, atoms

    def names(self):
        return (self.mean,) + ((self.cov,) if self.cov else ())

    def words(self, x):
        what = f"mean {self.mean}" + (f" and covariance {self.cov}" if self.cov else "")
        return f"{x} has a distribution on finitely many random points, with {what}"

    def __repr__(self):
        return f"Discrete(mean={self.mean!r}, cov={self.cov!r})"


@dataclass(kw_only=True, eq=False)
class Expectation(Identity):
    """E[integrand(x)] = expected(variables) for the random variable x of ``random``, computed exactly:
    by Gauss–Hermite quadrature for a Gaussian x and a polynomial integrand of degree ``degree``, as a
    finite sum for a discrete one."""
    kind: ClassVar[str] = "expectation"
    search_words: ClassVar[str] = "expectation expected value moment mean covariance"
    fingerprint: ClassVar[tuple] = ("expected",)
    claim_field: ClassVar[str] = "expected"
    reference_field: ClassVar[str] = "integrand"
    tolerance_default: ClassVar[float] = 1e-8
    words: ClassVar[str] = "Expectation (computed exactly)"
    skeleton: ClassVar[str] = '''
Expectation(
    id="{id}",
    title="TODO: a short title in words, e.g. mean of a quadratic form",
    latex=r"\\mathbb{{E}}[x^{{\\top}}Ax] = \\operatorname{{tr}}(A\\Sigma) + m^{{\\top}}Am",  # TODO
    variables={{"A": Matrix("n", "n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\\Sigma")}},  # TODO
    random={{"x": Gaussian(mean="m", cov="S")}},
    integrand=lambda x, A, m, S: todo("the integrand at one sample x"),
    expected=lambda A, m, S: todo("the claimed expectation"),
    degree=2,  # TODO: the integrand's degree as a polynomial in x
    references=[],  # TODO
    aliases=[],  # TODO
)
'''
    random: dict = MISSING
    integrand: Callable = MISSING
    expected: Callable = MISSING
    degree: int | None = None        # polynomial degree in x; None: not polynomial (Gaussian only, 1-2 dims)
    sizes: tuple = (2, 3)            # tensor quadrature grows as nodes^n: small dimensions
    checker_fields: ClassVar[tuple] = ("random", "integrand", "expected")

    def extra_symbols(self):
        return set(self.random) if isinstance(self.random, dict) else set()

    def how_checked(self):
        laws = {d.law for d in self.random.values()} if isinstance(self.random, dict) else set()
        if laws == {"discrete"}:
            return ("the expectation computed exactly as a finite sum over a distribution on random points with "
                    "the stated moments, and compared with the claim")
        exact = (f"exact for polynomials of degree {self.degree}" if self.degree is not None
                 else "its error bounded by comparing two rules")
        return f"the expectation computed by Gauss–Hermite quadrature ({exact}) and compared with the claim"

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if not (isinstance(self.random, dict) and len(self.random) == 1
                and all(isinstance(d, (Gaussian, Discrete)) for d in self.random.values())):
            out.append(self.problem("MC013", "random", "random must be {name: Gaussian(mean=..., cov=...)} or "
                                    "{name: Discrete(mean=..., cov=...)}: one random variable (stack several into one)"))
            return out
        for x, d in self.random.items():
            if x in self.variables:
                out.append(self.problem("MC013", "random", f"the random variable {x!r} is also a variable"))
            for n in d.names():
                if n not in self.variables:
                    out.append(self.problem("MC013", "random", f"{d!r} names {n!r}, which is not a variable"))
            if isinstance(d, Gaussian) and d.cov in self.variables and "spd" not in self.variables[d.cov].assume:
                out.append(self.problem("MC013", "random", f"the covariance {d.cov!r} must be declared 'spd'"))
        if self.degree is not None and not (isinstance(self.degree, int) and 0 <= self.degree <= 8):
            out.append(self.problem("MC013", "degree", "degree must be a whole number from 0 to 8, or None"))
        return out


COMPLEX_CONVENTIONS = {
    "real": "the partial derivatives by the real parts, ∂f/∂(Re z)",
    "imag": "the partial derivatives by the imaginary parts, ∂f/∂(Im z)",
    "z": "the generalised complex derivative ∂f/∂z = ½(∂f/∂(Re z) − i ∂f/∂(Im z))",
    "conj": "the conjugate complex derivative ∂f/∂z̄ = ½(∂f/∂(Re z) + i ∂f/∂(Im z))",
    "gradient": "the complex gradient ∂f/∂(Re z) + i ∂f/∂(Im z), which is 2 ∂f/∂z̄",
}


@dataclass(kw_only=True, eq=False)
class ComplexDerivative(Identity):
    """The derivative of a scalar f (complex- or real-valued) by a complex variable, entry by entry, in
    one of the Matrix Cookbook's conventions (``convention``: real, imag, z, conj or gradient).

    The verifier differences f along random real directions E of the real part (X + hE) and of the
    imaginary part (X + ihE) separately, and compares each convention's combination of the two with
    Σ G_ij E_ij, so that a claim that is right only for holomorphic f, or conjugated, fails.
    """
    complex_ok: ClassVar[bool] = True
    kind: ClassVar[str] = "complex_derivative"
    search_words: ClassVar[str] = "complex derivative Wirtinger conjugate gradient"
    fingerprint: ClassVar[tuple] = ("f", "claimed")
    claim_field: ClassVar[str] = "claimed"
    reference_field: ClassVar[str] = "f"
    tolerance_default: ClassVar[float] = 1e-6
    words: ClassVar[str] = "Complex derivative"
    skeleton: ClassVar[str] = '''
ComplexDerivative(
    id="{id}",
    title="TODO: a short title in words",
    latex=r"\\frac{{\\partial f}}{{\\partial \\Re X}} = G",  # TODO
    variables={{"X": Matrix("m", "n", "complex")}},  # TODO
    wrt="X",
    convention="real",  # real | imag | z | conj | gradient
    f=lambda X: todo("f: a scalar, complex or real"),
    claimed=lambda X: todo("claimed: the shape of X, entry (i, j) the derivative by X_ij"),
    references=[],  # TODO
    aliases=[],  # TODO
)
'''
    f: Callable = MISSING
    claimed: Callable = MISSING
    wrt: str = MISSING
    convention: str = MISSING
    checker_fields: ClassVar[tuple] = ("f", "claimed", "wrt", "convention")

    def how_checked(self):
        from .verify import DIRECTIONS_PER_INSTANCE as k
        return (f"central differences of f along {k} random real directions of the real part and of the imaginary "
                f"part separately, combined as the convention says ({COMPLEX_CONVENTIONS.get(self.convention, '')}) "
                "and compared with the claim applied to the direction")

    def problems(self):
        out = super().problems()
        if any(p.code == "MC001" for p in out):
            return out
        if self.convention not in COMPLEX_CONVENTIONS:
            out.append(self.problem("MC013", "convention", f"convention must be one of {sorted(COMPLEX_CONVENTIONS)}"))
        if isinstance(self.variables, dict) and self.wrt not in self.variables:
            out.append(self.problem("MC014", "wrt", f"wrt {self.wrt!r} is not one of the variables {sorted(self.variables)}"))
        elif isinstance(self.variables, dict) and not vocab.is_complex(self.variables[self.wrt].assume):
            out.append(self.problem("MC014", "wrt", f"{self.wrt!r} must be declared complex (or hermitian, unitary, hpd)"))
        return out


# "symmetric": perturb only along symmetric directions (the gradient on the space of symmetric
# matrices); "symmetric_entries": entry (i, j) is the partial derivative by the independent entry
# X_ij of a symmetric X, X_ji moving with it (the Matrix Cookbook's G + Gᵀ − G∘I).
DIRECTIONS = {"general", "symmetric", "diagonal", "symmetric_entries"}
KINDS = {c.kind: c for c in (Equality, Derivative, Differential, Hessian, ADRule, Expansion, Inequality,
                                Expectation, ComplexDerivative)}


def _tolerant(cls):
    """Let a misspelt field become a reported problem instead of an exception that would take
    the rest of the file down with it."""
    init = cls.__init__
    names = {f.name for f in fields(cls)}

    def __init__(self, *args, **kwargs):
        unknown = {k: kwargs.pop(k) for k in list(kwargs) if k not in names}
        init(self, *args, **kwargs)
        self._unknown = unknown

    cls.__init__ = __init__
    return cls


for _cls in KINDS.values():
    _tolerant(_cls)


# Records register themselves here as they are built; the loader swaps the list per file.
_collector: list = []


def collecting():
    """Context manager: records built inside are returned in a list (definition order)."""
    import contextlib

    @contextlib.contextmanager
    def ctx():
        global _collector
        saved, _collector = _collector, []
        box = _collector
        try:
            yield box
        finally:
            _collector = saved
    return ctx()


def record_fields(record) -> list[str]:
    return [f.name for f in fields(record)]
