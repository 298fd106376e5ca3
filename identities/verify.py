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

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .model import Derivative, Differential, Equality, Hessian, Identity
from .sample import Instance, draw, instance_seeds

# Chosen from measured errors (python -m identities bench --seeds 1000 prints the margins): over
# 318,000 instances correct claims stay below these, and a 1e-3 perturbation scores above ~1e-5.
TOLERANCE = {"equality": 1e-7, "derivative": 1e-6, "differential": 1e-6, "hessian": 1e-6}
STEP = 6e-6            # central-difference step, relative to the variable's scale
DIRECTIONS_PER_INSTANCE = 3
PERTURBATION = 1e-3
# Rounding noise allowed in a finite difference, in units of eps·|f|/h; 100 covers the few ulps of
# error a matrix computation of f carries, and is far below the signal of any wrong answer
NOISE_FACTOR = 100.0
MUTATIONS = ("transpose", "double", "negate", "perturb")
CLAIM_FIELD = {"equality": "rhs", "derivative": "claimed", "differential": "df", "hessian": "claimed"}


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


@dataclass
class InstanceResult:
    seed: int
    sizes: str
    score: float
    error: str = ""           # set when a checker failed outright
    field: str = ""
    raw: float = float("nan")  # the discrepancy before the rounding-noise allowance


@dataclass
class Report:
    id: str
    kind: str
    tolerance: float
    instances: list = field(default_factory=list)
    mutations: dict = field(default_factory=dict)   # name -> "rejected" | "accepted" | "not applicable"
    mutation_scores: dict = field(default_factory=dict)  # name -> largest score of that wrong answer
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.instances) and all(not r.error and r.score <= self.tolerance for r in self.instances)

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

    def mutation_kill_rate(self) -> tuple[int, int]:
        applicable = [v for v in self.mutations.values() if v != "not applicable"]
        return sum(v == "rejected" for v in applicable), len(applicable)

    def weak_mutations(self) -> list[str]:
        """Wrong answers this check let through; a check that lets any through is a defect."""
        out = [n for n, v in self.mutations.items() if v == "accepted"]
        if self.mutations and not any(v == "rejected" for v in self.mutations.values()):
            out.append("all (no mutation applies: the claim is zero)")
        return out

    @property
    def passed(self) -> bool:
        """Verified, and every applicable wrong answer rejected (when mutations were run)."""
        return self.ok and not self.weak_mutations()

    def describe_failure(self, record: Identity | None = None) -> str:
        lines = []
        where = f"{record.file}:{record.line}: " if record is not None and record.file else ""
        target = self.id
        if record is not None and record.file and "identities/entries/" not in record.file.replace("\\", "/"):
            target = record.file  # not in the catalogue: reproduce from its file
        for r in self.failing:
            what = (f"field '{r.field}': {r.error}" if r.error
                    else f"field '{CLAIM_FIELD[self.kind]}': error {r.score:.2e} exceeds tolerance "
                         f"{self.tolerance:.0e}: the claim disagrees with the definition")
            lines.append(f"{where}MC020 entry {self.id} ({self.kind}) failed on instance seed={r.seed} [{r.sizes}]: {what}\n"
                         f"  reproduce: python -m identities check {target} --seed {r.seed} --instances 1")
        if self.ok:
            for name in self.weak_mutations():
                lines.append(f"{where}MC021 entry {self.id} ({self.kind}): the wrong answer '{name}' was accepted, so this "
                             "check cannot fail; compare against an independent computation")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------


def _call(fn, field_name, values, **extra):
    try:
        out = fn(**values, **extra)
    except Exception as exc:  # a contributor's checker: report, never crash the run
        raise CheckError(field_name, f"raised {type(exc).__name__}: {exc}") from exc
    try:
        arr = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise CheckError(field_name, f"returned {type(out).__name__}, not an array of numbers") from exc
    if not np.all(np.isfinite(arr)):
        raise CheckError(field_name, "returned NaN or infinity")
    return arr


