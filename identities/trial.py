"""Check your own derivative: ``python -m identities try F --claim G --wrt X --shapes ...``.

A reader's gradient of a scalar function, written as two NumPy expressions, is built into a real
:class:`~identities.model.Derivative` with fixed sizes and handed to the catalogue's own verifier:
random instances honouring the assumptions, several directions per instance, the same tolerance,
and the proof that the check rejects wrong answers (the mutations). A verified claim names the
catalogue's entries that make it; a wrong one gets the error, its seed, a one-line reproducer and,
where one fits, the likely mistake (a transpose, a factor of 2, a sign).

The expressions are parsed with :mod:`ast` and evaluated in a namespace that holds only ``np`` and
the declared variables, without builtins; names and attributes beginning with an underscore,
lambdas, comprehensions, assignment expressions and numpy's file and process functions are refused.
That stops the obvious escapes (``__import__('os')``, ``().__class__``, ``np.__dict__``); it is not
a sandbox for code from strangers.

    >>> from identities import try_claim
    >>> r = try_claim("np.trace(A @ X @ B)", "A.T @ B.T", wrt="X", shapes="A=3x4,X=4x5,B=5x3")
    >>> r.ok, [m["id"] for m in r.matches]
    (True, ['E354'])
"""
from __future__ import annotations

import ast
import copy
import difflib
import itertools
import json
import keyword
import re
import shlex
import zlib
from dataclasses import dataclass, field

import numpy as np

from . import assumptions as vocab
from .model import LAYOUTS, Derivative, Var, collecting

SHAPES_HELP = ("comma-separated NAME=SHAPE: 'A=3x4' a 3 × 4 matrix, 'x=4' a vector of length 4 (a column, "
               "held as a 1-D array), 'a=scalar' a scalar")
ASSUME_HELP = ("comma-separated NAME=WORD, several words joined by '+' ('X=spd', 'A=symmetric+nonzero_entries'); "
               "the words: " + ", ".join(sorted(vocab.VOCABULARY)))

# numpy's file, memory and process machinery, and its global state: never needed by a gradient
_FORBIDDEN_ATTRIBUTES = {
    "load", "loads", "save", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt", "fromfile",
    "fromregex", "tofile", "dump", "dumps", "memmap", "DataSource", "ctypeslib", "ctypes", "lib", "testing",
    "f2py", "distutils", "os", "sys", "core", "compat", "get_include", "show_config", "show_runtime", "info",
    "source", "lookfor", "who", "seterr", "seterrcall", "setbufsize", "set_printoptions", "set_string_function",
    "frombuffer", "from_dlpack", "vectorize", "frompyfunc", "piecewise", "apply_along_axis", "apply_over_axes",
    "__dict__", "random",
}
_REFUSED_NODES = {
    ast.Lambda: "a lambda", ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension", ast.GeneratorExp: "a generator expression",
    ast.NamedExpr: "an assignment expression (:=)", ast.Await: "await", ast.Yield: "yield",
    ast.YieldFrom: "yield", ast.JoinedStr: "an f-string",
}
RESERVED = {"np"}


class TryInputError(ValueError):
    """Input that cannot be checked: malformed shapes or assumptions, an unknown symbol, shapes
    that do not multiply, an F that is not scalar-valued, a refused expression."""


# --------------------------------------------------------------------------------------------
# Result


