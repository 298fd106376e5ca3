"""One verifier per kind of claim, the mutations that prove a check can fail, and reports.

Every kind reduces an instance to the same thing: reference values computed from the
definition (the left side, or central differences of f along random directions) and
predictions computed from the claim. The score is scale-free,

    max_k ‖reference_k − prediction_k‖ / max(‖claim‖, max_k ‖reference_k‖),

and a claim passes when the score is at most the tolerance on every instance. A mutation
(transpose, double, negate, a 1e-3 relative perturbation) is applied to the claim and scored
against the same references: it must be rejected.
"""
from __future__ import annotations

import copy
import functools
import math
import time
import weakref
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import assumptions as vocab
from .formulas import Erratum, Formula
from .model import (KINDS, ADRule, Derivative, Differential, Equality, Expansion, Expectation, Gaussian, Hessian,
                    Identity, Inequality)
from .sample import Instance, draw, instance_seeds

# Chosen from measured errors (python -m identities bench --seeds 1000 prints the margins): over
# 318,000 instances correct claims stay below these, and a 1e-3 perturbation scores above ~1e-5.
TOLERANCE = {k: c.tolerance_default for k, c in KINDS.items()}
CLAIM_FIELD = {k: c.claim_field for k, c in KINDS.items()}
STEP = 6e-6            # central-difference step, relative to the variable's scale
DIRECTIONS_PER_INSTANCE = 3
PERTURBATION = 1e-3
# Rounding noise allowed in a finite difference, in units of eps·|f|/h; 100 covers the few ulps of
# error a matrix computation of f carries, and is far below the signal of any wrong answer
NOISE_FACTOR = 100.0
MUTATIONS = ("transpose", "double", "negate", "perturb")
FORMULA_TOLERANCE = 1e-6   # formulas and derivation steps: finite differences may take part
FORMULA_STEP = STEP        # the step of D's central differences, relative to the variable's scale


_SUM, _MAX = np.add.reduce, np.maximum.reduce


def _norm(a) -> float:
    """The Frobenius norm (faster than np.linalg.norm on the small arrays checks use)."""
    if np.ndim(a) == 0:
        return abs(complex(a)) if np.iscomplexobj(a) else abs(float(a))
    return math.sqrt(float(np.vdot(a, a).real))


class CheckError(Exception):
    """A checker raised, returned NaN, or returned the wrong shape; ``field`` names the culprit."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass
class Probe:
    """One instance reduced to references, and a claim that predicts them."""
    instance: Instance
    references: list          # arrays from the definition
    claim: list               # arrays as the record states them
    predict: Callable         # claim -> predictions aligned with references
    noise: list | None = None  # absolute rounding noise of each reference (finite differences)
    out_ndim: int | None = None  # dimensions of f's value, where the kind has an f
    # the first perturbation of the claim's variables and the true differential of f along it,
    # which the checks of the other formulas reuse instead of differencing f again
    first: tuple | None = None
    directions: list | None = None  # the directions differenced, which the other layout reuses
    parts: list | None = None  # which part of the claim each array is (jvp, vjp): mutated one part at a time
    refine: Callable | None = None  # recomputes the references with Richardson extrapolation
    judge: Callable | None = None  # claim -> (judged, raw), for kinds whose error is not a distance
    extra_mutations: dict | None = None  # name -> claim -> wrong claim: the kind's own wrong answers


@dataclass
class InstanceResult:
    seed: int
    sizes: str
    score: float
    error: str = ""           # set when a checker failed outright
    field: str = ""
    raw: float = float("nan")  # the discrepancy before the rounding-noise allowance
    code: str = "MC020"       # the audit rule it breaks


@dataclass
class FormulaResult:
    """The check of one displayed formula besides the statement (differential, also, step)."""
    role: str                 # differential | also | step | reaches-claim
    field: str                # the record's field: "derivation[2]"
    score: float = 0.0        # largest scale-free disagreement between consecutive sides
    error: str = ""
    seed: int = 0
    mutations: dict = field(default_factory=dict)   # name -> rejected | accepted | not applicable
    perturbed: tuple = ()     # the variables perturbed; the others are held constant

    @property
    def ok(self) -> bool:
        return not self.error and self.score <= FORMULA_TOLERANCE


@dataclass
class ErratumResult:
    """A printed formula checked: refuted, with the instance that shows it wrong."""
    field: str
    checkable: bool
    refuted: bool = False
    seed: int = 0
    sizes: str = ""
    score: float = float("nan")
    error: str = ""           # the printed version's failure on that instance, in words


@dataclass
class Report:
    id: str
    kind: str
    tolerance: float
    instances: list = field(default_factory=list)
    mutations: dict = field(default_factory=dict)   # name -> "rejected" | "accepted" | "not applicable"
    mutation_scores: dict = field(default_factory=dict)  # name -> largest score of that wrong answer
    part_mutations: dict = field(default_factory=dict)   # part (jvp, vjp) -> name -> verdict, for claims in parts
    formulas: list = field(default_factory=list)    # FormulaResult for every other displayed formula
    errata: list = field(default_factory=list)      # ErratumResult for every erratum
    seconds: float = 0.0
    timed_out: float = 0.0    # the time limit, when verification was stopped there
    out_ndim: int | None = None  # dimensions of f's value (0: scalar), as the verifier saw it

    @property
    def ok(self) -> bool:
        return (bool(self.instances) and not self.timed_out
                and all(not r.error and r.score <= self.tolerance for r in self.instances)
                and all(f.ok for f in self.formulas))

    @property
    def max_score(self) -> float:
        return max((r.score for r in self.instances), default=float("nan"))

    @property
    def max_raw(self) -> float:
        """The largest discrepancy measured, rounding noise included: what pages and reports show."""
        return max((r.raw for r in self.instances), default=float("nan"))

    @property
    def failing(self) -> list:
        return [r for r in self.instances if r.error or r.score > self.tolerance]

    @property
    def failing_formulas(self) -> list:
        return [f for f in self.formulas if not f.ok]

    def formula(self, field_name: str) -> FormulaResult | None:
        return next((f for f in self.formulas if f.field == field_name), None)

    def mutation_kill_rate(self) -> tuple[int, int]:
        verdicts = list(self.mutations.values()) + [v for f in self.formulas for v in f.mutations.values()]
        applicable = [v for v in verdicts if v != "not applicable"]
        return sum(v == "rejected" for v in applicable), len(applicable)

    def weak_mutations(self) -> list[str]:
        """Wrong answers this check let through; a check that lets any through is a defect."""
        out = [n for n, v in self.mutations.items() if v == "accepted"]
        out += [f"{n} of the {part}" for part, m in self.part_mutations.items() for n, v in m.items() if v == "accepted"]
        if self.mutations and not any(v == "rejected" for v in self.mutations.values()):
            out.append("all (no mutation applies: the claim is zero)")
        for f in self.formulas:
            out += [f"{n} of a side of {f.field}" for n, v in f.mutations.items() if v == "accepted"]
        return out

    @property
    def unrefuted_errata(self) -> list:
        return [e for e in self.errata if e.checkable and not e.refuted]

    @property
    def passed(self) -> bool:
        """Verified, every applicable wrong answer rejected (when mutations were run), and every
        printed formula of an erratum shown wrong."""
        return self.ok and not self.weak_mutations() and not self.unrefuted_errata

    def describe_failure(self, record: Identity | None = None) -> str:
        lines = []
        where = f"{record.file}:{record.line}: " if record is not None and record.file else ""
        target = self.id
        if record is not None and record.file and "identities/entries/" not in record.file.replace("\\", "/"):
            target = record.file  # not in the catalogue: reproduce from its file
        claim_field = CLAIM_FIELD.get(self.kind, "?")
        if self.timed_out:
            lines.append(f"{where}MC034 entry {self.id} ({self.kind}): verification did not finish within its time "
                         f"limit of {self.timed_out:g} s and was stopped (a checker that loops, or one far too slow)\n"
                         f"  reproduce: python -m identities check {target}")
        for r in self.failing:
            if r.field == "<verifier>":
                lines.append(f"{where}MC020 entry {self.id} ({self.kind}): {r.error}\n"
                             f"  reproduce: python -m identities check {target}")
                continue
            what = (f"field '{r.field}': {r.error}" if r.error
                    else f"field '{claim_field}': error {r.score:.2e} exceeds tolerance "
                         f"{self.tolerance:.0e}: the claim disagrees with the definition")
            lines.append(f"{where}{r.code} entry {self.id} ({self.kind}) failed on instance seed={r.seed} [{r.sizes}]: {what}\n"
                         f"  reproduce: python -m identities check {target} --seed {r.seed} --instances 1")
        for f in self.failing_formulas:
            what = f.error or (f"the last step does not reach the claim: they differ by {f.score:.2e} (tolerance "
                               f"{FORMULA_TOLERANCE:.0e})" if f.role == "reaches-claim" else
                               f"its sides disagree by {f.score:.2e} (tolerance {FORMULA_TOLERANCE:.0e})")
            lines.append(f"{where}MC020 entry {self.id} ({self.kind}) field '{f.field}' failed on instance "
                         f"seed={f.seed}: {what}\n"
                         f"  reproduce: python -m identities check {target} --seed {f.seed} --instances 1")
        if self.ok:
            for name in self.weak_mutations():
                lines.append(f"{where}MC021 entry {self.id} ({self.kind}): the wrong answer '{name}' was accepted, so this "
                             "check cannot fail; compare against an independent computation")
            for e in self.unrefuted_errata:
                lines.append(f"{where}MC032 entry {self.id} field '{e.field}': the printed formula passes the check, "
                             "so the erratum is wrong or its checker does not state what is printed")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Calling a record's code: it may be wrong or hostile, and every failure stays with its entry


def _convert(out, field_name):
    if type(out) is np.float64:  # a scalar f: the most common result of all
        if math.isfinite(out):
            return out
        raise CheckError(field_name, "returned NaN or infinity")
    if type(out) is np.ndarray and out.dtype == np.float64:
        # the common case: a float array; a finite sum means finite entries (the ufunc's own
        # reduce: ndarray.sum's Python layers cost more than the sum on arrays this small)
        if math.isfinite(_SUM(out, None)) or np.all(np.isfinite(out)):
            return out
        raise CheckError(field_name, "returned NaN or infinity")
    try:
        arr = np.asarray(out)
        if _COMPLEX[0] and (arr.dtype.kind == "c" or arr.dtype == object):
            arr = arr.astype(np.complex128)
            if not np.all(np.isfinite(arr)):
                raise CheckError(field_name, "returned NaN or infinity")
            return arr
        if arr.dtype.kind == "c" or (arr.dtype == object and any(isinstance(x, complex) for x in arr.flat)):
            raise CheckError(field_name, "returned complex values, but the record declares no complex variable: "
                             "a real formula returns real numbers (the imaginary part would be dropped unseen)")
        if arr.dtype != np.float64:
            arr = arr.astype(np.float64)
    except CheckError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a value whose conversion raises is the record's fault
        raise CheckError(field_name, f"returned {type(out).__name__}, not an array of numbers "
                         f"({type(exc).__name__}: {exc})") from None
    # a finite sum means finite entries; only a sum that is not needs the entry-wise look
    if not math.isfinite(float(arr.sum())) and not np.all(np.isfinite(arr)):
        raise CheckError(field_name, "returned NaN or infinity")
    return arr


# whether the record being checked declares a complex variable: only then may its checkers return
# complex values (a real formula's imaginary part would otherwise be dropped unseen)
_COMPLEX = [False]


def _complex_record(record) -> bool:
    return any(vocab.is_complex(v.assume) for v in getattr(record, "variables", {}).values()
               if hasattr(v, "assume"))


def _invoke(fn, field_name, kwargs):
    try:
        return fn(**kwargs)
    except CheckError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a contributor's checker: report, never crash the run
        hint = ""
        if isinstance(exc, ValueError) and "read-only" in str(exc):
            hint = " (the checker writes into its input: inputs are read-only, work on a copy)"
        raise CheckError(field_name, f"raised {type(exc).__name__}: {exc}{hint}") from None


def _call(fn, field_name, values, **extra):
    return _convert(_invoke(fn, field_name, {**values, **extra}), field_name)


def _frozen(a):
    """A fresh array (the result of arithmetic), made read-only for the record's code."""
    if type(a) is not np.ndarray or a.dtype != np.float64:
        a = np.asarray(a, dtype=np.complex128 if np.iscomplexobj(a) else np.float64)
    a.flags.writeable = False
    return a