def _direction(shape, mode, rng):
    v = rng.standard_normal(shape)
    if mode == "symmetric" and v.ndim == 2:
        v = (v + v.T) / 2
    elif mode == "diagonal" and v.ndim == 2:
        v = np.diag(np.diag(v))
    n = np.linalg.norm(v)
    return v / n if n else v


def _scale(value) -> float:
    # The step follows the smallest singular value: near-singular arguments need smaller steps.
    if value.ndim == 2 and value.shape[0] == value.shape[1]:
        return float(min(1.0, np.linalg.svd(value, compute_uv=False)[-1]))
    return 1.0


def _difference(f, values, deltas, h):
    plus = dict(values)
    minus = dict(values)
    for name, d in deltas.items():
        plus[name] = values[name] + h * d
        minus[name] = values[name] - h * d
    fp, fm = _call(f, "f", plus), _call(f, "f", minus)
    return (fp - fm) / (2 * h), max(float(np.max(np.abs(fp), initial=0.0)), float(np.max(np.abs(fm), initial=0.0)))


def _central(record, f, values, deltas, h):
    """The directional derivative of f along ``deltas``, and the rounding noise of that estimate.

    Central differences at steps h and 2h are combined (Richardson extrapolation): truncation error
    O(h^4) instead of O(h^2). What remains is rounding: f is known to about eps·|f|, so the
    difference is known to about eps·|f|/h, which matters where the derivative is small next to f."""
    d1, size1 = _difference(f, values, deltas, h)
    d2, size2 = _difference(f, values, deltas, 2 * h)
    noise = NOISE_FACTOR * np.finfo(float).eps * max(size1, size2) / h
    return (4 * d1 - d2) / 3, noise * np.sqrt(np.size(d1))


def expected_shape(layout: str, out_shape: tuple, in_shape: tuple):
    """Shape of a derivative of an ``out_shape`` function by an ``in_shape`` variable, or None if the
    combination is not a Derivative (state it as a Differential)."""
    o, i = len(out_shape), len(in_shape)
    if o == 0:
        return in_shape if (layout == "denominator" or i < 2) else in_shape[::-1]
    if i == 0:
        return out_shape if (layout == "numerator" or o < 2) else out_shape[::-1]
    if o == 1 and i == 1:
        return out_shape + in_shape if layout == "numerator" else in_shape + out_shape
    return None


def jvp(layout: str, G, v, out_ndim: int, in_ndim: int):
    """The claimed derivative G applied to a direction v: the predicted change of f."""
    if out_ndim == 0:
        g = G.T if (layout == "numerator" and in_ndim == 2) else G
        return np.sum(g * v)
    if in_ndim == 0:
        g = G.T if (layout == "denominator" and out_ndim == 2) else G
        return g * v
    return G @ v if layout == "numerator" else G.T @ v


def _probe_derivative(record: Derivative, inst: Instance, layout=None, claimed=None) -> Probe:
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
        raise CheckError("claimed", f"returned shape {G.shape}, but the {layout}-layout derivative of an output "
                         f"of shape {out.shape} by {record.wrt} of shape {x.shape} has shape {want}")
    rng = np.random.default_rng([inst.seed, 1])
    h = STEP * _scale(x)
    if record.directions == "symmetric_entries":
        return _probe_symmetric_entries(record, inst, G, layout, h, rng)
    dirs = [_direction(x.shape, record.directions, rng) for _ in range(DIRECTIONS_PER_INSTANCE)]
    refs, noise = zip(*[_central(record, record.f, values, {record.wrt: d}, h) for d in dirs])

    def predict(claim):
        (g,) = claim
        if g.shape != want:
            raise ValueError("shape")
        return [jvp(layout, g, d, out.ndim, x.ndim) for d in dirs]

    return Probe(inst, list(refs), [G], predict, list(noise))


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
    refs, noise = [], []
    for i, j in cells:
        d = np.zeros_like(x)
        d[i, j] = d[j, i] = 1.0
        ref, n = _central(record, record.f, values, {record.wrt: d}, h)
        refs.append(ref)
        noise.append(n)

    def predict(claim):
        (g,) = claim
        if g.shape != G.shape:
            raise ValueError("shape")
        g = g.T if layout == "numerator" else g
        # the claim must itself be symmetric: entry (j, i) is the same partial derivative
        return [g[i, j] for i, j in cells] + [g[j, i] for i, j in cells]

    return Probe(inst, refs + refs, [G], predict, noise + noise)