@dataclass
class TryResult:
    """What ``try`` found. ``verdict`` is "verified", "wrong" or "bad input"; ``ok`` is True when
    the claim was verified (and the check shown able to reject wrong answers)."""
    verdict: str
    error: str = ""
    likely_mistake: str | None = None
    matches: list = field(default_factory=list)   # catalogue entries making the same claim
    related: list = field(default_factory=list)   # entries with the same F but another claim (when wrong)
    seed: int | None = None
    reproducer: str = ""
    f: str = ""
    claim: str = ""
    wrt: str = ""
    layout: str = "denominator"
    shapes: dict = field(default_factory=dict)
    assume: dict = field(default_factory=dict)
    report: object = field(default=None, repr=False)   # the verifier's Report

    @property
    def ok(self) -> bool:
        return self.verdict == "verified"

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 2 if self.verdict == "bad input" else 1

    def summary(self) -> str:
        """How the verifier judged it, in one line (empty for bad input)."""
        rep = self.report
        if rep is None or not rep.instances:
            return ""
        killed, total = rep.mutation_kill_rate()
        seeds = [r.seed for r in rep.instances]
        span = f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {seeds[0]}–{seeds[-1]}"
        largest = rep.max_raw
        err = f"largest error {largest:.1e}" if np.isfinite(largest) else "no error measured"
        proof = f"; {killed}/{total} wrong answers rejected" if total else ""
        return (f"{len(rep.instances)} random instances ({span}), {err}, tolerance {rep.tolerance:.0e}"
                f"{proof}")

    def as_dict(self) -> dict:
        rep = self.report
        out = {
            "verdict": self.verdict, "ok": self.ok, "exit_code": self.exit_code,
            "f": self.f, "claim": self.claim, "wrt": self.wrt, "layout": self.layout,
            "shapes": {k: list(v) for k, v in self.shapes.items()},
            "assume": {k: list(v) for k, v in self.assume.items()},
            "error": self.error or None, "likely_mistake": self.likely_mistake,
            "matches": self.matches, "related": self.related, "seed": self.seed,
            "reproducer": self.reproducer or None,
        }
        if rep is not None:
            killed, total = rep.mutation_kill_rate()
            out["check"] = {
                "instances": [{"seed": r.seed, "error": r.raw if np.isfinite(r.raw) else None,
                               "score": r.score if np.isfinite(r.score) else None,
                               "failure": r.error or None} for r in rep.instances],
                "tolerance": rep.tolerance, "wrong_answers_rejected": killed, "wrong_answers_tried": total,
                "mutations": dict(rep.mutations),
            }
        return out

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False, default=float)

    def text(self) -> str:
        if self.verdict == "bad input":
            return f"error: {self.error}"
        lines = []
        what = f"∂/∂{self.wrt} of {self.f} = {self.claim} ({self.layout} layout)"
        if self.ok:
            lines.append(f"verified: {what}")
            lines.append(f"  {self.summary()}")
            same = [m for m in self.matches if m["relation"] == "same claim"]
            other = [m for m in self.matches if m["relation"] != "same claim"]
            if same:
                lines.append("the catalogue makes the same claim:")
            for m in same + other:
                lead = "" if m["relation"] == "same claim" else f"({m['relation']}) "
                lines.append(f"  {m['id']}  {m['title']}  {lead}{m['how']}".rstrip() + f"  {m['url']}")
            if not self.matches:
                lines.append("no catalogue entry makes this claim")
        else:
            lines.append(f"wrong: {what}")
            lines.append(f"  {self.error}")
            if self.likely_mistake:
                lines.append(f"likely mistake: {self.likely_mistake}")
            for m in self.related:
                lead = "" if m["relation"] == "same claim" else f"({m['relation']}) "
                lines.append(f"the catalogue's entry for this F: {m['id']}  {m['title']}  {lead}{m['how']}".rstrip()
                             + f"  {m['url']}")
            lines.append(f"seed: {self.seed}")
            lines.append(f"reproduce: {self.reproducer}")
        return "\n".join(lines)

    __str__ = text


# --------------------------------------------------------------------------------------------
# Parsing the input