def _direction(shape, mode, rng):
    v = rng.standard_normal(shape)
    if mode in ("symmetric", "symmetric_entries") and v.ndim == 2:
        v = (v + v.T) / 2
    elif mode == "diagonal" and v.ndim == 2:
        v = np.diag(np.diag(v))
    n = _norm(v)
    return v / n if n else v


_SCALES: dict = {}  # id -> (array, scale) for the read-only instance values of the current record


def _scale(value) -> float:
    # The step follows the smallest singular value: near-singular arguments need smaller steps.
    if value.ndim == 2 and value.shape[0] == value.shape[1]:
        hit = _SCALES.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        scale = float(min(1.0, np.linalg.svd(value, compute_uv=False)[-1]))
        if not value.flags.writeable:  # an instance's value: it cannot change under the cache
            _SCALES[id(value)] = (value, scale)
        return scale
    return 1.0


def _difference(f, values, deltas, h, field_name="f"):
    plus = dict(values)
    minus = dict(values)
    for name, d in deltas.items():
        plus[name] = _frozen(values[name] + h * d)
        minus[name] = _frozen(values[name] - h * d)
    fp, fm = _call(f, field_name, plus), _call(f, field_name, minus)
    size = max(float(_MAX(np.abs(fp), None)), float(_MAX(np.abs(fm), None))) if fp.size else 0.0
    return (fp - fm) / (2 * h), size


def _central(record, f, values, deltas, h, field_name="f", richardson=False):
    """The directional derivative of f along ``deltas``, and the rounding noise of that estimate.

    A central difference at the step h = STEP·scale: its truncation error, h²/6 times the third
    derivative, is far below its rounding error unless the derivative itself is nearly zero (x³
    near x = 0). So a check that does not pass by a wide margin is judged again with
    ``richardson``: steps h and 2h combined, truncation error O(h⁴). Rounding is what remains:
    f is known to about eps·|f|, so the difference is known to about eps·|f|/h."""
    d1, size1 = _difference(f, values, deltas, h, field_name)
    if richardson:
        d2, size2 = _difference(f, values, deltas, 2 * h, field_name)
        d1, size1 = (4 * d1 - d2) / 3, max(size1, size2)
    noise = NOISE_FACTOR * np.finfo(float).eps * size1 / h
    return d1, noise * np.sqrt(np.size(d1))


# A check whose score is above this share of its tolerance is judged again on Richardson-
# extrapolated differences (correct claims score below 3e-2 of it: bench prints the margins)
REFINE_AT = 0.01


# --------------------------------------------------------------------------------------------
# The statement, one verifier per kind


def expected_shape(layout: str, out_shape: tuple, in_shape: tuple):
    """Shape of a derivative of an ``out_shape`` function by an ``in_shape`` variable, or None if the
    combination is not a Derivative (state it as a Differential).

    Vectors are columns, held as 1-D arrays; a row is a 1 × n matrix. So the numerator-layout
    gradient of a scalar by a vector x is the row (1, n), its denominator-layout gradient the
    column (n,); the derivative of a vector by a scalar is a column in numerator layout and a row
    (1, m) in denominator layout (see the conventions page)."""
    o, i = len(out_shape), len(in_shape)
    if o == 0:
        if i == 0:
            return ()
        if i == 1:
            return in_shape if layout == "denominator" else (1,) + in_shape
        return in_shape if layout == "denominator" else in_shape[::-1]
    if i == 0:
        if o == 1:
            return out_shape if layout == "numerator" else (1,) + out_shape
        return out_shape if layout == "numerator" else out_shape[::-1]
    if o == 1 and i == 1:
        return out_shape + in_shape if layout == "numerator" else in_shape + out_shape
    return None


def jvp(layout: str, G, v, out_ndim: int, in_ndim: int):
    """The claimed derivative G (of the shape ``expected_shape`` gives) applied to a direction v:
    the predicted change of f."""
    if out_ndim == 0:
        if in_ndim == 1 and layout == "numerator":
            G = G[0]
        g = G.T if (layout == "numerator" and in_ndim == 2) else G
        return np.sum(g * v)
    if in_ndim == 0:
        if out_ndim == 1 and layout == "denominator":
            G = G[0]
        g = G.T if (layout == "denominator" and out_ndim == 2) else G
        return g * v
    return G @ v if layout == "numerator" else G.T @ v


def _structure_residual(g, mode):
    """The part of a claim that a structured probe cannot see, which must therefore be zero."""
    if g.ndim != 2 or g.shape[0] != g.shape[1]:
        return None
    if mode == "symmetric":
        return (g - g.T) / 2
    if mode == "diagonal":
        return g - np.diag(np.diag(g))
    return None