def _probe_differential(record: Differential, inst: Instance) -> Probe:
    values = inst.values
    wrt = (record.wrt,) if isinstance(record.wrt, str) else tuple(record.wrt)
    _call(record.f, "f", values)
    rng = np.random.default_rng([inst.seed, 1])
    h = STEP * min(_scale(values[w]) for w in wrt)
    refs, claims, noise = [], [], []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        parts = {w: _direction(values[w].shape, record.directions, rng) for w in wrt}
        norm = np.sqrt(sum(np.sum(p * p) for p in parts.values()))
        parts = {w: p / norm for w, p in parts.items()}
        ref, n = _central(record, record.f, values, parts, h)
        refs.append(ref)
        noise.append(n)
        c = _call(record.df, "df", values, **{"d" + w: p for w, p in parts.items()})
        if c.shape != refs[-1].shape:
            raise CheckError("df", f"returned shape {c.shape}, but f changes with shape {refs[-1].shape}")
        claims.append(c)
    return Probe(inst, refs, claims, lambda claim: claim, noise)


def _probe_equality(record: Equality, inst: Instance) -> Probe:
    left = _call(record.lhs, "lhs", inst.values)
    right = _call(record.rhs, "rhs", inst.values)
    if left.shape != right.shape:
        raise CheckError("rhs", f"returned shape {right.shape}, but lhs has shape {left.shape}")
    return Probe(inst, [left], [right], lambda claim: claim)


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
        moved[record.wrt] = x + a * h * u + b * h * v
        return _call(record.f, "f", moved)

    def second(u, v, h):
        return (f_at(1, 1, u, v, h) - f_at(1, -1, u, v, h) - f_at(-1, 1, u, v, h) + f_at(-1, -1, u, v, h)) / (4 * h * h)

    pairs, refs = [], []
    for _ in range(DIRECTIONS_PER_INSTANCE):
        u = _direction(x.shape, record.directions, rng)
        v = _direction(x.shape, record.directions, rng)
        pairs.append((u.reshape(-1, order="F"), v.reshape(-1, order="F")))
        refs.append((4 * second(u, v, base / 2) - second(u, v, base)) / 3)

    def predict(claim):
        (h,) = claim
        if h.shape != (n, n):
            raise ValueError("shape")
        return [u @ h @ v for u, v in pairs]

    return Probe(inst, refs, [H], predict)


def probe(record: Identity, inst: Instance) -> Probe:
    if isinstance(record, Hessian):
        return _probe_hessian(record, inst)
    if isinstance(record, Derivative):
        return _probe_derivative(record, inst)
    if isinstance(record, Differential):
        return _probe_differential(record, inst)
    if isinstance(record, Equality):
        return _probe_equality(record, inst)
    raise TypeError(f"unknown kind of record: {type(record).__name__}")


def score(p: Probe, claim=None, raw=False) -> float:
    """The scale-free error of ``claim`` (default: the record's) against the references; with
    ``raw``, the whole discrepancy, rounding noise included (what the pages report)."""
    claim = p.claim if claim is None else claim
    try:
        pred = p.predict(claim)
    except ValueError:  # a mutation that changes the shape cannot match
        return float("inf")
    if any(np.shape(r) != np.shape(q) for r, q in zip(p.references, pred)):
        return float("inf")
    denom = max(max(float(np.linalg.norm(c)) for c in claim), max(float(np.linalg.norm(r)) for r in p.references))
    noise = [0.0] * len(p.references) if raw or not p.noise else p.noise
    # only the part of a discrepancy beyond the rounding noise of the reference counts against the claim
    err = max(max(0.0, float(np.linalg.norm(np.asarray(r) - np.asarray(q))) - n)
              for r, q, n in zip(p.references, pred, noise))
    if denom == 0.0:
        return 0.0 if err == 0.0 else float("inf")
    return err / denom


