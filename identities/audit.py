"""The audit: every rule on every record, with stable codes (listed in CONTRIBUTING.md).

Errors block a merge; advisories (``--strict`` makes them errors) ask a reviewer to look.
"""
from __future__ import annotations

import re
import sys

import numpy as np

from .catalogue import Catalogue, load, registry_problems
from .model import Derivative, Differential, Equality, Hessian, Problem
from .registry import published
from .sample import draw, instance_seeds
from .verify import CLAIM_FIELD, verify

RULES = {
    "MC000": "the file of records could not be loaded",
    "MC001": "a required field is missing, or a field name is unknown",
    "MC002": "the id is not a valid permanent id",
    "MC003": "title or LaTeX is empty",
    "MC004": "variables are malformed",
    "MC005": "a shape is inconsistent with an assumption",
    "MC006": "a reference points to an unknown source",
    "MC007": "neither a reference nor a derivation",
    "MC008": "no aliases (search words)",
    "MC009": "variables are tied together without saying how",
    "MC010": "history or withdrawal is malformed",
    "MC011": "an assumption is unknown, or no sampler honours the combination",
    "MC012": "the LaTeX shows an undeclared symbol, or hides a declared variable",
    "MC013": "the layout is not numerator or denominator",
    "MC014": "the derivative is taken with respect to something that is not a variable",
    "MC015": "the LaTeX has unbalanced delimiters",
    "MC016": "the id is already used by another record",
    "MC017": "the id is not registered",
    "MC018": "a published id has disappeared",
    "MC019": "an id is registered twice",
    "MC020": "verification failed: wrong formula, or a checker that raises, returns NaN or a wrong shape",
    "MC021": "the check cannot fail: a wrong answer was accepted",
    "MC022": "the checker is tautological: both sides are the same computation",
    "MC023": "the same claim already exists under another id",
    "MC024": "a cross-reference (related, replaced_by) names an unknown id",
    "MC025": "advisory: all matrices are square; use rectangular shapes where the claim allows",
    "MC026": "an unfinished scaffold (TODO in the title or LaTeX)",
    "MC027": "Temml (the site's math renderer) cannot render the LaTeX",
    "MC028": "an id registered for one claim is used for another",
}
ADVISORY = {"MC025"}


def _code_key(fn):
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    return (code.co_code, code.co_consts, code.co_names, code.co_varnames[:code.co_argcount])


def tautology_problems(r) -> list[Problem]:
    pairs = {Equality: ("lhs", "rhs"), Derivative: ("f", "claimed"), Differential: ("f", "df"), Hessian: ("f", "claimed")}
    for cls, (a, b) in pairs.items():
        if isinstance(r, cls):
            fa, fb = getattr(r, a), getattr(r, b)
            if fa is fb or (_code_key(fa) is not None and _code_key(fa) == _code_key(fb)):
                return [r.problem("MC022", b, f"'{b}' computes exactly what '{a}' computes, so the check "
                                  "compares a value with itself; write the claimed formula independently")]
    return []


def _normal_latex(text: str) -> str:
    return re.sub(r"\s+|\\[,;:!]|\\left|\\right", "", text)


def _fingerprint(r):
    """The claim's numbers at a fixed instance, for finding the same claim under two ids."""
    sig = (r.kind, getattr(r, "wrt", None), tuple((n, v.shape, v.assume) for n, v in r.variables.items()))
    try:
        inst = draw(r, instance_seeds(r, seed=12345, count=1)[0])
        fns = {Equality: ("lhs", "rhs"), Derivative: ("f", "claimed"), Differential: ("f",), Hessian: ("f", "claimed")}[type(r)]
        nums = tuple(np.round(np.asarray(getattr(r, fn)(**inst.values), dtype=float), 8).tobytes() for fn in fns)
    except Exception:
        return None
    return sig, nums


def duplicate_problems(cat: Catalogue) -> list[Problem]:
    out = []
    seen_latex, seen_num = {}, {}
    for r in cat:
        key = _normal_latex(r.latex)
        if key in seen_latex:
            out.append(r.problem("MC023", "latex", f"the same statement as {seen_latex[key]}; extend that entry "
                                 "(aliases, references) instead of adding another"))
            continue
        seen_latex[key] = r.id
        if isinstance(r, Differential):
            continue  # the differential's directions are random: numbers of f alone do not identify the claim
        fp = _fingerprint(r)
        if fp is not None:
            if fp in seen_num:
                out.append(r.problem("MC023", "latex", f"numerically the same claim as {seen_num[fp]}, under the "
                                     "same variables; extend that entry instead"))
            else:
                seen_num[fp] = r.id
    return out