def _probe_derivative(record: Derivative, inst: Instance, layout=None, claimed=None, base=None) -> Probe:
    layout = layout or record.layout
    claimed = claimed or record.claimed
    values = inst.values
    x = values[record.wrt]
    out = _call(record.f, "f", values)
    G = _call(claimed, "claimed", values)
    want = expected_shape(layout, out.shape, x.shape)
    if want is None:
        raise CheckError("f", f"f returns shape {out.shape} and {record.wrt} has shape {x.shape}: a derivative of "
                         "this kind has no matrix layout; state it as a Differential")
    if G.shape != want:
        hint = ""
        if len(want) == 2 and 1 in want and G.shape == tuple(d for d in want if d != 1):
            hint = (" (a row vector is a 1 × n matrix: return it as v[None, :]; a 1-D array is a column)"
                    if want[0] == 1 else "")
        raise CheckError("claimed", f"returned shape {G.shape}, but the {layout}-layout derivative of an output "
                         f"of shape {out.shape} by {record.wrt} of shape {x.shape} has shape {want}{hint}")
    rng = np.random.default_rng([inst.seed, 1])
    h = STEP * _scale(x)
    if record.directions == "symmetric_entries":
        return _probe_symmetric_entries(record, inst, G, layout, h, rng)
    if base is not None and base.directions is not None:
        # the other layout of the same claim: the same f along the same directions
        dirs, refs, noise = base.directions, base.references[:len(base.directions)], base.noise[:len(base.directions)]
    else:
        dirs = [_direction(x.shape, record.directions, rng) for _ in range(DIRECTIONS_PER_INSTANCE)]
        refs, noise = zip(*[_central(record, record.f, values, {record.wrt: d}, h) for d in dirs])
    refs, noise = list(refs), list(noise)

    def refine(p):
        for k, d in enumerate(dirs):
            p.references[k], p.noise[k] = _central(record, record.f, values, {record.wrt: d}, h, richardson=True)
        p.first = (p.first[0], p.references[0], p.noise[0])
    structured = record.directions in ("symmetric", "diagonal") and _structure_residual(G, record.directions) is not None
    if structured:
        # the probe cannot see a skew (off-diagonal) part: the claim must not have one
        refs.append(np.zeros(G.shape))
        noise.append(0.0)

    def predict(claim):
        (g,) = claim
        if g.shape != want:
            raise ValueError("shape")
        out_ = [jvp(layout, g, d, out.ndim, x.ndim) for d in dirs]
        if structured:
            out_.append(_structure_residual(g, record.directions))
        return out_

    return Probe(inst, refs, [G], predict, noise, out.ndim, ({record.wrt: _frozen(dirs[0])}, refs[0], noise[0]), dirs,
                 refine=refine)


def _probe_symmetric_entries(record, inst, G, layout, h, rng) -> Probe:
    """Entry (i, j) of the claim is the partial derivative by X_ij when X is parametrised by its
    independent entries, so moving X_ij also moves X_ji (the Matrix Cookbook's reading, §2.8.2)."""
    values = inst.values
    x = values[record.wrt]
    if x.ndim != 2 or x.shape[0] != x.shape[1] or G.ndim != 2:
        raise CheckError("directions", "'symmetric_entries' needs a square matrix variable and a matrix derivative")
    n = x.shape[0]
    # every diagonal entry and every pair above it, so no entry of the claim goes unchecked
    cells = [(i, j) for i in range(n) for j in range(i, n)]
    refs, noise, deltas = [], [], []
    for i, j in cells:
        d = np.zeros_like(x)
        d[i, j] = d[j, i] = 1.0
        ref, n = _central(record, record.f, values, {record.wrt: d}, h)
        refs.append(ref)
        noise.append(n)
        deltas.append(d)

    def refine(p):
        for k, d in enumerate(deltas):
            ref, n = _central(record, record.f, values, {record.wrt: d}, h, richardson=True)
            p.references[k] = p.references[k + len(cells)] = ref
            p.noise[k] = p.noise[k + len(cells)] = n

    def predict(claim):
        (g,) = claim
        if g.shape != G.shape:
            raise ValueError("shape")
        g = g.T if layout == "numerator" else g
        # the claim must itself be symmetric: entry (j, i) is the same partial derivative
        return [g[i, j] for i, j in cells] + [g[j, i] for i, j in cells]

    return Probe(inst, refs + refs, [G], predict, noise + noise, 0, refine=refine)


def _perturbation(record, names, values, rng):
    """Random directions for the variables ``names``, jointly of unit norm; the claim's own
    variables follow the record's structured directions."""
    directions = getattr(record, "directions", "general")
    parts = {w: _direction(values[w].shape, directions if w in record.wrt_names else "general", rng)
             for w in names}
    norm = np.sqrt(sum(np.sum(p * p) for p in parts.values())) or 1.0
    return {w: _frozen(p / norm) for w, p in parts.items()}


def _probe_differential(record: Differential, inst: Instance) -> Probe:
    values = inst.values
    wrt = record.wrt_names
    _call(record.f, "f", values)
    rng = np.random.default_rng([inst.seed, 1])
    h = STEP * min(_scale(values[w]) for w in wrt)
    refs, claims, noise, first, all_parts = [], [], [], None, []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        parts = _perturbation(record, wrt, values, rng)
        all_parts.append(parts)
        ref, n = _central(record, record.f, values, parts, h)
        refs.append(ref)
        noise.append(n)
        first = first or (parts, ref, n)
        c = _call(record.df, "df", values, **{"d" + w: p for w, p in parts.items()})
        if c.shape != refs[-1].shape:
            raise CheckError("df", f"returned shape {c.shape}, but f changes with shape {refs[-1].shape}")
        claims.append(c)

    def refine(p):
        for k, parts_ in enumerate(all_parts):
            p.references[k], p.noise[k] = _central(record, record.f, values, parts_, h, richardson=True)
        p.first = (p.first[0], p.references[0], p.noise[0])

    return Probe(inst, refs, claims, lambda claim: claim, noise, first=first, refine=refine)


def _probe_equality(record: Equality, inst: Instance) -> Probe:
    left = _call(record.lhs, "lhs", inst.values)
    right = _call(record.rhs, "rhs", inst.values)
    if left.shape != right.shape:
        raise CheckError("rhs", f"returned shape {right.shape}, but lhs has shape {left.shape}")
    extra = {"conjugate": _conjugate} if np.iscomplexobj(right) and np.any(right.imag) else None
    return Probe(inst, [left], [right], lambda claim: claim, extra_mutations=extra)


def _conjugate(claim):
    # the commonest complex slip: a conjugate too many or too few
    return [np.conj(c) for c in claim]


HESSIAN_STEP = 2e-3  # second differences with Richardson extrapolation: error O(h^4) + O(eps/h^2)


def _probe_hessian(record: Hessian, inst: Instance) -> Probe:
    values = inst.values
    x = values[record.wrt]
    out = _call(record.f, "f", values)
    if out.ndim:
        raise CheckError("f", f"a Hessian needs a scalar f, but f returns shape {out.shape}")
    H = _call(record.claimed, "claimed", values)
    n = x.size
    if H.shape != (n, n):
        raise CheckError("claimed", f"returned shape {H.shape}; the Hessian by {record.wrt} of shape {x.shape} "
                         f"(vectorised by columns) is {n} x {n}")
    rng = np.random.default_rng([inst.seed, 1])
    base = HESSIAN_STEP * _scale(x)

    def f_at(a, b, u, v, h):
        moved = dict(values)
        moved[record.wrt] = _frozen(x + a * h * u + b * h * v)
        return _call(record.f, "f", moved)

    def second(u, v, h):
        return (f_at(1, 1, u, v, h) - f_at(1, -1, u, v, h) - f_at(-1, 1, u, v, h) + f_at(-1, -1, u, v, h)) / (4 * h * h)

    pairs, refs = [], []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        u = _direction(x.shape, record.directions, rng)
        v = _direction(x.shape, record.directions, rng)
        pairs.append((u.reshape(-1, order="F"), v.reshape(-1, order="F")))
        refs.append((4 * second(u, v, base / 2) - second(u, v, base)) / 3)

    # along structured directions only the Hessian's restriction to that subspace is seen: the
    # claim must be that restriction (P H P, with P the projection onto vec of the structure)
    P = _structure_projector(x, record.directions)
    if P is not None:
        refs.append(np.zeros((n, n)))

    def predict(claim):
        (h,) = claim
        if h.shape != (n, n):
            raise ValueError("shape")
        out_ = [u @ h @ v for u, v in pairs]
        if P is not None:
            out_.append(h - P @ h @ P)
        return out_

    return Probe(inst, refs, [H], predict)


def _structure_projector(x, mode):
    """The orthogonal projection of vec(X) onto vec of symmetric (or diagonal) matrices, or None."""
    if mode == "general" or x.ndim != 2 or x.shape[0] != x.shape[1]:
        return None
    n = x.shape[0]
    if mode == "diagonal":
        return np.diag(np.eye(n).reshape(-1, order="F"))
    K = np.zeros((n * n, n * n))  # the commutation matrix: K vec(X) = vec(Xᵀ)
    for i in range(n):
        for j in range(n):
            K[i * n + j, j * n + i] = 1.0
    return (np.eye(n * n) + K) / 2


