"""The assumption vocabulary: every word a record may use, its sentence, and its generator.

An assumption belongs to one variable (``Matrix("n", "n", "spd")``). Each one knows which
shapes it applies to and how to draw a random value that satisfies it with bounded
conditioning, so that finite differences stay accurate and a failure means a wrong formula,
not a near-singular sample.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

# Singular values of "invertible"-type samples lie in this band: condition number <= 6.
SIGMA_LOW, SIGMA_HIGH = 0.5, 3.0


@dataclass(frozen=True)
class Assumption:
    name: str
    sentence: str          # "{v} is symmetric positive definite." with {v} the variable
    kinds: tuple[str, ...]  # which variable kinds it applies to: scalar, vector, matrix
    square: bool = False    # needs a square matrix
    generate: Callable | None = None  # (rng, shape) -> array; None: a modifier of another one
    tall: bool = False      # needs rows > cols
    wide: bool = False      # needs rows < cols
    holds: Callable | None = None  # value -> bool: does a (prepared) sample satisfy it?


def _orthogonal(rng, n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))  # sign fix makes the distribution uniform (Haar)


def _band(rng, k):
    return rng.uniform(SIGMA_LOW, SIGMA_HIGH, size=k)


def _general(rng, shape):
    return rng.standard_normal(shape)


def _invertible(rng, shape):
    n = shape[0]
    return _orthogonal(rng, n) @ np.diag(_band(rng, n)) @ _orthogonal(rng, n).T


def _full_rank(rng, shape):
    m, n = shape
    k = min(m, n)
    u = _orthogonal(rng, m)[:, :k]
    v = _orthogonal(rng, n)[:, :k]
    return u @ np.diag(_band(rng, k)) @ v.T


def _symmetric(rng, shape):
    a = rng.standard_normal(shape)
    return (a + a.T) / 2


def _symmetric_invertible(rng, shape):
    n = shape[0]
    q = _orthogonal(rng, n)
    s = _band(rng, n) * rng.choice([-1.0, 1.0], size=n)
    return q @ np.diag(s) @ q.T


def _spd(rng, shape):
    n = shape[0]
    q = _orthogonal(rng, n)
    return q @ np.diag(_band(rng, n)) @ q.T


def _distinct_eigenvalues(rng, shape):
    # symmetric with eigenvalues at least 0.4 apart, so eigenvector derivatives stay bounded
    n = shape[0]
    q = _orthogonal(rng, n)
    gaps = rng.uniform(0.4, 1.0, size=n)
    ev = np.cumsum(gaps) - gaps.sum() / 2
    return q @ np.diag(ev) @ q.T


def _diagonal(rng, shape):
    return np.diag(rng.uniform(SIGMA_LOW, SIGMA_HIGH, size=shape[0]) * rng.choice([-1.0, 1.0], size=shape[0]))


def _lower(rng, shape):
    n = shape[0]
    a = np.tril(rng.standard_normal((n, n)), -1) / np.sqrt(n)
    return a + np.diag(_band(rng, n) * rng.choice([-1.0, 1.0], size=n))


def _upper(rng, shape):
    return _lower(rng, shape).T


def _positive(rng, shape):
    return rng.uniform(0.5, 2.0, size=shape)


def _away_from_zero(rng, shape):
    return rng.uniform(0.3, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def _nonzero(rng, shape):
    # a generic Gaussian is nonzero with probability 1; rescale so its norm is bounded below
    x = rng.standard_normal(shape)
    return x / np.linalg.norm(x) * rng.uniform(0.5, 2.0)


def _unit(rng, shape):
    x = rng.standard_normal(shape)
    return x / np.linalg.norm(x)


def _probability(rng, shape):
    p = rng.uniform(0.2, 1.0, size=shape)
    return p / p.sum()


def _contraction(rng, shape):
    n = shape[0]
    return _orthogonal(rng, n) @ np.diag(rng.uniform(0.0, 0.5, size=n)) @ _orthogonal(rng, n).T


def _unit_interval(rng, shape):
    return rng.uniform(0.1, 0.9, size=shape)


# Complex matrices: real and imaginary parts independent standard normal, scaled to unit variance.
def _cgauss(rng, shape):
    return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)) / np.sqrt(2)


def _unitary(rng, n):
    q, r = np.linalg.qr(_cgauss(rng, (n, n)))
    d = np.diag(r)
    return q * (d / np.abs(d))  # the phase fix makes the distribution Haar


def _complex(rng, shape):
    return _cgauss(rng, shape)


def _complex_invertible(rng, shape):
    n = shape[0]
    return _unitary(rng, n) @ np.diag(_band(rng, n)) @ _unitary(rng, n).conj().T


def _hermitian(rng, shape):
    a = _cgauss(rng, shape)
    return (a + a.conj().T) / 2


def _hpd(rng, shape):
    q = _unitary(rng, shape[0])
    return q @ np.diag(_band(rng, shape[0])) @ q.conj().T


def _unitary_gen(rng, shape):
    return _unitary(rng, shape[0])


# Tests that a sample satisfies a word, so that a page never states an assumption the checked
# sample breaks (``prepare`` may move a variable away from what its generator drew).
_EPS = 1e-9


def _is_square(a):
    return a.ndim == 2 and a.shape[0] == a.shape[1]


def _sv(a):
    return np.linalg.svd(a, compute_uv=False)


def _is_invertible(a):
    if not _is_square(a):
        return False
    s = _sv(a)
    return s[-1] > _EPS * max(1.0, s[0])


def _is_symmetric(a):
    return _is_square(a) and np.linalg.norm(a - a.T) <= _EPS * max(1.0, np.linalg.norm(a))


def _is_spd(a):
    return _is_symmetric(a) and np.linalg.eigvalsh((a + a.T) / 2)[0] > 0


def _is_complex(a):
    return np.iscomplexobj(a)


def _is_hermitian(a):
    return _is_square(a) and np.iscomplexobj(a) and np.linalg.norm(a - a.conj().T) <= _EPS * max(1.0, np.linalg.norm(a))


def _is_hpd(a):
    return _is_hermitian(a) and np.linalg.eigvalsh((a + a.conj().T) / 2)[0] > 0


def _is_unitary(a):
    return _is_square(a) and np.iscomplexobj(a) and np.linalg.norm(a.conj().T @ a - np.eye(len(a))) <= 1e-8


def _is_orthogonal(a):
    return _is_square(a) and np.linalg.norm(a.T @ a - np.eye(len(a))) <= 1e-8


def _is_diagonal(a):
    return _is_square(a) and not np.any(a - np.diag(np.diag(a))) and _is_invertible(a)


def _is_lower(a):
    return _is_square(a) and not np.any(np.triu(a, 1)) and _is_invertible(a)


def _is_upper(a):
    return _is_square(a) and not np.any(np.tril(a, -1)) and _is_invertible(a)


def _has_distinct_eigenvalues(a):
    return _is_symmetric(a) and (len(a) < 2 or np.min(np.diff(np.linalg.eigvalsh((a + a.T) / 2))) > 1e-6)


def _has_full_rank(a, tall):
    if a.ndim != 2 or a.shape[0] == a.shape[1] or (a.shape[0] > a.shape[1]) != tall:
        return False
    s = _sv(a)
    return s[-1] > _EPS * max(1.0, s[0])


VOCABULARY: dict[str, Assumption] = {a.name: a for a in [
    Assumption("square", "{v} is square.", ("matrix",), square=True, generate=_general, holds=_is_square),
    Assumption("invertible", "{v} is invertible.", ("matrix",), square=True, generate=_invertible, holds=_is_invertible),
    Assumption("symmetric", "{v} is symmetric: {v} = {v}ᵀ.", ("matrix",), square=True, generate=_symmetric, holds=_is_symmetric),
    Assumption("spd", "{v} is symmetric positive definite.", ("matrix",), square=True, generate=_spd, holds=_is_spd),
    Assumption("orthogonal", "{v} is orthogonal: {v}ᵀ{v} = I.", ("matrix",), square=True,
               generate=lambda rng, shape: _orthogonal(rng, shape[0]), holds=_is_orthogonal),
    Assumption("diagonal", "{v} is diagonal (and invertible).", ("matrix",), square=True, generate=_diagonal, holds=_is_diagonal),
    Assumption("lower_triangular", "{v} is lower triangular (and invertible).", ("matrix",), square=True,
               generate=_lower, holds=_is_lower),
    Assumption("upper_triangular", "{v} is upper triangular (and invertible).", ("matrix",), square=True,
               generate=_upper, holds=_is_upper),
    Assumption("distinct_eigenvalues", "{v} is real symmetric with distinct eigenvalues.", ("matrix",),
               square=True, generate=_distinct_eigenvalues, holds=_has_distinct_eigenvalues),
    Assumption("symmetric_invertible", "{v} is symmetric and invertible.", ("matrix",), square=True,
               generate=_symmetric_invertible, holds=lambda a: _is_symmetric(a) and _is_invertible(a)),
    Assumption("full_column_rank", "{v} has full column rank (more rows than columns).", ("matrix",),
               tall=True, generate=_full_rank, holds=lambda a: _has_full_rank(a, True)),
    Assumption("full_row_rank", "{v} has full row rank (more columns than rows).", ("matrix",),
               wide=True, generate=_full_rank, holds=lambda a: _has_full_rank(a, False)),
    Assumption("contraction", "{v} has spectral norm below one, so I − {v} is invertible and power series in {v} converge.",
               ("matrix",), square=True, generate=_contraction, holds=lambda a: _is_square(a) and _sv(a)[0] < 1),
    Assumption("positive", "{v} has positive entries.", ("scalar", "vector", "matrix"), generate=_positive, holds=lambda a: bool(np.all(a > 0))),
    Assumption("nonzero_entries", "{v} has no zero entries (no kinks of |·|, ReLU or sign, no division by zero).",
               ("scalar", "vector", "matrix"), generate=_away_from_zero, holds=lambda a: bool(np.all(a != 0))),
    Assumption("nonzero", "{v} is not zero.", ("vector", "matrix"), generate=_nonzero, holds=lambda a: bool(np.any(a))),
    Assumption("unit", "{v} has unit Euclidean norm.", ("vector",), generate=_unit, holds=lambda a: abs(np.linalg.norm(a) - 1) <= 1e-9),
    Assumption("probability", "{v} is a probability vector: positive entries that sum to one.", ("vector",),
               generate=_probability, holds=lambda a: bool(np.all(a > 0)) and abs(np.sum(a) - 1) <= 1e-9),
    Assumption("complex", "{v} is complex (real and imaginary parts both vary).", ("scalar", "vector", "matrix"),
               generate=_complex, holds=_is_complex),
    Assumption("complex_invertible", "{v} is complex and invertible.", ("matrix",), square=True,
               generate=_complex_invertible, holds=lambda a: _is_complex(a) and _is_invertible(a)),
    Assumption("hermitian", "{v} is Hermitian: it equals its conjugate transpose.", ("matrix",), square=True,
               generate=_hermitian, holds=_is_hermitian),
    Assumption("hpd", "{v} is Hermitian positive definite.", ("matrix",), square=True, generate=_hpd, holds=_is_hpd),
    Assumption("unitary", "{v} is unitary: its conjugate transpose is its inverse.", ("matrix",), square=True,
               generate=_unitary_gen, holds=_is_unitary),
    Assumption("unit_interval", "{v} has entries strictly between 0 and 1.", ("scalar", "vector", "matrix"),
               generate=_unit_interval, holds=lambda a: bool(np.all((a > 0) & (a < 1)))),
]}

# A variable may carry several words; the most specific generator wins (first match here).
PRECEDENCE = [
    "unitary", "hpd", "hermitian", "complex_invertible", "complex",
    "orthogonal", "distinct_eigenvalues", "spd", "diagonal", "lower_triangular", "upper_triangular",
    "symmetric_invertible", "contraction", "invertible", "full_column_rank", "full_row_rank", "symmetric",
    "probability", "unit", "unit_interval", "positive", "nonzero_entries", "nonzero", "square",
]
assert set(PRECEDENCE) == set(VOCABULARY), "every assumption needs a place in PRECEDENCE"
assert all(a.holds is not None for a in VOCABULARY.values()), "every assumption needs its test, holds"

# Words that imply others: a sample of the left satisfies the right.
IMPLIES = {
    "unitary": {"complex_invertible", "complex", "invertible", "square"},
    "hpd": {"hermitian", "complex_invertible", "complex", "invertible", "square"},
    "hermitian": {"complex", "square"},
    "complex_invertible": {"complex", "invertible", "square"},
    "spd": {"symmetric", "invertible", "square"},
    "distinct_eigenvalues": {"symmetric", "square"},
    "symmetric_invertible": {"symmetric", "invertible", "square"},
    "orthogonal": {"invertible", "square"},
    "diagonal": {"symmetric", "invertible", "square"},
    "lower_triangular": {"invertible", "square"},
    "upper_triangular": {"invertible", "square"},
    "invertible": {"square"},
    "symmetric": {"square"},
    "contraction": {"square"},
    "probability": {"positive"},
    "unit": {"nonzero"},
    "unit_interval": {"positive"},
    "positive": {"nonzero_entries"},
}


def closure(words) -> set[str]:
    out = set(words)
    while True:
        more = set().union(*(IMPLIES.get(w, set()) for w in out)) - out
        if not more:
            return out
        out |= more


def generator_for(words):
    """Pick the generator for a variable's assumption words, or None for a plain Gaussian."""
    words = set(words)
    for name in PRECEDENCE:
        if name in words:
            return VOCABULARY[name].generate
    return None


def incompatible(words) -> str | None:
    """A reason why no single generator honours all these words, or None."""
    words = set(words)
    gen = next((n for n in PRECEDENCE if n in words), None)
    if gen is None:
        return None
    missing = words - closure({gen})
    return f"'{gen}' samples do not guarantee {sorted(missing)}" if missing else None


COMPLEX_WORDS = {"complex", "complex_invertible", "hermitian", "hpd", "unitary"}


def is_complex(words) -> bool:
    """Does a variable with these words take complex values?"""
    return bool(closure(words) & COMPLEX_WORDS)