def reference_problems(cat: Catalogue) -> list[Problem]:
    out = []
    for r in cat.entries.values():
        for rel in r.related:
            if rel not in cat:
                out.append(r.problem("MC024", "related", f"unknown id {rel!r}"))
        if r.withdrawn is not None and r.withdrawn.replaced_by and r.withdrawn.replaced_by not in cat:
            out.append(r.problem("MC024", "withdrawn", f"replaced_by {r.withdrawn.replaced_by!r} is not an id"))
    return out


def advisories(cat: Catalogue) -> list[Problem]:
    out = []
    for r in cat:
        mats = [v for v in r.variables.values() if v.kind == "matrix"]
        if mats and all(v.shape[0] == v.shape[1] for v in mats) and not any(v.assume for v in mats):
            out.append(r.problem("MC025", "variables", "every matrix is square and unconstrained: would the "
                                 "claim hold for rectangular shapes? Unequal sizes expose wrong transposes"))
    return out


def verification_problems(r, report=None) -> list[Problem]:
    rep = report or verify(r)
    out = []
    for inst in rep.failing:
        field = inst.field or CLAIM_FIELD[r.kind]
        what = inst.error or f"error {inst.score:.2e} exceeds the tolerance {rep.tolerance:.0e}: the formula is wrong"
        out.append(r.problem("MC020", field, f"{what} (instance seed {inst.seed}, sizes {inst.sizes}; reproduce: "
                             f"python -m identities check {r.id} --seed {inst.seed} --instances 1)"))
    if rep.ok:
        for name in rep.weak_mutations():
            out.append(r.problem("MC021", r.checker_fields[-1], f"the wrong answer '{name}' passed the check"))
    return out


def render_problems(records) -> list[Problem] | None:
    """Render every piece of LaTeX with Temml, as the site does; None if node or Temml is missing."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    server, node = root / "tools" / "mathml-server.js", shutil.which("node")
    if node is None or not server.exists() or not (root / "node_modules" / "temml").exists():
        return None
    items = [(r, name, text) for r in records for name, text in r.latex_fields()]
    proc = subprocess.run([node, str(server), "--check"], input=json.dumps([t for _, _, t in items]),
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"the LaTeX check (node tools/mathml-server.js --check) failed to run: {proc.stderr[-500:]}")
    return [r.problem("MC027", name, f"Temml cannot render it: {err}")
            for (r, name, _), err in zip(items, json.loads(proc.stdout)) if err]


def run(cat: Catalogue, new_only=False) -> list[Problem]:
    """Every problem in the catalogue (errors and advisories)."""
    fresh = set(cat.entries) - set(published()) if new_only else None
    probs = list(cat.problems) + registry_problems(cat) + reference_problems(cat) + duplicate_problems(cat)
    for r in cat:
        if fresh is not None and r.id not in fresh:
            continue
        probs += tautology_problems(r)
        probs += verification_problems(r)
    probs += advisories(cat)
    rendered = render_problems([r for r in cat.entries.values() if fresh is None or r.id in fresh])
    if rendered is None:
        print("audit: node or node_modules/temml not found: LaTeX rendering not checked (make html installs them)",
              file=sys.stderr)
    else:
        probs += rendered
    if fresh is not None:
        probs = [p for p in probs if p.id in fresh or not p.id]
    return probs


def audit(new_only=False, strict=False, extra=None, out=sys.stdout) -> int:
    cat = load(extra=extra)
    probs = run(cat, new_only)
    errors = [p for p in probs if strict or p.code not in ADVISORY]
    for p in probs:
        tag = "error" if p in errors else "advisory"
        print(f"{tag}: {p}", file=out)
        print(f"       {p.code}: {RULES.get(p.code, '')}", file=out)
    print(f"audit: {len(cat)} entries, {len(errors)} errors, {len(probs) - len(errors)} advisories", file=out)
    return 1 if errors else 0