def _target_derivative(record, values, parts, known=None):
    x = values[record.wrt]
    if known is not None:  # the claim and f's dimensions, as the statement's probe found them
        G, out_ndim = known
    else:
        G, out_ndim = _call(record.claimed, "claimed", values), _call(record.f, "f", values).ndim
    return jvp(record.layout, G, parts[record.wrt], out_ndim, x.ndim)


def _target_differential(record, values, parts, known=None):
    return _call(record.df, "df", values, **{"d" + w: p for w, p in parts.items()})


def _target_hessian(record, values, parts, known=None):
    H = _call(record.claimed, "claimed", values)
    return H @ parts[record.wrt].reshape(-1, order="F")   # the differential of the gradient, vec'd


def _target_equality(record, values, parts, known=None):
    return _call(record.rhs, "rhs", values)


def _structured(v, structure):
    """The part of v that has the structure (symmetric, lower, upper or diagonal)."""
    if v.ndim != 2 or structure == "general":
        return v
    if structure == "symmetric":
        return (v + v.T) / 2
    if structure == "lower":
        return np.tril(v)
    if structure == "upper":
        return np.triu(v)
    return np.diag(np.diag(v))


def _rule_outputs(record, values) -> dict:
    """f's outputs by name; a wrong count is the record's fault."""
    out = _invoke(record.f, "f", values)
    outs = out if isinstance(out, tuple) else (out,)
    if len(outs) != len(record.outputs):
        raise CheckError("f", f"returned {len(outs)} output{'s' if len(outs) != 1 else ''}, but outputs names "
                         f"{len(record.outputs)}: {list(record.outputs)}")
    return {n: _frozen(_convert(o, "f")) for n, o in zip(record.outputs, outs)}


def _rule_call(record, fn, field_name, kwargs, names, shapes):
    """A rule's result as a list aligned with ``names``, each of the shape ``shapes`` gives. The
    rule is given what it names of the variables, outputs, tangents and cotangents."""
    wanted = _parameters(fn)
    if wanted is not None:
        missing = [n for n in wanted if n not in kwargs]
        if missing:
            raise CheckError(field_name, f"asks for {missing}, which is none of {sorted(kwargs)}")
        kwargs = {n: kwargs[n] for n in wanted}
    out = _invoke(fn, field_name, kwargs)
    outs = out if isinstance(out, tuple) else (out,)
    if len(outs) != len(names):
        raise CheckError(field_name, f"returned {len(outs)} value{'s' if len(outs) != 1 else ''}, one for each "
                         f"of {list(names)} expected")
    res = []
    for n, o in zip(names, outs):
        a = _convert(o, field_name)
        if a.shape != shapes[n]:
            raise CheckError(field_name, f"the value for {n} has shape {a.shape}, but {n} has shape {shapes[n]}")
        res.append(a)
    return res


def _rule_difference(record, values, tangents, h):
    """Central differences of every differentiable output along ``tangents``, with their rounding
    noise; the nondifferentiable outputs must not change."""
    plus, minus = dict(values), dict(values)
    for name, d in tangents.items():
        plus[name] = _frozen(values[name] + h * d)
        minus[name] = _frozen(values[name] - h * d)
    op, om = _rule_outputs(record, plus), _rule_outputs(record, minus)
    for n in record.nondifferentiable:
        if not np.array_equal(op[n], om[n]):
            raise CheckError("nondifferentiable", f"output {n} changes under a perturbation of size {h:.0e}: it is "
                             "not locally constant, so it cannot be left without a tangent")
    refs, noise = [], []
    for n in record.differentiable_outputs:
        refs.append((op[n] - om[n]) / (2 * h))
        size = max(float(_MAX(np.abs(op[n]), None)), float(_MAX(np.abs(om[n]), None))) if op[n].size else 0.0
        noise.append(NOISE_FACTOR * np.finfo(float).eps * size / h * math.sqrt(op[n].size))
    return refs, noise


def _inner(a, b) -> float:
    return float(np.vdot(a, b))


def _probe_ad_rule(record: ADRule, inst: Instance) -> Probe:
    """Forward rule against central differences of f, reverse rule against the forward rule by the
    adjoint identity, on 3 random tangents and cotangents; a structured input's cotangent must
    have its structure (its other part is invisible to structured tangents)."""
    values = inst.values
    wrt, outs = record.wrt_names, record.differentiable_outputs
    outputs = _rule_outputs(record, values)
    in_shapes = {w: values[w].shape for w in wrt}
    out_shapes = {o: outputs[o].shape for o in outs}
    structure = {w: record.tangent_structure(w) for w in wrt}
    rng = np.random.default_rng([inst.seed, 1])
    h = STEP * min(_scale(values[w]) for w in wrt)
    jvp_fn, vjp_fn = record.jvp_fn(), record.vjp_fn()
    tangents, bars, refs, noise, claim, parts = [], [], [], [], [], []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        t = {w: _structured(rng.standard_normal(in_shapes[w]), structure[w]) for w in wrt}
        norm = math.sqrt(sum(_norm(v) ** 2 for v in t.values())) or 1.0
        t = {w: _frozen(v / norm) for w, v in t.items()}
        b = {o: rng.standard_normal(out_shapes[o]) for o in outs}
        norm = math.sqrt(sum(_norm(v) ** 2 for v in b.values())) or 1.0
        b = {o: _frozen(v / norm) for o, v in b.items()}
        r, n = _rule_difference(record, values, t, h)
        refs += r
        noise += n
        tangents.append(t)
        bars.append(b)
        claim += _rule_call(record, jvp_fn, "jvp", {**values, **outputs, **{"d" + w: v for w, v in t.items()}},
                            outs, out_shapes)
        parts += ["jvp"] * len(outs)
    for b in bars:
        claim += _rule_call(record, vjp_fn, "vjp", {**values, **outputs, **{o + "_bar": v for o, v in b.items()}},
                            wrt, in_shapes)
        parts += ["vjp"] * len(wrt)
    k_dirs = DIRECTIONS_PER_INSTANCE
    structured = [w for w in wrt if structure[w] != "general" and values[w].ndim == 2]
    refs += [0.0] * k_dirs + [np.zeros(in_shapes[w]) for _ in range(k_dirs) for w in structured]
    noise += [0.0] * (k_dirs + k_dirs * len(structured))

    def predict(claim_):
        if any(np.shape(c) != np.shape(o) for c, o in zip(claim_, claim)):
            raise ValueError("shape")
        n_j = k_dirs * len(outs)
        jv, vj = claim_[:n_j], claim_[n_j:]
        pred = list(jv)
        for k in range(k_dirs):
            lhs = sum(_inner(bars[k][o], jv[k * len(outs) + i]) for i, o in enumerate(outs))
            rhs = sum(_inner(vj[k * len(wrt) + i], tangents[k][w]) for i, w in enumerate(wrt))
            pred.append(rhs - lhs)
        for k in range(k_dirs):
            for i, w in enumerate(wrt):
                if w in structured:
                    g = vj[k * len(wrt) + i]
                    pred.append(g - _structured(g, structure[w]))
        return pred

    first = ({w: tangents[0][w] for w in wrt}, refs[0], noise[0]) if len(outs) == 1 else None
    return Probe(inst, refs, claim, predict, noise, first=first, parts=parts)


def _target_ad_rule(record, values, parts, known=None):
    outputs = _rule_outputs(record, values)
    (o,) = record.differentiable_outputs
    (t,) = _rule_call(record, record.jvp_fn(), "jvp", {**values, **outputs, **{"d" + w: v for w, v in parts.items()}},
                      (o,), {o: outputs[o].shape})
    return t


# --------------------------------------------------------------------------------------------
# Expansions: the order of the remainder

EXPANSION_STEPS = 12   # ε from epsilon down to epsilon / 2048


def _probe_expansion(record: Expansion, inst: Instance) -> Probe:
    eps = [record.epsilon * 2.0 ** -k for k in range(EXPANSION_STEPS)]
    refs = [_call(record.f, "f", inst.values, eps=e) for e in eps]
    claim = [_call(record.series, "series", inst.values, eps=e) for e in eps]
    for r, c in zip(refs, claim):
        if np.shape(r) != np.shape(c):
            raise CheckError("series", f"returned shape {np.shape(c)}, but f has shape {np.shape(r)}")
    scale = max(_norm(r) for r in refs) or 1.0
    # remainders below this are rounding, not truncation: they say nothing about the order
    floor = 1e2 * np.finfo(float).eps * scale
    order = record.order

    def judge(c):
        if any(np.shape(r) != np.shape(q) for r, q in zip(refs, c)):
            return float("inf"), float("inf")
        res = [_norm(np.asarray(r) - np.asarray(q)) for r, q in zip(refs, c)]
        # the slope over the four smallest ε whose remainder is above rounding: the limit ε -> 0 is what an
        # order claims, and a small wrong coefficient of a lower term shows only there
        pts = [(math.log2(e), math.log2(r)) for e, r in zip(eps, res) if r > floor][-4:]
        if len(pts) < 2:
            return 0.0, 0.0   # the remainder is rounding at every step: of any order
        xs, ys = np.array(pts).T
        slope = float(np.polyfit(xs, ys, 1)[0])
        short = max(0.0, order - slope)
        return short, short

    def coefficient(c):
        # a term of order `order - 1` added, a thousandth of f's size: one coefficient wrong
        return [q + PERTURBATION * (e ** (order - 1)) * scale * _unit_noise(inst.seed, 7, np.shape(q))
                for q, e in zip(c, eps)]

    return Probe(inst, refs, claim, lambda c: c, judge=judge, extra_mutations={"coefficient": coefficient})


