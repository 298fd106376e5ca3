"""Formulas as checked objects: every formula a page displays carries its checker.

A ``Formula`` is LaTeX plus the *sides* its checker compares: callables that must agree on every
random instance of the record. A side asks for what it needs by naming it as a parameter:

- the record's variables (``X``, ``A``, ...);
- perturbations ``dX``, ``dA``, ... of those variables (random directions, drawn per instance);
- ``D``: the true differential, by central differences along those perturbations. ``D()`` is the
  differential of the record's ``f``; ``D(g)`` that of any other function ``g`` of the variables.

So a derivation step such as dX·X⁻¹ + X·d(X⁻¹) = 0, read as X·d(X⁻¹) = −dX·X⁻¹, is

    Step(r"...", lambda X, D: X @ D(inv), lambda X, dX: -dX @ inv(X), uses=["8CQG"])

and ``uses`` names the entries whose rule the step applies. ``Step`` is ``Formula`` under the
name a derivation reads best with.

An ``Erratum`` quotes what a source prints and carries it as a checker too: the record's own
fields as printed (``claimed=...``, or ``variables=...`` with the assumption the source leaves
out). The verifier shows the printed version failing, with a counterexample, while the corrected
statement passes.
"""
from __future__ import annotations

import inspect
from typing import Callable

from .bibliography import Reference


class Formula:
    """A displayed formula (LaTeX) and the sides its checker compares: all must agree."""

    __slots__ = ("latex", "sides", "uses", "_params")

    def __init__(self, latex: str, *sides: Callable, uses=()):
        self.latex = latex
        self.sides = tuple(sides)
        self.uses = tuple(uses) if not isinstance(uses, str) else (uses,)
        self._params = None

    def __repr__(self):
        return f"Formula({self.latex!r}, {len(self.sides)} sides, uses={list(self.uses)})"

    @property
    def checked(self) -> bool:
        """Whether there is anything to check: at least two sides, all callable."""
        return len(self.sides) >= 2 and all(callable(s) for s in self.sides)

    def parameters(self) -> list[set]:
        """The parameter names of each side."""
        if self._params is None:
            out = []
            for s in self.sides:
                try:
                    out.append(set(inspect.signature(s).parameters))
                except (TypeError, ValueError):
                    out.append(set())
            self._params = out
        return self._params

    def perturbed(self, variables) -> set:
        """Variables whose perturbation d<name> some side asks for."""
        names = set().union(*self.parameters()) if self.sides else set()
        return {n[1:] for n in names if n.startswith("d") and n[1:] in variables}


Step = Formula


def true_differential(D):
    """The side that stands for df itself: the differential of f along the perturbation."""
    return D()


def differential_form(latex: str, df: Callable) -> Formula:
    """The "Differential form" of a record: df, checked against the true differential of f."""
    return Formula(latex, true_differential, df)


class Erratum:
    """What a source prints, what is wrong with it, and the printed version as a checker.

    ``changes`` are the record's fields as the source has them (``claimed=``, ``rhs=``, ``df=``,
    ``variables=`` with an assumption the source omits, ...). With none, the erratum is about
    wording only and nothing is refuted.
    """

    __slots__ = ("source", "what", "printed", "changes")

    def __init__(self, source: Reference | None, what: str, printed: str = "", **changes):
        self.source = source
        self.what = what
        self.printed = printed
        self.changes = changes

    def __repr__(self):
        return f"Erratum({self.source!r}, printed={self.printed!r}, changes={sorted(self.changes)})"

    @property
    def checkable(self) -> bool:
        return bool(self.printed) and bool(self.changes)


def as_formula(value) -> Formula | None:
    """A differential given as (latex, df) becomes a checked Formula; a bare string stays
    unchecked (and the audit says so)."""
    if value is None or value == "":
        return None
    if isinstance(value, Formula):
        return value
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and callable(value[1]):
        return differential_form(*value)
    if isinstance(value, str):
        return Formula(value)
    return value  # malformed: reported by the record's problems()