def parse_shapes(spec) -> dict:
    """'A=3x4,x=4,a=scalar' (or a dict name -> shape tuple) -> {name: shape tuple}."""
    if isinstance(spec, dict):
        items = [(str(k), v) for k, v in spec.items()]
        out = {}
        for name, shape in items:
            _check_name(name)
            if isinstance(shape, str):
                out[name] = _parse_one_shape(name, shape)
                continue
            shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
            if len(shape) > 2 or not all(isinstance(d, (int, np.integer)) and d > 0 for d in shape):
                raise TryInputError(f"shape of {name!r}: give () for a scalar, (n,) for a vector, (m, n) for a "
                                    f"matrix, with positive sizes, not {shape!r}")
            out[name] = tuple(int(d) for d in shape)
        if not out:
            raise TryInputError("no variables: --shapes declares them, e.g. 'A=3x4,X=4x5'")
        return out
    if not isinstance(spec, str) or not spec.strip():
        raise TryInputError(f"--shapes is empty: declare every variable, e.g. 'A=3x4,X=4x5,B=5x3' ({SHAPES_HELP})")
    out = {}
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        if item.count("=") != 1:
            raise TryInputError(f"malformed --shapes item {item!r}: write NAME=SHAPE ({SHAPES_HELP})")
        name, shape = (s.strip() for s in item.split("="))
        _check_name(name)
        if name in out:
            raise TryInputError(f"--shapes declares {name!r} twice")
        out[name] = _parse_one_shape(name, shape)
    if not out:
        raise TryInputError(f"--shapes declares no variable ({SHAPES_HELP})")
    return out


def _parse_one_shape(name, text) -> tuple:
    t = text.strip().lower()
    if t in ("scalar", "()"):
        return ()
    parts = re.split(r"\s*[x×*,]\s*", t)
    if not (1 <= len(parts) <= 2) or not all(p.isdigit() for p in parts):
        raise TryInputError(f"malformed shape {text!r} for {name!r}: 'm x n' like '3x4' for a matrix, 'n' like '4' "
                            f"for a vector, 'scalar' for a scalar ({SHAPES_HELP})")
    dims = tuple(int(p) for p in parts)
    if any(d <= 0 for d in dims):
        raise TryInputError(f"shape {text!r} of {name!r}: sizes must be positive")
    return dims


def _check_name(name):
    if not name.isidentifier() or keyword.iskeyword(name):
        raise TryInputError(f"{name!r} is not a variable name (letters, digits and underscores, not a keyword)")
    if name.startswith("_"):
        raise TryInputError(f"variable names may not start with an underscore: {name!r}")
    if name in RESERVED:
        raise TryInputError(f"{name!r} is reserved for numpy; choose another variable name")


def parse_assumptions(spec, shapes: dict) -> dict:
    """'X=spd,A=symmetric+positive' (or a dict name -> word or words) -> {name: (word, ...)}."""
    items = []
    if spec is None:
        return {}
    if isinstance(spec, dict):
        for k, v in spec.items():
            words = [v] if isinstance(v, str) else list(v)
            items += [(str(k), w) for word in words for w in str(word).split("+")]
    else:
        texts = [spec] if isinstance(spec, str) else list(spec)
        for text in texts:
            for item in str(text).split(","):
                item = item.strip()
                if not item:
                    continue
                if item.count("=") != 1:
                    raise TryInputError(f"malformed --assume item {item!r}: write NAME=WORD, e.g. 'X=spd' "
                                        f"({ASSUME_HELP})")
                name, words = (s.strip() for s in item.split("="))
                items += [(name, w.strip()) for w in words.split("+")]
    out: dict = {}
    for name, word in items:
        if name not in shapes:
            raise TryInputError(f"--assume names {name!r}, which --shapes does not declare "
                                f"(the variables are {', '.join(shapes)})")
        if word not in vocab.VOCABULARY:
            # an abbreviation ('sym', 'pd') is what a reader types most often
            close = ([w for w in sorted(vocab.VOCABULARY) if w.startswith(word)][:1] if word else []) \
                or difflib.get_close_matches(word, list(vocab.VOCABULARY), 1)
            hint = f"; did you mean {close[0]!r}?" if close else "."
            raise TryInputError(f"unknown assumption {word!r} for {name}{hint} The known ones are: "
                                + ", ".join(sorted(vocab.VOCABULARY)))
        a = vocab.VOCABULARY[word]
        shape = shapes[name]
        kind = ("scalar", "vector", "matrix")[len(shape)]
        if kind not in a.kinds:
            raise TryInputError(f"'{word}' applies to a {' or '.join(a.kinds)}, but {name} is a {kind}")
        if a.square and shape[0] != shape[1]:
            raise TryInputError(f"'{word}' needs a square matrix, but {name} is {shape[0]} × {shape[1]}")
        if a.tall and not shape[0] > shape[1]:
            raise TryInputError(f"'{word}' needs more rows than columns, but {name} is {shape[0]} × {shape[1]}")
        if a.wide and not shape[0] < shape[1]:
            raise TryInputError(f"'{word}' needs more columns than rows, but {name} is {shape[0]} × {shape[1]}")
        out.setdefault(name, [])
        if word not in out[name]:
            out[name].append(word)
    for name, words in out.items():
        why = vocab.incompatible(words)
        if why:
            raise TryInputError(f"the assumptions on {name} cannot be sampled together: {why}")
    return {k: tuple(v) for k, v in out.items()}