def _target_expansion(record, values, parts, known=None):
    raise CheckError("derivation", "a derivation of an expansion is not checked step by step; state its "
                     "steps as formulas in 'also'")


# --------------------------------------------------------------------------------------------
# Inequalities: never violated, and attained


def _probe_inequality(record: Inequality, inst: Instance) -> Probe:
    left = _real_side(_call(record.lhs, "lhs", inst.values), "lhs")
    right = _real_side(_call(record.rhs, "rhs", inst.values), "rhs")
    if np.shape(left) != np.shape(right):
        raise CheckError("rhs", f"returned shape {np.shape(right)}, but lhs has shape {np.shape(left)}")
    rng = np.random.default_rng([inst.seed, 11])
    try:
        changed = record.attained(rng, **inst.values)
    except CheckError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - the record's code
        raise CheckError("attained", f"raised {type(exc).__name__}: {exc}") from None
    if not isinstance(changed, dict) or not set(changed) <= set(record.variables):
        raise CheckError("attained", "must return a dict of variables (some or all of them)")
    at = Instance(inst.seed, inst.sizes, {**inst.values, **{k: _frozen(v) for k, v in changed.items()}})
    bad = _assumption_problem(record, at)
    if bad is not None:
        raise CheckError("attained", f"the values where the bound is attained break an assumption: {bad}")
    left_at = _real_side(_call(record.lhs, "lhs", at.values), "lhs")
    right_at = _real_side(_call(record.rhs, "rhs", at.values), "rhs")
    if np.shape(left_at) != np.shape(right_at):
        raise CheckError("rhs", f"returned shape {np.shape(right_at)} where the bound is attained, but lhs has "
                         f"{np.shape(left_at)}")
    scale = max(_norm(left), _norm(right)) or 1.0
    scale_at = max(_norm(left_at), _norm(right_at)) or 1.0

    def judge(c):
        if np.shape(c[0]) != np.shape(left) or np.shape(c[1]) != np.shape(left_at):
            return float("inf"), float("inf")
        over = float(np.max(np.asarray(left) - np.asarray(c[0]), initial=0.0)) / scale
        gap = float(np.max(np.abs(np.asarray(left_at) - np.asarray(c[1])), initial=0.0)) / scale_at
        worst = max(over, gap)
        return worst, worst

    def tighten(c):
        # the bound made smaller by a relative 1e-3: it must fail where it is attained
        return [np.asarray(q) - PERTURBATION * np.abs(q) for q in c]

    return Probe(inst, [left, left_at], [right, right_at], lambda c: c, judge=judge,
                 extra_mutations={"tighten": tighten})


def _real_side(v, name):
    if np.iscomplexobj(v):
        if np.any(np.abs(np.imag(v)) > 1e-12 * max(1.0, _norm(v))):
            raise CheckError(name, "returned complex values: the sides of an inequality are real")
        v = np.real(v)
    return v


def _target_inequality(record, values, parts, known=None):
    raise CheckError("derivation", "a derivation of an inequality is not checked step by step; give its "
                     "steps as formulas in 'also'")


# --------------------------------------------------------------------------------------------
# Expectations: exact quadrature


@functools.lru_cache(maxsize=64)
def _hermite_grid(dim: int, nodes: int):
    """Tensor Gauss–Hermite rule for N(0, I_dim): points (K × dim) and weights summing to one."""
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    w = w / w.sum()
    pts = np.stack([g.reshape(-1) for g in np.meshgrid(*([z] * dim), indexing="ij")], axis=1)
    wts = np.prod(np.stack([g.reshape(-1) for g in np.meshgrid(*([w] * dim), indexing="ij")]), axis=0)
    return pts, wts


def _atoms(law, values, rng, nodes):
    """The points and weights of the random variable's distribution (exact for the record's claim)."""
    mean = np.asarray(values[law.mean], dtype=float)
    d = mean.size
    if isinstance(law, Gaussian):
        if mean.ndim > 1:
            raise CheckError("random", "a Gaussian's mean is a scalar or a vector")
        L = np.linalg.cholesky(np.asarray(values[law.cov]).reshape(d, d))
        pts, wts = _hermite_grid(d, nodes)
        return [_frozen((mean.reshape(-1) + L @ z).reshape(mean.shape)) for z in pts], wts
    k = law.atoms or d + 3
    z = rng.standard_normal((k, d))
    w = rng.uniform(0.5, 1.5, size=k)
    w = w / w.sum()
    z = z - w @ z
    if law.cov:
        ev, V = np.linalg.eigh(z.T @ (w[:, None] * z))
        z = z @ (V / np.sqrt(ev)) @ V.T          # weighted covariance exactly I
        z = z @ np.linalg.cholesky(np.asarray(values[law.cov]).reshape(d, d)).T
    flat = mean.reshape(-1, order="F")
    return [_frozen((flat + zi).reshape(mean.shape, order="F")) for zi in z], w


def _expect(record, values, rng, nodes):
    (x, law), = record.random.items()
    pts, wts = _atoms(law, values, rng, nodes)
    total = None
    for p, w in zip(pts, wts):
        v = _call(record.integrand, "integrand", values, **{x: p})
        total = w * v if total is None else total + w * v
    return np.asarray(total)


def _probe_expectation(record: Expectation, inst: Instance) -> Probe:
    (x, law), = record.random.items()
    noise = None
    if isinstance(law, Gaussian):
        if record.degree is not None:
            nodes = record.degree // 2 + 1
            ref = _expect(record, inst.values, None, nodes)
            # one node more is exact to degree + 2: a disagreement means the integrand's degree is higher
            check = _expect(record, inst.values, None, nodes + 1)
            if _norm(check - ref) > 1e-10 * max(_norm(ref), 1.0):
                raise CheckError("degree", f"the quadrature exact to degree {record.degree} changes with one node "
                                 f"more: the integrand is not a polynomial of that degree in {x}; give its degree, "
                                 "or None")
        else:
            ref = _expect(record, inst.values, None, 24)
            noise = [10 * _norm(ref - _expect(record, inst.values, None, 20))]
    else:
        ref = _expect(record, inst.values, np.random.default_rng([inst.seed, 13]), 0)
    claim = _call(record.expected, "expected", inst.values)
    if np.shape(claim) != np.shape(ref):
        raise CheckError("expected", f"returned shape {np.shape(claim)}, but the integrand has shape {np.shape(ref)}")
    return Probe(inst, [ref], [claim], lambda c: c, noise)


def _target_expectation(record, values, parts, known=None):
    raise CheckError("derivation", "a derivation of an expectation is not checked step by step; give its "
                     "steps as formulas in 'also'")


# --------------------------------------------------------------------------------------------
# Complex derivatives: the real and imaginary parts differenced separately


def _probe_complex_derivative(record, inst: Instance) -> Probe:
    values = inst.values
    X = np.asarray(values[record.wrt])
    G = _call(record.claimed, "claimed", values)
    if np.shape(G) != X.shape:
        raise CheckError("claimed", f"returned shape {np.shape(G)}; a complex derivative has the shape of "
                         f"{record.wrt}, {X.shape}")
    rng = np.random.default_rng([inst.seed, 17])
    h = 1e-3 * max(1.0, _norm(X) / math.sqrt(max(X.size, 1)))
    conv = record.convention
    refs, dirs = [], []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        E = rng.standard_normal(X.shape)
        E = E / (_norm(E) or 1.0)

        def at(step):
            out = _call(record.f, "f", {**values, record.wrt: _frozen(X + step)})
            if np.ndim(out) != 0:
                raise CheckError("f", f"returned shape {np.shape(out)}: a complex derivative is of a scalar f")
            return complex(out)

        def diff(D):   # fourth-order central difference along the complex step D
            return (-at(2 * h * D) + 8 * at(h * D) - 8 * at(-h * D) + at(-2 * h * D)) / (12 * h)
        d_re, d_im = diff(E), diff(1j * E)
        refs.append(np.array({"real": d_re, "imag": d_im, "z": (d_re - 1j * d_im) / 2,
                              "conj": (d_re + 1j * d_im) / 2, "gradient": d_re + 1j * d_im}[conv]))
        dirs.append(E)

    def predict(claim):
        return [np.array(np.sum(claim[0] * E)) for E in dirs]

    extra = {"conjugate": _conjugate} if np.iscomplexobj(G) and np.any(np.asarray(G).imag) else None
    return Probe(inst, refs, [np.asarray(G)], predict, out_ndim=0, extra_mutations=extra)


