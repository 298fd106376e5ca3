"""The audit: every rule on every record, with stable codes (listed in CONTRIBUTING.md).

Errors block a merge; advisories (``--strict`` makes them errors) ask a reviewer to look.
"""
from __future__ import annotations

import os
import re
import sys

import numpy as np

from .catalogue import Catalogue, load, registry_problems
from .model import Problem
from .registry import published
from .runner import stderr_progress, verify_all
from .sample import draw, instance_seeds
from .verify import CLAIM_FIELD

from .rules import ADVISORY, RULES, check_code  # noqa: F401 - the table, re-exported


def _code_key(fn):
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    return (code.co_code, code.co_consts, code.co_names, code.co_varnames[:code.co_argcount])


def tautology_problems(r) -> list[Problem]:
    a, b = r.reference_field, r.claim_field
    fa, fb = getattr(r, a, None), getattr(r, b, None)
    if fa is not None and (fa is fb or (_code_key(fa) is not None and _code_key(fa) == _code_key(fb))):
        return [r.problem("MC022", b, f"'{b}' computes exactly what '{a}' computes, so the check "
                          "compares a value with itself; write the claimed formula independently")]
    for _, name, f in r.formulas():
        keys = [_code_key(side) for side in getattr(f, "sides", ())]
        if len(keys) >= 2 and all(k is not None for k in keys) and len(set(keys)) < len(keys):
            return [r.problem("MC022", name, "two sides of this formula are the same computation, so the check "
                              "compares a value with itself; write each side as the formula shows it")]
    return []


def _normal_latex(text: str) -> str:
    return re.sub(r"\s+|\\[,;:!]|\\left|\\right", "", text)


def _fingerprint(r):
    """The claim's numbers at a fixed instance, for finding the same claim under two ids."""
    # the convention tells apart claims with equal numbers that say different things (∂/∂z against ∂/∂z̄)
    sig = (r.kind, getattr(r, "wrt", None), getattr(r, "convention", None), getattr(r, "layout", None),
           tuple((n, v.shape, v.assume) for n, v in r.variables.items()))
    try:
        inst = draw(r, instance_seeds(r, seed=12345, count=1)[0])
        fns = r.fingerprint
        # complex128 keeps the imaginary parts, which a cast to float would drop
        nums = tuple(np.round(np.asarray(getattr(r, fn)(**inst.values), dtype=complex), 8).tobytes() for fn in fns)
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
        if not r.fingerprint:
            continue  # e.g. a differential: its directions are random, numbers of f alone do not identify it
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
        for _, name, f in r.formulas():
            for used in f.uses:
                if used not in cat:
                    out.append(r.problem("MC024", name, f"uses {used!r}, which is not an entry id"))
                elif used.upper() == r.id:
                    out.append(r.problem("MC024", name, "a step cannot use the entry it derives"))
    return out


def advisories(cat: Catalogue) -> list[Problem]:
    out = []
    for r in cat:
        mats = [v for v in r.variables.values() if v.kind == "matrix"]
        if mats and all(v.shape[0] == v.shape[1] for v in mats) and not any(v.assume for v in mats):
            out.append(r.problem("MC025", "variables", "every matrix is square and unconstrained: would the "
                                 "claim hold for rectangular shapes? Unequal sizes expose wrong transposes"))
    return out


def verification_problems(r, rep) -> list[Problem]:
    out = []
    if rep.timed_out:
        out.append(r.problem("MC034", "time_limit", f"verification did not finish within {rep.timed_out:g} s and was "
                             "stopped: a checker that loops, or one far too slow (time_limit, with a reason, "
                             "raises the limit)"))
    for inst in rep.failing:
        field = inst.field or CLAIM_FIELD[r.kind]
        what = inst.error or f"error {inst.score:.2e} exceeds the tolerance {rep.tolerance:.0e}: the formula is wrong"
        out.append(r.problem(inst.code, field, f"{what} (instance seed {inst.seed}, sizes {inst.sizes}; reproduce: "
                             f"python -m identities check {r.id} --seed {inst.seed} --instances 1)"))
    for f in rep.failing_formulas:
        what = f.error or (f"the last step does not reach the claim (they differ by {f.score:.2e})"
                           if f.role == "reaches-claim" else f"its sides disagree by {f.score:.2e}")
        out.append(r.problem("MC020", f.field, f"{what} (instance seed {f.seed}; reproduce: python -m identities "
                             f"check {r.id} --seed {f.seed} --instances 1)"))
    if rep.ok:
        for name in rep.weak_mutations():
            out.append(r.problem("MC021", r.claim_field, f"the wrong answer '{name}' passed the check"))
        for e in rep.unrefuted_errata:
            out.append(r.problem("MC032", e.field, "the printed formula passes the check on every instance: the "
                                 "erratum is wrong, or its checker does not state what the source prints"))
    return out