def parse_expression(text: str, what: str, names) -> ast.Expression:
    """Parse one NumPy expression, refusing anything but arithmetic on ``np`` and the variables."""
    if not isinstance(text, str) or not text.strip():
        raise TryInputError(f"{what} is empty")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise TryInputError(f"{what} is not a Python expression ({exc.msg}): {text!r}; imports and statements "
                            "are not accepted") from None
    for node in ast.walk(tree):
        for kind, words in _REFUSED_NODES.items():
            if isinstance(node, kind):
                raise TryInputError(f"{what} may not contain {words}: only arithmetic on np and the variables")
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise TryInputError(f"{what} may not use names that start with an underscore: {node.id!r}")
            if node.id not in names and node.id not in RESERVED:
                raise TryInputError(f"unknown symbol {node.id!r} in {what}: the expression may use np and the "
                                    f"variables {', '.join(names)}; declare {node.id} in --shapes")
            if not isinstance(node.ctx, ast.Load):
                raise TryInputError(f"{what} may not assign to {node.id!r}")
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise TryInputError(f"{what} may not use attributes that start with an underscore: "
                                    f".{node.attr}")
            if node.attr in _FORBIDDEN_ATTRIBUTES:
                raise TryInputError(f"{what} may not use .{node.attr}: files, memory, processes and numpy's "
                                    "global state are out of bounds (and so is randomness: f must be a function)")
    return tree


def _namespace(values: dict) -> dict:
    return {"__builtins__": {}, "np": np, **values}


def _compiled(tree, label):
    code = compile(tree, f"<{label}>", "eval")

    def fn(**values):
        with np.errstate(all="ignore"):
            return eval(code, _namespace(values))  # noqa: S307 - parsed and restricted above
    fn.__name__ = label
    return fn


def _shape_text(v) -> str:
    s = np.shape(v)
    return "a scalar" if s == () else f"shape {s}"