def _target_complex_derivative(record, values, parts, known=None):
    raise CheckError("derivation", "a derivation of a complex derivative is not checked step by step; give its "
                     "steps as formulas in 'also'")


@dataclass(frozen=True)
class KindVerifier:
    """How one kind of claim is checked: its probe (an instance reduced to references and the
    claim's predictions), and what the last step of a derivation must reach."""
    probe: Callable
    target: Callable


# One verifier per kind; adding a kind is its class in model.py and its verifier here.
VERIFIERS = {
    "equality": KindVerifier(_probe_equality, _target_equality),
    "derivative": KindVerifier(_probe_derivative, _target_derivative),
    "differential": KindVerifier(_probe_differential, _target_differential),
    "hessian": KindVerifier(_probe_hessian, _target_hessian),
    "ad_rule": KindVerifier(_probe_ad_rule, _target_ad_rule),
    "expansion": KindVerifier(_probe_expansion, _target_expansion),
    "inequality": KindVerifier(_probe_inequality, _target_inequality),
    "expectation": KindVerifier(_probe_expectation, _target_expectation),
    "complex_derivative": KindVerifier(_probe_complex_derivative, _target_complex_derivative),
}
assert set(VERIFIERS) == set(KINDS), "every kind of claim needs its verifier in VERIFIERS"


def probe(record: Identity, inst: Instance) -> Probe:
    _COMPLEX[0] = _complex_record(record)
    v = VERIFIERS.get(record.kind)
    if v is None:
        raise TypeError(f"unknown kind of record: {type(record).__name__}")
    return v.probe(record, inst)


def scores(p: Probe, claim=None) -> tuple[float, float]:
    """(judged, raw): the scale-free error of ``claim`` (default: the record's) against the
    references, counting only the part of each discrepancy beyond the reference's rounding noise;
    and the whole discrepancy, noise included (what the pages report)."""
    claim = p.claim if claim is None else claim
    if p.judge is not None:
        return p.judge(claim)
    try:
        pred = p.predict(claim)
    except ValueError:  # a mutation that changes the shape cannot match
        return float("inf"), float("inf")
    if any(np.shape(r) != np.shape(q) for r, q in zip(p.references, pred)):
        return float("inf"), float("inf")
    denom = max(max(_norm(c) for c in claim), max(_norm(r) for r in p.references))
    diffs = [_norm(np.asarray(r) - np.asarray(q)) for r, q in zip(p.references, pred)]
    noise = p.noise or [0.0] * len(diffs)
    err, raw = max(max(0.0, d - n) for d, n in zip(diffs, noise)), max(diffs)
    if denom == 0.0:
        return (0.0 if err == 0.0 else float("inf")), (0.0 if raw == 0.0 else float("inf"))
    return err / denom, raw / denom


def score(p: Probe, claim=None, raw=False) -> float:
    """The scale-free error of ``claim`` against the references (``raw``: rounding noise included)."""
    return scores(p, claim)[1 if raw else 0]


# --------------------------------------------------------------------------------------------
# Mutations: wrong answers a verifier must reject


def mutate(name: str, claim: list, seed: int):
    """The claim changed by mutation ``name``, or None where that mutation changes nothing."""
    if name == "transpose":
        if not any(c.ndim == 2 for c in claim):
            return None
        out = [c.T if c.ndim == 2 else c for c in claim]
        # a claim symmetric up to rounding is its own transpose: that mutation changes nothing
        if all(a.shape == b.shape and _norm(a - b) <= 1e-12 * max(_norm(b), 1e-300)
               for a, b in zip(out, claim)):
            return None
        return out
    if not any(c.any() for c in claim):
        return None
    if name == "double":
        return [2 * c for c in claim]
    if name == "negate":
        return [-c for c in claim]
    if name == "perturb":
        out = []
        for k, c in enumerate(claim):
            e = _unit_noise(seed, k, c.shape)
            out.append(c + PERTURBATION * _norm(c) * e)
        return out
    raise ValueError(name)


def _mutate_part(name, p: Probe, part):
    """The probe's claim with mutation ``name`` applied to the arrays of ``part`` (all: None)."""
    if p.extra_mutations and name in p.extra_mutations:
        return p.extra_mutations[name](p.claim)
    if part is None:
        return mutate(name, p.claim, p.instance.seed)
    idx = [i for i, q in enumerate(p.parts) if q == part]
    wrong = mutate(name, [p.claim[i] for i in idx], p.instance.seed)
    if wrong is None:
        return None
    out = list(p.claim)
    for i, w in zip(idx, wrong):
        out[i] = w
    return out


@functools.lru_cache(maxsize=4096)
def _unit_noise(seed: int, k: int, shape: tuple):
    """A random direction of unit norm, the same for the same seed (drawn once: generators are slow
    to seed, and the same instance's sides share it)."""
    rng = np.random.default_rng([seed, 2, k]) if k else np.random.default_rng([seed, 2])
    e = np.asarray(rng.standard_normal(shape))
    e = np.asarray(e / _norm(e))
    e.flags.writeable = False
    return e


# --------------------------------------------------------------------------------------------
# The other displayed formulas: differential form, chain members, derivation steps


class _Sides:
    """What a formula's sides may ask for on one instance: the variables, their perturbations
    d<name>, and D, the true differential along those perturbations (cached per function)."""

    def __init__(self, record, values, parts, seed=0):
        self.record, self.values, self.parts = record, values, parts
        self.h = FORMULA_STEP * min((_scale(values[w]) for w in parts), default=1.0)
        self.cache = {}
        self.calls = 0
        self.shift = False   # re-evaluating a side with each D moved by its noise
        self.last = None     # (value, noise) of the last D returned
        self.largest = 0.0   # the largest noise of the D's a side used
        self.available = {**values, **{"d" + k: v for k, v in parts.items()}, "D": self.D}
        self.refined = False
        if isinstance(record, ADRule):
            # a rule's formulas may also name its outputs and a random cotangent <output>_bar of each
            outputs = _rule_outputs(record, values)
            rng = np.random.default_rng([seed, 4])
            bars = {o + "_bar": _frozen(rng.standard_normal(outputs[o].shape)) for o in record.differentiable_outputs}
            self.available = {**outputs, **bars, **self.available}

    def refine(self) -> bool:
        """Recompute every D with Richardson extrapolation (once); whether anything changed."""
        if self.refined:
            return False
        self.refined = True
        for key, (original, _, _, recipe) in list(self.cache.items()):
            if recipe is not None:
                fn, values, parts = recipe
                self.cache[key] = (original, *_central(self.record, fn, values, parts, self.h, "D", True), recipe)
        return any(entry[3] is not None for entry in self.cache.values())

    def D(self, g=None):
        if not self.parts:
            raise CheckError("D", "D needs perturbed variables: name one (dX) or use it in an entry with wrt")
        fn = self.record.f if g is None else g
        if fn is None or not callable(fn):
            raise CheckError("D", "D() is the differential of the record's f, and this kind has none: pass a function")
        key = id(fn)
        # the cache holds fn itself, so no later function can reuse its id while the cache lives
        if key not in self.cache or self.cache[key][0] is not fn:
            names = _parameters(fn)
            if names is not None and not set(names) & set(self.values) and len(self.parts) == 1:
                # a function of one argument (np.linalg.inv): of the one variable perturbed
                (var,) = self.parts
                arg = names[0] if names else "a"
                fn = _Renamed(fn, var, arg)
                names = [var]
            values = self.values if names is None else {k: v for k, v in self.values.items() if k in names}
            parts = {k: v for k, v in self.parts.items() if k in values}
            original = self.record.f if g is None else g
            if not parts:
                self.cache[key] = (original, np.zeros(np.shape(_call(fn, "D", values))), 0.0, None)
            else:
                # Richardson-extrapolated central differences, as for the statements: a plain one's
                # O(h²) error is not small next to a differential that is itself nearly zero
                d, noise = _central(self.record, fn, values, parts, self.h, "D", self.refined)
                self.cache[key] = (original, d, noise, (fn, values, parts))
        _, value, noise, _ = self.cache[key]
        self.calls += 1
        if self.shift and noise:
            return value + noise * _unit_noise(self.calls, 3, np.shape(value))
        self.last = (value, noise)
        self.largest = max(self.largest, noise)
        return value

    def evaluate(self, side, field_name):
        names = _parameters(side)
        available = self.available
        if names is None:
            kwargs = available
        else:
            missing = [n for n in names if n not in available]
            if missing:
                raise CheckError(field_name, f"a side asks for {missing}, which is neither a variable, the "
                                 f"perturbation of one of {sorted(self.parts) or 'none'} (d<name>), nor D")
            kwargs = {n: available[n] for n in names}
        self.calls, self.shift, self.largest = 0, False, 0.0
        out = _invoke(side, field_name, kwargs)
        value = _convert(out, field_name)
        if not self.calls:
            return value, 0.0, None
        if self.calls == 1 and out is self.last[0]:
            return value, self.last[1], None  # the side is D's value itself: its noise is D's
        # A first estimate of the side's rounding noise is the largest noise of a D it used; what the
        # side does with D's values (p·D(log p) scales it down) is carried through on demand
        return value, self.largest, lambda: self._carried_noise(side, field_name, kwargs, value)

    def _carried_noise(self, side, field_name, kwargs, value):
        """The rounding noise of a side that uses D, carried through whatever the side does with
        D's values: the side evaluated again with each D moved by its noise in a random direction,
        three times that change allowed."""
        self.calls, self.shift = 0, True
        try:
            moved = _convert(_invoke(side, field_name, kwargs), field_name)
        finally:
            self.shift = False
        return 3.0 * _norm(moved - value) if moved.shape == value.shape else 0.0