def render_problems(records) -> list[Problem] | None:
    """Render every piece of LaTeX with Temml, as the site does; None if node or Temml is missing."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    from .latex import node_modules

    server, node = Path(__file__).with_name("site") / "mathml-server.js", shutil.which("node")
    if node is None or not server.exists() or not (node_modules() / "temml").exists():
        return None
    items = [(r, name, text) for r in records for name, text in r.latex_fields()]
    proc = subprocess.run([node, str(server), "--check"], input=json.dumps([t for _, _, t in items]),
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MC_NODE_MODULES": str(node_modules())})
    if proc.returncode != 0:
        raise RuntimeError(f"the LaTeX check (node identities/site/mathml-server.js --check) failed to run: {proc.stderr[-500:]}")
    return [r.problem("MC027", name, f"Temml cannot render it: {err}")
            for (r, name, _), err in zip(items, json.loads(proc.stdout)) if err]


def concordance_problems(cat: Catalogue) -> list[Problem]:
    """Every Matrix Cookbook equation of chapters 1-10 has exactly one status (identities/concordance)."""
    from . import concordance

    return [Problem("MC036", "references", msg, "identities/concordance") for msg in concordance.problems(cat)]


def run(cat: Catalogue, new_only=False, reports=None) -> list[Problem]:
    """Every problem in the catalogue (errors and advisories). New records are those whose ids
    are not yet published: scaffolds made by ``new`` and records not yet registered."""
    # a new record with a fault is kept out of cat.entries, but its problems name it
    fresh = ({r.id for r in cat.entries.values()} | {p.id for p in cat.problems if p.id}) - set(published()) \
        if new_only else None
    probs = list(cat.problems) + registry_problems(cat) + reference_problems(cat) + duplicate_problems(cat)
    chosen = [r for r in cat if fresh is None or r.id in fresh]
    if reports is None:
        reports = verify_all(chosen, progress=stderr_progress("audit"))
    for r in chosen:
        probs += tautology_problems(r)
        probs += verification_problems(r, reports[r.id])
    probs += advisories(cat)
    if fresh is None:
        probs += concordance_problems(cat)
    rendered = render_problems([r for r in cat.entries.values() if fresh is None or r.id in fresh])
    if rendered is None:
        print("audit: node or node_modules/temml not found: LaTeX rendering not checked (make html installs them)",
              file=sys.stderr)
    else:
        probs += rendered
    if fresh is not None:
        probs = [p for p in probs if p.id in fresh or not p.id]
    return probs


def audit(new_only=False, strict=False, extra=None, out=sys.stdout, ignore=(), as_json=False) -> int:
    for code in ignore:
        check_code(code)
    cat = load(extra=extra)
    probs = [p for p in run(cat, new_only) if p.code not in ignore]
    errors = [p for p in probs if strict or p.code not in ADVISORY]
    if as_json:
        import json
        print(json.dumps({"entries": len(cat), "errors": len(errors), "advisories": len(probs) - len(errors),
                          "problems": [{"severity": "error" if p in errors else "advisory", "code": p.code,
                                        "rule": RULES[p.code], "id": p.id, "field": p.field, "file": p.file,
                                        "line": p.line, "message": p.message} for p in probs]},
                         indent=2, ensure_ascii=False), file=out)
        return 1 if errors else 0
    for p in probs:
        tag = "error" if p in errors else "advisory"
        print(f"{tag}: {p}", file=out)
        print(f"       {p.code}: {RULES[p.code]}", file=out)
    print(f"audit: {len(cat)} entries, {len(errors)} errors, {len(probs) - len(errors)} advisories", file=out)
    return 1 if errors else 0