def _explain(tree, values, what, exc) -> str:
    """The innermost subexpression that fails, with its operands' shapes: NumPy's error translated."""
    culprit = None
    for node in _postorder(tree.body):
        try:
            code = compile(ast.Expression(node), "<sub>", "eval")
        except (SyntaxError, TypeError, ValueError):
            continue
        try:
            with np.errstate(all="ignore"):
                eval(code, _namespace(values))  # noqa: S307
        except Exception as sub:  # noqa: BLE001 - the reader's expression: report it
            culprit, exc = node, sub
            break
    if culprit is None:
        return f"{what} raised {type(exc).__name__}: {exc}"

    def val(n):
        with np.errstate(all="ignore"):
            return eval(compile(ast.Expression(n), "<sub>", "eval"), _namespace(values))  # noqa: S307

    text = ast.unparse(culprit)
    if isinstance(culprit, ast.BinOp):
        left, right = ast.unparse(culprit.left), ast.unparse(culprit.right)
        try:
            lv, rv = val(culprit.left), val(culprit.right)
        except Exception:  # noqa: BLE001
            return f"{what}: {text} raised {type(exc).__name__}: {exc}"
        ls, rs = np.shape(lv), np.shape(rv)
        if isinstance(culprit.op, ast.MatMult):
            if ls == () or rs == ():
                return (f"shapes do not multiply in {what}: {text}: @ takes no scalar operand "
                        f"({left} has {_shape_text(lv)}, {right} has {_shape_text(rv)}); use * for a scalar")
            k_left = ls[-1]
            k_right = rs[0] if len(rs) == 1 else rs[-2]
            lw = "the length" if len(ls) == 1 else "the columns"
            rw = "the length" if len(rs) == 1 else "the rows"
            return (f"shapes do not multiply in {what}: {text}: {left} has shape {ls} and {right} has shape {rs}; "
                    f"@ needs {lw} of {left} ({k_left}) to equal {rw} of {right} ({k_right})")
        op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}.get(type(culprit.op), "")
        if "broadcast" in str(exc):
            hint = "; for a matrix product use @" if op == "*" else ""
            return (f"shapes do not match in {what}: {text}: {left} has shape {ls} and {right} has shape {rs}, "
                    f"which do not broadcast for element-wise {op}{hint}")
    if isinstance(culprit, ast.Attribute) and isinstance(exc, AttributeError):
        owner = ast.unparse(culprit.value)
        return f"{what}: {owner} has no attribute {culprit.attr!r} ({text})"
    if isinstance(culprit, ast.Call):
        try:
            shapes = ", ".join(_shape_text(val(a)) for a in culprit.args)
        except Exception:  # noqa: BLE001
            shapes = ""
        where = f" on arguments of {shapes}" if shapes else ""
        kind = "shapes do not fit" if isinstance(exc, (ValueError, np.linalg.LinAlgError)) else "cannot evaluate"
        return f"{kind} in {what}: {text} fails{where}: {type(exc).__name__}: {exc}"
    return f"{what}: {text} raised {type(exc).__name__}: {exc}"


def _postorder(node):
    for child in ast.iter_child_nodes(node):
        yield from _postorder(child)
    if isinstance(node, ast.expr) and not isinstance(node, (ast.Starred, ast.Slice)):
        yield node


# --------------------------------------------------------------------------------------------
# The record


def _record(f, claimed, wrt, layout, shapes, assume, title="your derivative") -> Derivative:
    with collecting():  # a record built here is no catalogue's
        return Derivative(
            id="TRY0", title=title, latex=r"\frac{\partial f}{\partial X} = G",
            variables={n: Var(tuple(s), tuple(assume.get(n, ()))) for n, s in shapes.items()},
            wrt=wrt, layout=layout, f=f, claimed=claimed, sketch="a reader's own derivative",
            aliases=["try"],
        )


def default_seed(f, claim, wrt, shapes, assume, layout) -> int:
    text = "|".join([f, claim, wrt, repr(sorted(shapes.items())), repr(sorted(assume.items())), layout])
    return zlib.crc32(text.encode()) % 1_000_000


def _quote_shapes(shapes) -> str:
    return ",".join(f"{n}={'x'.join(map(str, s)) if s else 'scalar'}" for n, s in shapes.items())


def _reproducer(f, claim, wrt, shapes, assume, layout, seed) -> str:
    parts = ["python", "-m", "identities", "try", f, "--claim", claim, "--wrt", wrt, "--shapes", _quote_shapes(shapes)]
    if assume:
        parts += ["--assume", ",".join(f"{n}={'+'.join(w)}" for n, w in assume.items())]
    if layout != "denominator":
        parts += ["--layout", layout]
    parts += ["--seed", str(seed)]
    return " ".join(shlex.quote(p) if p not in ("python", "-m") else p for p in parts)


# --------------------------------------------------------------------------------------------
# Checking