class _Renamed:
    """fn(a) called as fn(X=...): D(np.linalg.inv) is the differential of X ↦ X⁻¹."""

    def __init__(self, fn, var, arg):
        self.fn, self.var = fn, var

    def __call__(self, **kw):
        return self.fn(kw[self.var])


_PARAMS = weakref.WeakKeyDictionary()


def _parameters(fn):
    """The names a function takes, or None when it takes **kwargs."""
    try:
        return _PARAMS[fn]
    except (KeyError, TypeError):
        pass
    import inspect
    try:
        ps = inspect.signature(fn).parameters.values()
        names = None if any(p.kind == p.VAR_KEYWORD for p in ps) else [p.name for p in ps]
    except (TypeError, ValueError):
        names = None
    try:
        _PARAMS[fn] = names
    except TypeError:  # not weakly referenceable (a ufunc): asked again next time
        pass
    return names


def _perturbed(record, role, formula: Formula) -> tuple:
    names = formula.perturbed(record.variables)
    uses_D = any("D" in ps for ps in formula.parameters())
    if role == "step":
        extra = names - set(record.wrt_names)
        if extra:
            raise CheckError("derivation", f"a derivation perturbs only {list(record.wrt_names)}, but a step asks "
                             f"for d{sorted(extra)[0]}")
        return record.wrt_names
    if role == "differential" or uses_D:
        names = set(record.wrt_names) | names
    return tuple(sorted(names, key=list(record.variables).index))


def _derivation_target(record, values, parts, known=None):
    """What the last step of a derivation must arrive at: the claim applied to the perturbation."""
    return VERIFIERS[record.kind].target(record, values, parts, known)


def _vacuous(values: list, noise: list) -> bool:
    """A chain such as "dX X⁻¹ + X d(X⁻¹) = 0": every side zero up to the rounding noise of the
    differences it holds, and some side exactly zero. A check that sees nothing."""
    norms = [_norm(v) for v in values]
    return all(x <= 2 * n for x, n in zip(norms, noise) if n) and any(x == 0.0 for x, n in zip(norms, noise) if not n)


def _chain_score(values: list, noise: list) -> float:
    if any(np.shape(a) != np.shape(b) for a, b in zip(values, values[1:])):
        return float("inf")  # a mutation that changes a shape cannot match
    scale = max(_norm(v) for v in values)
    if scale == 0.0:
        return 0.0
    return max(max(0.0, _norm(a - b) - na - nb)
               for a, b, na, nb in zip(values, values[1:], noise, noise[1:])) / scale


def _carry_noise(entry):
    """Replace the first noise estimates of an evaluated formula by the carried ones (once)."""
    _, _, noise, carry = entry
    for i, c in enumerate(carry):
        if c is not None:
            noise[i], carry[i] = c(), None


def _mutation_rejected(entries, side, m) -> tuple[bool, bool]:
    """(applied, rejected): whether mutation ``m`` of side ``side`` changes anything, and whether an
    instance tells the wrong side apart from a neighbour (the chain score of the wrong side and its
    neighbours, as ``_chain_score`` would give it)."""
    applied = False
    for seed, vals, noise, _ in entries:
        v = vals[side]
        wrong = mutate(m, [v], seed)
        if wrong is None:
            continue
        w = wrong[0]
        if m == "transpose" and w.shape == v.shape and \
                _norm(w - v) <= FORMULA_TOLERANCE * _norm(v) + 2 * noise[side]:
            continue  # symmetric up to the differences' rounding: transposing changes nothing
        applied = True
        neighbours = [j for j in (side - 1, side + 1) if 0 <= j < len(vals)]
        if any(vals[j].shape != w.shape for j in neighbours):
            return True, True  # a wrong shape cannot match
        scale = max([_norm(w)] + [_norm(vals[j]) for j in neighbours])
        worst = max(max(0.0, _norm(w - vals[j]) - noise[side] - noise[j]) for j in neighbours)
        if scale > 0.0 and worst / scale > FORMULA_TOLERANCE:
            return True, True
    return applied, False


def _evaluate_sides(ctx, f, name, seed):
    """(seed, values, noise, carry) of every side of formula ``f`` on one instance."""
    vals, noise, carry = [], [], []
    for k, side in enumerate(f.sides):
        v, n, c = ctx.evaluate(side, name)
        if vals and v.shape != vals[-1].shape:
            raise CheckError(name, f"side {k + 1} has shape {v.shape}, side {k} has shape {vals[-1].shape}")
        vals.append(v)
        noise.append(n)
        carry.append(c)
    return seed, vals, noise, carry


def _check_formulas(record, instances, mutations=True, firsts=None, known=None) -> list[FormulaResult]:
    """Every formula besides the statement, on the record's instances. A derivation is checked
    step by step on one perturbation per instance, and its last step must reach the claim."""
    items = record.formulas()
    if not items:
        return []
    known = known or {}
    results = {name: FormulaResult(role, name) for role, name, _ in items}
    if record.derivation:
        results["derivation"] = FormulaResult("reaches-claim", "derivation")
    evaluated = {name: [] for name in results}   # name -> [(seed, [values], [noise], [carry])]
    vacuous: dict = {}                             # name -> instances on which every side is zero
    for inst in instances:
        rng = np.random.default_rng([inst.seed, 3])
        contexts = {}
        step_values = None
        for role, name, f in items:
            res = results[name]
            if res.error:
                continue
            if not isinstance(f, Formula) or not f.checked:
                res.error = "a displayed formula without a checker (MC029)"
                continue
            try:
                if not res.perturbed:
                    res.perturbed = _perturbed(record, role, f)  # the same on every instance
                wanted = res.perturbed
                if wanted not in contexts:
                    first = (firsts or {}).get(inst.seed)
                    if first is not None and tuple(first[0]) == wanted:
                        # the statement's probe already differenced f along this perturbation
                        ctx = _Sides(record, inst.values, first[0], inst.seed)
                        ctx.cache[id(record.f)] = (record.f, first[1], first[2], (record.f, inst.values, first[0]))
                    else:
                        ctx = _Sides(record, inst.values, _perturbation(record, wanted, inst.values, rng), inst.seed)
                    contexts[wanted] = ctx
                ctx = contexts[wanted]
                entry = _evaluate_sides(ctx, f, name, inst.seed)
                _, vals, noise, carry = entry
                sc = _chain_score(vals, noise)
                empty = _vacuous(vals, noise)
                if (sc > REFINE_AT * FORMULA_TOLERANCE or empty) and any(noise) and ctx.refine():
                    entry = _evaluate_sides(ctx, f, name, inst.seed)  # on Richardson-extrapolated D's
                    _, vals, noise, carry = entry
                    sc, empty = _chain_score(vals, noise), _vacuous(vals, noise)
                if (sc > FORMULA_TOLERANCE or empty) and any(carry):
                    _carry_noise(entry)  # the first estimate may be too small (or too large): carry it
                    sc, empty = _chain_score(vals, noise), _vacuous(vals, noise)
            except CheckError as exc:
                res.error, res.seed = str(exc), inst.seed
                continue
            if role == "step":
                step_values = (ctx, entry)
            if empty:
                vacuous[name] = vacuous.get(name, 0) + 1  # sees nothing here: judged on the other instances
                continue
            if sc >= res.score:
                res.score, res.seed = sc, inst.seed
            evaluated[name].append(entry)
        if record.derivation and step_values is not None and not results["derivation"].error:
            res = results["derivation"]
            ctx, step_entry = step_values
            last = step_entry[1][-1]
            try:
                target = _convert(_derivation_target(record, inst.values, ctx.parts, known.get(inst.seed)),
                                  "derivation")
                if target.shape != last.shape:
                    raise CheckError("derivation", f"the last step arrives at shape {last.shape}, the claim "
                                     f"predicts shape {target.shape}")
            except CheckError as exc:
                res.error, res.seed = str(exc), inst.seed
                continue
            vals, noise = [last, target], [step_entry[2][-1], 0.0]
            if _chain_score(vals, noise) > FORMULA_TOLERANCE:
                try:
                    _carry_noise(step_entry)
                except CheckError as exc:
                    res.error, res.seed = str(exc), inst.seed
                    continue
                noise[0] = step_entry[2][-1]
            if _vacuous(vals, noise):
                vacuous["derivation"] = vacuous.get("derivation", 0) + 1
                continue
            sc = _chain_score(vals, noise)
            if sc >= res.score:
                res.score, res.seed = sc, inst.seed
            evaluated["derivation"].append((inst.seed, vals, noise, [None, None]))
    for name, res in results.items():
        if not res.error and not evaluated[name] and vacuous.get(name):
            res.error = ("every side is zero on every instance, so the check sees nothing: state the non-zero "
                         "consequence (X d(X⁻¹) = −dX X⁻¹ rather than dX X⁻¹ + X d(X⁻¹) = 0)")
    if mutations:
        for name, res in results.items():
            if not res.ok or not evaluated[name]:
                continue
            for m in MUTATIONS:
                verdicts = []
                for side in range(len(evaluated[name][0][1])):
                    applied, rejected = _mutation_rejected(evaluated[name], side, m)
                    if applied and not rejected:
                        # a noise estimate too large could hide it: carry the noise, then judge again
                        try:
                            for entry in evaluated[name]:
                                _carry_noise(entry)
                        except CheckError as exc:
                            res.error = str(exc)
                            break
                        applied, rejected = _mutation_rejected(evaluated[name], side, m)
                    if applied:
                        verdicts.append(rejected)
                res.mutations[m] = ("not applicable" if not verdicts else
                                    "rejected" if all(verdicts) else "accepted")
    return list(results.values())