# --------------------------------------------------------------------------------------------
# Mutations: wrong answers a verifier must reject


def mutate(name: str, claim: list, seed: int):
    """The claim changed by mutation ``name``, or None where that mutation changes nothing."""
    if name == "transpose":
        if not any(c.ndim == 2 for c in claim):
            return None
        out = [c.T if c.ndim == 2 else c for c in claim]
        # a claim symmetric up to rounding is its own transpose: that mutation changes nothing
        if all(a.shape == b.shape and np.linalg.norm(a - b) <= 1e-12 * max(np.linalg.norm(b), 1e-300)
               for a, b in zip(out, claim)):
            return None
        return out
    if not any(np.any(c) for c in claim):
        return None
    if name == "double":
        return [2 * c for c in claim]
    if name == "negate":
        return [-c for c in claim]
    if name == "perturb":
        rng = np.random.default_rng([seed, 2])
        out = []
        for c in claim:
            e = rng.standard_normal(c.shape)
            out.append(c + PERTURBATION * np.linalg.norm(c) * e / np.linalg.norm(e))
        return out
    raise ValueError(name)


def verify(record: Identity, seed: int | None = None, instances: int | None = None,
           mutations: bool = True) -> Report:
    """Verify ``record`` on random instances; with ``mutations``, also show each wrong answer rejected.

    Works for any record, in the catalogue or not. Never raises for a faulty checker: the
    report's failing instances name the field that failed.
    """
    start = time.perf_counter()
    tol = record.tolerance or TOLERANCE[record.kind]
    report = Report(record.id, record.kind, tol)
    probes = []
    for s in instance_seeds(record, seed, instances):
        try:
            inst = draw(record, s)
        except Exception as exc:
            report.instances.append(InstanceResult(s, "?", float("inf"), f"raised {type(exc).__name__}: {exc}",
                                                   "prepare" if record.prepare else "variables"))
            continue
        try:
            p = probe(record, inst)
        except CheckError as exc:
            report.instances.append(InstanceResult(s, inst.sizes_text(), float("inf"), str(exc), exc.field))
            continue
        probes.append(p)
        report.instances.append(InstanceResult(s, inst.sizes_text(), score(p), raw=score(p, raw=True)))
    if isinstance(record, Derivative) and record.other_layout and report.ok:
        _verify_other_layout(record, report, seed, instances)
    if mutations and report.ok:
        for name in MUTATIONS:
            scores = [score(p, wrong) for p in probes
                      if (wrong := mutate(name, p.claim, p.instance.seed)) is not None]
            if not scores:
                report.mutations[name] = "not applicable"
                continue
            # rejected when any instance tells it apart; the best evidence is the margin
            report.mutation_scores[name] = max(scores)
            report.mutations[name] = "rejected" if max(scores) > tol else "accepted"
    report.seconds = time.perf_counter() - start
    return report


def _verify_other_layout(record: Derivative, report: Report, seed, instances):
    other = "numerator" if record.layout == "denominator" else "denominator"
    _, claimed = record.other_layout
    for s in instance_seeds(record, seed, instances):
        inst = draw(record, s)
        try:
            p = _probe_derivative(record, inst, layout=other, claimed=claimed)
        except CheckError as exc:
            report.instances.append(InstanceResult(s, inst.sizes_text(), float("inf"), str(exc), "other_layout"))
            continue
        sc = score(p)
        if sc > report.tolerance:
            report.instances.append(InstanceResult(s, inst.sizes_text(), sc, f"{other}-layout form fails with "
                                                   f"error {sc:.2e}", "other_layout"))