def try_claim(f: str, claim: str, wrt: str, shapes, assume=None, layout: str = "denominator",
              seed: int | None = None, instances: int | None = None, catalogue=None) -> TryResult:
    """Check the claim that the ``layout``-layout gradient of the scalar ``f`` by ``wrt`` is ``claim``.

    ``f`` and ``claim`` are NumPy expressions in the variables of ``shapes`` ('A=3x4,x=4,a=scalar' or
    a dict name -> shape tuple); ``assume`` gives assumption words ('X=spd' or {"X": "spd"}). Never
    raises for bad input: the result's verdict is then "bad input" and its ``error`` says why."""
    res = TryResult("bad input", f=str(f), claim=str(claim), wrt=str(wrt), layout=str(layout))
    try:
        return _try(res, f, claim, wrt, shapes, assume, layout, seed, instances, catalogue)
    except TryInputError as exc:
        res.verdict, res.error = "bad input", str(exc)
        return res


def _try(res, f, claim, wrt, shapes, assume, layout, seed, instances, cat) -> TryResult:
    from .sample import draw
    from .verify import verify

    if layout not in LAYOUTS:
        raise TryInputError(f"layout must be 'numerator' or 'denominator', not {layout!r}")
    shapes = parse_shapes(shapes)
    res.shapes = shapes
    if wrt not in shapes:
        raise TryInputError(f"--wrt {wrt!r} is not a declared variable (the variables are {', '.join(shapes)})")
    assume = parse_assumptions(assume, shapes)
    res.assume = assume
    if instances is not None and (not isinstance(instances, int) or instances < 1):
        raise TryInputError("instances must be a positive number")
    names = list(shapes)
    f_tree = parse_expression(f, "F", names)
    g_tree = parse_expression(claim, "the claim", names)
    F, G = _compiled(f_tree, "F"), _compiled(g_tree, "claim")
    if seed is None:
        seed = default_seed(f, claim, wrt, shapes, assume, layout)
    res.seed = seed
    res.reproducer = _reproducer(f, claim, wrt, shapes, assume, layout, seed)
    record = _record(F, G, wrt, layout, shapes, assume)

    # bad input is found on one instance honouring the assumptions, before the verifier runs
    inst = draw(record, seed)
    values = dict(inst.values)
    for tree, fn, what in ((f_tree, F, "F"), (g_tree, G, "the claim")):
        try:
            out = fn(**values)
        except Exception as exc:  # noqa: BLE001 - the reader's expression
            raise TryInputError(_explain(tree, values, what, exc)) from None
        if what == "F":
            shape = np.shape(out)
            if shape != ():
                hint = ""
                if shape in ((1, 1), (1,)):
                    hint = (": a 1 × 1 result, perhaps because a vector was declared as a matrix — declare it "
                            "'x=4' (a vector) so that x.T @ A @ x is a scalar, or take .item() of it")
                raise TryInputError(f"F is not scalar-valued: it has shape {shape}{hint}; try checks gradients of "
                                    "scalar functions (take np.trace(...), np.sum(...) or a norm of it)")

    report = verify(record, seed=seed, instances=instances, mutations=True, formulas=False, errata=False)
    res.report = report
    if report.passed:
        res.verdict = "verified"
        res.matches = [m for m in find_same(F, G, wrt, layout, shapes, assume, seed, cat) if m["claim_agrees"]]
        return res
    res.verdict = "wrong"
    if report.ok:
        weak = ", ".join(report.weak_mutations())
        res.error = (f"the claim agrees with F's derivative, but the check cannot tell wrong answers from it "
                     f"(accepted: {weak}): F does not vary with {wrt} on these instances, so there is nothing to "
                     "check")
    else:
        r = report.failing[0]
        res.seed = r.seed
        res.reproducer = _reproducer(f, claim, wrt, shapes, assume, layout, r.seed)
        if r.error:
            who = {"f": "F", "claimed": "the claim"}.get(r.field, r.field)
            res.error = f"on instance seed={r.seed}: {who} {r.error}"
        else:
            res.error = (f"on instance seed={r.seed}: the claim disagrees with the derivative of F (central "
                         f"differences along random directions): error {r.score:.2e}, tolerance "
                         f"{report.tolerance:.0e}")
        res.likely_mistake = _likely_mistake(record, report, r, f, wrt, shapes, layout, seed, instances)
    res.related = [m for m in find_same(F, G, wrt, layout, shapes, assume, res.seed, cat)
                   if not m["claim_agrees"]]
    return res


