"""The sympy cross-check: does sympy's matrix-expression derivative agree with an entry?

For a Derivative record with ``symbolic`` (f rebuilt from sympy MatrixSymbols), sympy
differentiates f itself (``expr.diff(X)``) and the result is evaluated on the entry's first
random instance and compared with the claim. The outcome is recorded, not asserted: where
sympy disagrees, the entry's own check (finite differences) says which side is right, and the
errata page lists the case. sympy is pinned (pyproject.toml), so the outcomes are stable.
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass

import numpy as np

from .model import Derivative
from .sample import draw, instance_seeds

AGREES, DISAGREES, NOT_COMPUTED, NOT_EXPRESSIBLE = "agrees", "disagrees", "not computed by sympy", "not expressible"
TOLERANCE = 1e-8


@dataclass(frozen=True)
class CrossCheck:
    status: str
    detail: str = ""
    error: float | None = None
    sympy_version: str = ""


def _symbols(record, inst):
    """MatrixSymbols with symbolic dimensions: sympy then keeps 1 × 1 products such as xᵀAx as
    matrix expressions instead of expanding them into entries (which its .diff cannot see into)."""
    import sympy as sp

    out = {}
    for name, var in record.variables.items():
        shape = tuple(sp.Symbol(d, integer=True, positive=True) if isinstance(d, str) else d for d in var.shape)
        if var.kind == "scalar":
            out[name] = sp.Symbol(name)
        elif var.kind == "vector":
            out[name] = sp.MatrixSymbol(name, shape[0], 1)
        else:
            out[name] = sp.MatrixSymbol(name, *shape)
    return out


class _one_by_one_entries_stay_matrices:
    """Inside, (xᵀAx)[0, 0] stays the 1 × 1 matrix xᵀAx: sympy's ``.diff`` differentiates a 1 × 1
    matrix expression correctly, but expands its entry into a sum it then differentiates to 0."""

    def __enter__(self):
        from sympy.matrices.expressions.matexpr import MatrixExpr

        self.cls, self.saved = MatrixExpr, MatrixExpr.__getitem__

        def getitem(m, key, _saved=self.saved):
            if key == (0, 0) and m.shape == (1, 1):
                return m
            return _saved(m, key)

        MatrixExpr.__getitem__ = getitem

    def __exit__(self, *exc):
        self.cls.__getitem__ = self.saved


class _asked_once:
    """Inside, sympy's array-to-matrix conversion asks whether each factor is diagonal only once per
    factor: it asks again at every step of every derivative (868 questions, 108 different ones, for
    the catalogue), and each answer goes through the SAT solver, 40 % of the cross-checks' time. With
    no assumptions in force, the answer depends on the expression alone."""

    def __enter__(self):
        try:
            from sympy.assumptions.assume import global_assumptions
            from sympy.tensor.array.expressions import from_array_to_matrix as module
        except ImportError:  # another sympy: ask as it asks
            self.module = None
            return
        self.module, self.saved = module, getattr(module, "ask", None)
        if self.saved is None:
            self.module = None
            return
        answers: dict = {}

        def ask(proposition, assumptions=True, context=global_assumptions, _ask=self.saved):
            if assumptions is not True or context is not global_assumptions or len(context):
                return _ask(proposition, assumptions, context)
            if proposition not in answers:
                answers[proposition] = _ask(proposition)
            return answers[proposition]

        module.ask = ask

    def __exit__(self, *exc):
        if self.module is not None:
            self.module.ask = self.saved


@functools.cache
def _no_docstring() -> dict:
    """lambdify's options that leave the expression out of the function's docstring: printing it
    (str of a matrix expression) cost a tenth of the cross-checks. sympy before 1.13 prints it always."""
    import inspect

    import sympy as sp

    return {"docstring_limit": 0} if "docstring_limit" in inspect.signature(sp.lambdify).parameters else {}


def crosscheck(record) -> CrossCheck:
    import sympy as sp

    version = sp.__version__
    if not isinstance(record, Derivative) or record.symbolic is None:
        return CrossCheck(NOT_EXPRESSIBLE, "no sympy form of f is given", None, version)
    if record.directions != "general":
        return CrossCheck(NOT_EXPRESSIBLE, "the entry is about a structured variable; sympy's derivative treats "
                          "it as unstructured", None, version)
    inst = draw(record, instance_seeds(record, count=1)[0])
    syms = _symbols(record, inst)
    try:
        with _one_by_one_entries_stay_matrices():
            expr = record.symbolic(**syms)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            d = expr.diff(syms[record.wrt])
    except Exception as exc:  # sympy cannot differentiate this form
        return CrossCheck(NOT_COMPUTED, f"sympy raised {type(exc).__name__}", None, version)
    if d.has(sp.Derivative):
        return CrossCheck(NOT_COMPUTED, "sympy left the derivative unevaluated", None, version)
    sizes = {sp.Symbol(k, integer=True, positive=True): v for k, v in inst.sizes.items()}
    d = d.subs(sizes)
    names = list(syms)
    args = []
    for n in names:
        v = inst.values[n]
        args.append(v.reshape(-1, 1) if record.variables[n].kind == "vector" else v)
    try:
        fn = sp.lambdify([syms[n] for n in names], d, "numpy", **_no_docstring())
        with np.errstate(all="ignore"):
            got = np.asarray(fn(*args), dtype=float)
    except Exception as exc:
        return CrossCheck(NOT_COMPUTED, f"sympy's result could not be evaluated ({type(exc).__name__})", None, version)
    claim = np.asarray(record.claimed(**inst.values), dtype=float)
    if record.layout == "numerator" and claim.ndim == 2:
        claim = claim.T  # sympy's derivatives are laid out like the denominator
    if got.size != claim.size:
        return CrossCheck(DISAGREES, f"sympy's derivative has shape {got.shape}, the entry's {claim.shape}",
                          None, version)
    got = got.reshape(claim.shape)
    err = float(np.linalg.norm(got - claim) / max(np.linalg.norm(claim), np.linalg.norm(got), 1e-300))
    text = sp.sstr(d)  # printing a long result costs more than the derivative did: print once
    text = text if len(text) < 200 else ""
    if err <= TOLERANCE:
        return CrossCheck(AGREES, f"sympy gives {text}" if text else "", err, version)
    return CrossCheck(DISAGREES, f"sympy gives {text}" if text else "sympy's result differs", err, version)


def crosscheck_all(cat, ids) -> dict:
    """id -> the cross-check of that entry, as plain data."""
    from dataclasses import asdict

    with _asked_once():
        return {i: asdict(crosscheck(cat.entries[i])) for i in ids if i in cat.entries}


def main(argv) -> int:
    """``python -m identities.crosscheck CATALOGUE_DIR ID...``: the cross-checks of those entries as
    JSON on stdout (CATALOGUE_DIR empty: the catalogue itself). The site build runs it in a
    separate interpreter while Sphinx reads."""
    import json

    from .catalogue import load, load_dir

    cat = load_dir(argv[0]) if argv[0] else load()
    print(json.dumps(crosscheck_all(cat, argv[1:])))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
