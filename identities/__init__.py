"""The Tested Matrix Calculus Cookbook: matrix-calculus identities as records, each verified.

    >>> import identities
    >>> cat = identities.catalogue()
    >>> entry = cat["3K7Q"]                        # look up by permanent id
    >>> cat.filter(topic="traces", assumption="spd")
    >>> inst = identities.draw(entry, seed=1)      # a random instance honouring the assumptions
    >>> identities.verify(entry).ok                # verify any record, in the catalogue or not

Records are built from ``Equality``, ``Derivative`` and ``Differential`` with variables
``Scalar()``, ``Vector(n)``, ``Matrix(m, n)`` and references ``cookbook(eq)``,
``parr_howard(section)`` or ``ref(source, locator)``.
"""
from .bibliography import SOURCES, Reference, cookbook, parr_howard, ref
from .catalogue import Catalogue, catalogue, load, load_file
from .formulas import Erratum, Formula, Step
from .model import (ADRule, Change, ComplexDerivative, Derivative, Differential, Discrete, Equality, Expansion, Expectation, Gaussian, Hessian,
                    Identity, Inequality, Matrix, Problem, Scalar, Tensor, Var, Vector, Withdrawal)
from .sample import Instance, draw
from .verify import Report, verify
from .trial import TryResult, try_claim

__version__ = "0.2.0"


def todo(what: str):
    """A placeholder for a checker not written yet (used by scaffolded records): always raises."""
    raise NotImplementedError(f"TODO: {what}")


def evaluate(record, instance):
    """Both sides of ``record`` on ``instance``: (reference values, claimed values) as lists of arrays.

    For an equality these are lhs and rhs; for a derivative or differential, central differences
    of f along the instance's random directions and what the claim predicts for them."""
    from .verify import probe

    p = probe(record, instance)
    return p.references, p.predict(p.claim)


__all__ = [
    "SOURCES", "Reference", "cookbook", "parr_howard", "ref", "Catalogue", "catalogue", "load", "load_file",
    "ADRule", "Change", "Derivative", "Differential", "Equality", "Hessian", "Identity", "Matrix", "Problem", "Scalar", "Tensor", "Var",
    "Vector", "Withdrawal", "Instance", "draw", "Report", "verify", "evaluate", "todo", "__version__",
    "Erratum", "Formula", "Step", "TryResult", "try_claim", "Expansion", "Inequality", "Expectation", "Gaussian",
    "Discrete", "ComplexDerivative",
]