def _likely_mistake(record, report, failure, f_text, wrt, shapes, layout, seed, instances) -> str | None:
    from .verify import verify

    if failure.field == "f":
        if "NaN" in failure.error or "infinity" in failure.error:
            if "log" in f_text and "det" in f_text:
                return (f"F is not defined on every {wrt} the assumptions allow: the log of a negative determinant; "
                        f"assume {wrt}=spd (--assume {wrt}=spd), or write np.linalg.slogdet({wrt})[1] for "
                        f"log |det {wrt}|")
            return ("F is not finite on every sample the assumptions allow: add the assumption under which it is "
                    f"defined (--assume {wrt}=spd, {wrt}=positive, ...)")
        return None
    G = record.claimed
    shape = shapes[wrt]
    if len(shape) == 2:
        where = (f"the shape of {wrt} ({shape[0]} × {shape[1]})" if layout == "denominator"
                 else f"the shape of {wrt}ᵀ ({shape[1]} × {shape[0]})")
        other = "numerator" if layout == "denominator" else "denominator"
        transpose = (f"the transpose fits: in {layout} layout the gradient has {where}; your claim is the "
                     f"{other}-layout gradient (verified with --layout {other})")
    else:
        transpose = None
    candidates = []
    if transpose:
        candidates.append((lambda **v: np.transpose(G(**v)), transpose))
    if len(shape) == 1:
        if layout == "denominator":
            candidates.append((lambda **v: np.ravel(G(**v)),
                               f"a row for a column: in denominator layout the gradient by the vector {wrt} is a "
                               f"column, a 1-D array of shape ({shape[0]},); np.ravel(claim) is verified"))
        else:
            candidates.append((lambda **v: np.reshape(G(**v), (1, -1)),
                               f"a column for a row: in numerator layout the gradient by the vector {wrt} is a row, "
                               f"shape (1, {shape[0]}) (claim[None, :]); as a row your claim is verified"))
    candidates += [
        (lambda **v: 2 * G(**v), "a factor of 2: the gradient is twice your claim (2 * claim is verified)"),
        (lambda **v: G(**v) / 2, "a factor of 2: the gradient is half your claim (claim / 2 is verified)"),
        (lambda **v: -G(**v), "a sign: the gradient is the negative of your claim (-claim is verified)"),
    ]
    for fn, words in candidates:
        cand = copy.copy(record)
        cand.claimed = fn
        try:
            if verify(cand, seed=seed, instances=instances, mutations=False, formulas=False, errata=False).ok:
                return words
        except Exception:  # noqa: BLE001 - a candidate that cannot even be evaluated fits nothing
            continue
    return None


# --------------------------------------------------------------------------------------------
# The catalogue's entries that make the same claim


def _denominator(g, layout, wrt_ndim):
    """A scalar's gradient converted to denominator layout (the shape of the variable)."""
    g = np.asarray(g, dtype=np.float64)
    if layout == "denominator":
        return g
    if wrt_ndim == 2:
        return g.T
    if wrt_ndim == 1 and g.ndim == 2 and g.shape[0] == 1:
        return g[0]
    return g


def _close(a, b, tol=1e-8) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    scale = max(float(np.linalg.norm(a)), float(np.linalg.norm(b)), 1e-12)
    return float(np.linalg.norm(a - b)) <= tol * scale