# --------------------------------------------------------------------------------------------
# Errata: the printed formula, shown wrong


def _variant(record, changes: dict):
    """The record as a source prints it: a copy with some fields changed, and nothing else to check."""
    v = copy.copy(record)
    for k, val in changes.items():
        setattr(v, k, val)
    v.differential, v.also, v.derivation, v.errata = None, [], [], []
    if isinstance(v, Derivative) and "other_layout" not in changes:
        v.other_layout = ()
    return v


def _refute(record, index: int, erratum: Erratum, seed, instances) -> ErratumResult:
    res = ErratumResult(f"errata[{index}]", erratum.checkable)
    if not erratum.checkable:
        return res
    printed = _variant(record, erratum.changes)
    report = verify(printed, seed=seed, instances=instances, mutations=False)
    bad = report.failing
    if bad:
        r = bad[0]
        res.refuted, res.seed, res.sizes, res.score = True, r.seed, r.sizes, r.score
        res.error = r.error or f"error {r.score:.1e} against a tolerance of {report.tolerance:.0e}"
    return res


# --------------------------------------------------------------------------------------------


def _assumption_problem(record, inst) -> CheckError | None:
    """A declared assumption the checked sample does not satisfy (``prepare`` may move it)."""
    for name, var in record.variables.items():
        value = inst.values.get(name)
        if value is None:
            return CheckError(f"variables['{name}']", f"the sample has no value for {name} (prepare dropped it)")
        for word in vocab.closure(var.assume):
            test = vocab.VOCABULARY[word].holds
            if test is not None and not test(np.asarray(value)):
                return CheckError(f"variables['{name}']", f"{name} is declared '{word}', but the checked sample "
                                  f"is not{' (prepare changed it)' if record.prepare else ''}: the page would "
                                  "state an assumption the check does not use; declare what holds after prepare "
                                  "and say the rest in 'conditions'")
    return None


def verify(record: Identity, seed: int | None = None, instances: int | None = None,
           mutations: bool = True, formulas: bool = True, errata: bool | None = None) -> Report:
    """Verify ``record`` on random instances; with ``mutations``, also show each wrong answer rejected.

    Works for any record, in the catalogue or not. Never raises for a faulty checker: the
    report's failing instances name the field that failed. With ``formulas``, every other
    displayed formula (differential form, chain members, derivation steps) is checked on the same
    instances, and every erratum's printed formula is shown wrong.
    """
    start = time.perf_counter()
    _SCALES.clear()
    _COMPLEX[0] = _complex_record(record)
    tol = record.tolerance or TOLERANCE[record.kind]
    report = Report(record.id, record.kind, tol)
    probes, drawn = [], []
    for s in instance_seeds(record, seed, instances):
        try:
            inst = draw(record, s)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - prepare is the record's code
            report.instances.append(InstanceResult(s, "?", float("inf"), f"raised {type(exc).__name__}: {exc}",
                                                   "prepare" if record.prepare else "variables"))
            continue
        # without prepare the sample is the generators' own, which satisfy their words by
        # construction (tests/test_verifier.py checks every generator against every test)
        bad = _assumption_problem(record, inst) if record.prepare is not None else None
        if bad is not None:
            report.instances.append(InstanceResult(s, inst.sizes_text(), float("inf"), str(bad), bad.field,
                                                   code="MC033"))
            continue
        drawn.append(inst)
        try:
            p = probe(record, inst)
        except CheckError as exc:
            report.instances.append(InstanceResult(s, inst.sizes_text(), float("inf"), str(exc), exc.field))
            continue
        probes.append(p)
        report.out_ndim = p.out_ndim
        judged, raw = scores(p)
        if judged > REFINE_AT * tol and p.refine is not None:
            try:
                p.refine(p)
            except CheckError as exc:
                report.instances.append(InstanceResult(s, inst.sizes_text(), float("inf"), str(exc), exc.field))
                continue
            judged, raw = scores(p)
        report.instances.append(InstanceResult(s, inst.sizes_text(), judged, raw=raw))
    if isinstance(record, Derivative) and record.other_layout and report.ok:
        _verify_other_layout(record, report, drawn, {p.instance.seed: p for p in probes})
    if formulas and drawn:
        firsts = {p.instance.seed: p.first for p in probes if p.first is not None}
        known = {p.instance.seed: (p.claim[0], p.out_ndim) for p in probes
                 if record.kind == "derivative" and p.out_ndim is not None}
        report.formulas = _check_formulas(record, drawn, mutations, firsts, known)
    if mutations and report.ok:
        # a claim in parts (a forward and a reverse rule) is mutated one part at a time: each
        # part's check must be able to fail on its own
        part_names = list(dict.fromkeys(probes[0].parts)) if probes and probes[0].parts else [None]
        extra = tuple(probes[0].extra_mutations or {}) if probes else ()
        for name in MUTATIONS + extra:
            verdicts, worst = [], float("inf")
            for part in part_names:
                # rejected once an instance tells it apart (the score recorded is that instance's: a
                # lower bound of the margin); the later instances are tried only while it is not
                wrong_scores = []
                for p in probes:
                    wrong = _mutate_part(name, p, part)
                    if wrong is not None:
                        wrong_scores.append(score(p, wrong))
                        if wrong_scores[-1] > tol:
                            break
                if wrong_scores:
                    verdicts.append(max(wrong_scores) > tol)
                    worst = min(worst, max(wrong_scores))
                    if part is not None:
                        report.part_mutations.setdefault(part, {})[name] = "rejected" if verdicts[-1] else "accepted"
            if not verdicts:
                report.mutations[name] = "not applicable"
                continue
            report.mutation_scores[name] = worst
            report.mutations[name] = "rejected" if all(verdicts) else "accepted"
    if formulas if errata is None else errata:
        report.errata = [_refute(record, i, e, seed, instances) for i, e in enumerate(record.errata)
                         if isinstance(e, Erratum)]
    report.seconds = time.perf_counter() - start
    return report


def _verify_other_layout(record: Derivative, report: Report, drawn, probes):
    other = "numerator" if record.layout == "denominator" else "denominator"
    _, claimed = record.other_layout
    for inst in drawn:
        try:
            p = _probe_derivative(record, inst, layout=other, claimed=claimed, base=probes.get(inst.seed))
        except CheckError as exc:
            report.instances.append(InstanceResult(inst.seed, inst.sizes_text(), float("inf"), str(exc),
                                                   "other_layout"))
            continue
        sc = score(p)
        if sc > report.tolerance:
            report.instances.append(InstanceResult(inst.seed, inst.sizes_text(), sc, f"{other}-layout form fails "
                                                   f"with error {sc:.2e}", "other_layout"))