def _mappings(entry, shapes, wrt, limit=24):
    """Bijections user name -> entry name that fit by kind and shape (consistent dimension sizes),
    those that keep the most names first; at most ``limit``."""
    evars = entry.variables
    if len(evars) != len(shapes) or entry.wrt not in evars:
        return []
    ekind = {n: len(v.shape) for n, v in evars.items()}
    if ekind[entry.wrt] != len(shapes[wrt]):
        return []
    if sorted(ekind.values()) != sorted(len(s) for s in shapes.values()):
        return []
    users = [u for u in shapes if u != wrt]
    targets = [e for e in evars if e != entry.wrt]
    found = []
    for perm in itertools.permutations(targets):
        m = {wrt: entry.wrt, **dict(zip(users, perm))}
        sizes, fits = {}, True
        for u, e in m.items():
            es, us = evars[e].shape, shapes[u]
            if len(es) != len(us):
                fits = False
                break
            for d, size in zip(es, us):
                if isinstance(d, str):
                    if sizes.setdefault(d, size) != size:
                        fits = False
                        break
                elif d != size:
                    fits = False
                    break
            if not fits:
                break
        if fits:
            found.append((sum(u != e for u, e in m.items()), m))
        if len(found) >= 4 * limit:
            break
    found.sort(key=lambda t: t[0])
    return [m for _, m in found[:limit]]


def _relation(entry, m, assume) -> tuple[str, list]:
    mine = {m[u]: vocab.closure(assume.get(u, ())) for u in m}
    theirs = {e: vocab.closure(v.assume) for e, v in entry.variables.items()}
    extra = sorted({f"{e} {w}" for e, ws in theirs.items() for w in ws - mine[e] if w != "square"})
    fewer = any(mine[e] - theirs[e] - {"square"} for e in theirs)
    if extra:
        return "a special case: it assumes " + ", ".join(extra), extra
    if fewer:
        return "more general: it assumes less", []
    return "same claim", []


def find_same(F, G, wrt, layout, shapes, assume, seed, cat=None) -> list[dict]:
    """Derivative entries whose function agrees with F, and whether their claim agrees with G, on
    one instance of the entry drawn at the reader's sizes with both sets of assumptions."""
    from . import catalogue as load_catalogue
    from .sample import draw

    cat = cat if cat is not None else load_catalogue()
    out = []
    for entry in cat:
        if entry.kind != "derivative" or not entry.live or getattr(entry, "directions", "general") == "symmetric_entries":
            continue
        best = None
        for m in _mappings(entry, shapes, wrt):
            inverse = {e: u for u, e in m.items()}
            variables = {}
            for e, v in entry.variables.items():
                words = tuple(dict.fromkeys(tuple(v.assume) + tuple(assume.get(inverse[e], ()))))
                if vocab.incompatible(words):
                    variables = None
                    break
                variables[e] = Var(shapes[inverse[e]], words, v.tex, v.description)
            if variables is None:
                continue
            probe = copy.copy(entry)
            probe.variables = variables
            try:
                inst = draw(probe, seed)
                ev = dict(inst.values)
                uv = {inverse[e]: val for e, val in ev.items()}
                with np.errstate(all="ignore"):
                    f_entry, f_mine = entry.f(**ev), F(**uv)
                    if np.shape(f_entry) != () or not _close(f_entry, f_mine):
                        continue
                    g_entry = _denominator(entry.claimed(**ev), entry.layout, len(entry.variables[entry.wrt].shape))
                    g_mine = _denominator(G(**uv), layout, len(shapes[wrt]))
            except Exception:  # noqa: BLE001 - an entry that cannot be drawn at these sizes fits nothing
                continue
            relation, _ = _relation(entry, m, assume)
            renamed = [f"your {u} is its {e}" for u, e in m.items() if u != e]
            hit = {"id": entry.id, "title": entry.title, "url": entry.url(), "latex": entry.latex,
                   "mapping": dict(m), "relation": relation, "claim_agrees": _close(g_entry, g_mine),
                   "how": f"({'; '.join(renamed)})" if renamed else ""}
            if best is None or (hit["claim_agrees"] and not best["claim_agrees"]):
                best = hit
            if best["claim_agrees"]:
                break
        if best is not None:
            out.append(best)
    order = {"same claim": 0}
    out.sort(key=lambda d: (order.get(d["relation"], 1 if d["relation"].startswith("more") else 2), d["id"]))
    return out
