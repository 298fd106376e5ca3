"""The verifier cannot be fooled: wrong answers that used to pass because of how they were probed
(restricted directions, 1-D arrays for rows and columns, dropped imaginary parts, inputs changed
by the claim) are rejected, and records that misbehave stay with their entry."""
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from identities import Derivative, Differential, Erratum, Formula, Matrix, Step, Vector, cookbook, load_file, verify
from identities.runner import verify_all
from identities.verify import _variant

ROOT = Path(__file__).resolve().parents[1]


def wrong(entry, **changes):
    """The entry with some fields changed (its other formulas left out): a wrong version of it."""
    return _variant(entry, changes)


def _skew(G):
    n = G.shape[0]
    K = np.triu(np.ones((n, n)), 1)
    return 0.3 * max(np.linalg.norm(G), 1.0) * (K - K.T) / np.linalg.norm(K - K.T)


@pytest.mark.parametrize("entry_id", ["HA18", "WVHN", "7JCG", "57DG", "Z0NS", "ZLJX"])
def test_a_skew_part_added_to_a_structured_claim_is_rejected(cat, entry_id):
    e = cat[entry_id]
    assert verify(e).ok
    bad = wrong(e, claimed=lambda **kw: e.claimed(**kw) + _skew(e.claimed(**kw)))
    assert not verify(bad, mutations=False).ok, entry_id


def test_an_off_diagonal_part_added_to_a_diagonal_claim_is_rejected(cat):
    e = cat["CAC3"]
    bad = wrong(e, claimed=lambda A, X: np.diag(np.diag(A)) + 0.3 * (np.ones_like(A) - np.eye(len(A))))
    assert verify(e).ok and not verify(bad, mutations=False).ok


def test_the_mistake_wvhn_warns_against_is_rejected(cat):
    bad = wrong(cat["WVHN"], claimed=lambda X, a, b: np.outer(a, b))
    assert not verify(bad, mutations=False).ok


def test_a_row_and_a_column_are_told_apart(cat):
    e = cat["VN75"]  # numerator layout: the gradient of a scalar by w is the row xᵀ
    assert e.layout == "numerator" and verify(e).ok
    column = wrong(e, claimed=lambda w, x, b: x)
    rep = verify(column, mutations=False)
    assert not rep.ok and "(1, " in rep.describe_failure()


def test_a_wrong_imaginary_part_and_a_complex_f_are_rejected(cat):
    e = cat["GWJ1"]
    imaginary = wrong(e, claimed=lambda X, A: A.T + 1j * np.ones_like(A.T))
    rep = verify(imaginary, mutations=False)
    assert not rep.ok and "complex" in rep.describe_failure()
    complex_f = wrong(e, f=lambda X, A: np.trace(X @ A) + 0j)
    assert not verify(complex_f, mutations=False).ok


def test_a_claim_that_overwrites_its_inputs_is_rejected(cat):
    e = cat["GWJ1"]

    def overwrite(X, A):
        X[...] = 0  # would make every later evaluation see zeros
        return A.T

    rep = verify(wrong(e, claimed=overwrite), mutations=False)
    assert not rep.ok and "read-only" in rep.describe_failure()


def test_a_result_whose_conversion_raises_is_an_error_of_that_entry(cat):
    class Hostile:
        def __array__(self, *args, **kwargs):
            raise RuntimeError("no")

    rep = verify(wrong(cat["GWJ1"], claimed=lambda X, A: Hostile()), mutations=False)
    assert not rep.ok and "RuntimeError" in rep.describe_failure()


RECORDS = '''
import os, sys
import numpy as np
from identities import Derivative, Matrix, cookbook

def loop(X, A):
    while True:
        pass

def common(id, claimed, **kw):
    return Derivative(id=id, title="t", latex=r"\\frac{\\partial}{\\partial X}\\operatorname{tr}(XA) = A^{\\top}",
                      variables={"X": Matrix("n", "m"), "A": Matrix("m", "n")}, wrt="X", layout="denominator",
                      f=lambda X, A: np.trace(X @ A), claimed=claimed, references=[cookbook(100)],
                      aliases=["x"], **kw)

common("HV01", lambda X, A: A.T)
common("HV02", loop)
common("HV03", lambda X, A: A.T)
common("HV04", lambda X, A: (_ for _ in ()).throw(RuntimeError("boom")))
common("HV05", lambda X, A: sys.exit(3))
common("HV06", lambda X, A: os._exit(4))
common("HV07", lambda X, A: A.T)
'''


def test_a_looping_checker_times_out_within_a_minute_and_its_neighbours_are_verified(tmp_path):
    path = tmp_path / "hostile.py"
    path.write_text(RECORDS)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "identities", "check", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - start
    text = out.stdout + out.stderr
    assert out.returncode == 1, text
    assert took < 60, took
    assert "MC034 entry HV02" in text and "time limit" in text, text
    for good in ("HV01", "HV03", "HV07"):
        assert f"ok  {good}" in text, text
    assert "HV04" in text and "RuntimeError: boom" in text, text
    assert "HV05" in text and "SystemExit" in text, text
    assert "HV06" in text and "worker process died" in text, text
    assert "3 of 7 entries verified" in text, text


def test_a_record_may_ask_for_a_longer_limit_only_with_a_reason(tmp_path):
    path = tmp_path / "limit.py"
    path.write_text(RECORDS.split("common(\"HV01\"")[0]
                    + 'common("HV08", lambda X, A: A.T, time_limit=30)\n'
                    + 'common("HV09", loop, time_limit=1, time_limit_reason="shows the limit is the record\'s")\n')
    records, problems = load_file(path)
    assert [(p.id, p.code, p.field) for p in problems] == [("HV08", "MC035", "time_limit")]
    rep = verify_all(records)["HV09"]
    assert rep.timed_out == 1 and not rep.ok


def test_check_never_executes_a_file_named_like_an_id(tmp_path):
    marker = tmp_path / "ran"
    (tmp_path / "GWJ1").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    out = subprocess.run([sys.executable, "-m", "identities", "check", "GWJ1"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert not marker.exists()
    assert "ok  GWJ1" in out.stdout


# ------------------------------------------------------------------------------------------------
# Formulas besides the statement: each is checked, and each check can fail

def _log_det(**fields):
    inv = np.linalg.inv
    base = dict(id="FM01", title="t", latex=r"\frac{\partial \log|\det X|}{\partial X} = X^{-\top}",
                variables={"X": Matrix("n", "n", "invertible")}, wrt="X", layout="denominator",
                f=lambda X: np.linalg.slogdet(X)[1], claimed=lambda X: inv(X).T, references=[cookbook(57)],
                aliases=["x"])
    base.update(fields)
    return Derivative(**base)


def _field_ok(rep, name):
    res = rep.formula(name)
    return res is not None and res.ok


def test_a_wrong_differential_form_is_rejected():
    inv = np.linalg.inv
    good = _log_det(differential=(r"\mathrm{d}\log|\det X| = \operatorname{tr}(X^{-1}\mathrm{d}X)",
                                  lambda X, dX: np.trace(inv(X) @ dX)))
    bad = _log_det(differential=(r"\mathrm{d}\log|\det X| = \operatorname{tr}(X^{-\top}\mathrm{d}X)",
                                 lambda X, dX: np.trace(inv(X).T @ dX)))
    assert verify(good).passed and _field_ok(verify(good), "differential")
    assert not verify(bad).ok and not _field_ok(verify(bad), "differential")


def test_a_differential_form_that_drops_a_term_is_rejected():
    # d(wᵀx + b) along perturbations of w, x and b: leaving out wᵀdx fails
    common = dict(id="FM02", title="t", latex=r"\frac{\partial}{\partial w}(w^{\top}x + b) = x",
                  variables={"w": Vector("n"), "x": Vector("n"), "b": Matrix(1, 1)}, wrt="w",
                  layout="denominator", f=lambda w, x, b: w @ x + b[0, 0], claimed=lambda w, x, b: x,
                  references=[cookbook(69)], aliases=["x"])
    dropped = Derivative(**common, differential=(r"\mathrm{d}(w^{\top}x + b) = x^{\top}\mathrm{d}w + \mathrm{d}b",
                                                 lambda x, dw, db, dx: x @ dw + db[0, 0]))
    total = Derivative(**common, differential=(r"\mathrm{d}(w^{\top}x + b) = x^{\top}\mathrm{d}w + w^{\top}\mathrm{d}x + \mathrm{d}b",
                                               lambda w, x, dw, db, dx: x @ dw + w @ dx + db[0, 0]))
    assert not verify(dropped).ok
    rep = verify(total)
    assert rep.passed and set(rep.formula("differential").perturbed) == {"w", "x", "b"}


def test_a_wrong_derivation_step_and_a_derivation_that_misses_the_claim_are_rejected():
    inv = np.linalg.inv
    first = Step(r"\mathrm{d}\log|\det X| = \operatorname{tr}(X^{-1}\mathrm{d}X)", lambda D: D(),
                 lambda X, dX: np.trace(inv(X) @ dX), uses=["S66Y"])
    last = Step(r"= \operatorname{tr}((X^{-\top})^{\top}\mathrm{d}X)", lambda X, dX: np.trace(inv(X) @ dX),
                lambda X, dX: np.sum(inv(X).T * dX))
    assert verify(_log_det(derivation=[first, last])).passed
    wrong_step = Step(r"\mathrm{d}\log|\det X| = \operatorname{tr}(X^{-\top}\mathrm{d}X)", lambda D: D(),
                      lambda X, dX: np.trace(inv(X).T @ dX))
    rep = verify(_log_det(derivation=[wrong_step, last]))
    assert not _field_ok(rep, "derivation[0]") and not rep.ok
    # every step right, but the last one reads off another gradient than the claim
    off = Step(r"= \operatorname{tr}(X^{-1}\mathrm{d}X)", lambda X, dX: np.trace(inv(X) @ dX),
               lambda X, dX: np.trace(inv(X) @ dX))
    rep = verify(_log_det(derivation=[first, off], claimed=lambda X: inv(X)))
    assert _field_ok(rep, "derivation[1]") and not _field_ok(rep, "derivation") and not rep.ok


def test_a_step_can_use_true_differentials_of_other_functions():
    inv = np.linalg.inv
    # dX X⁻¹ + X d(X⁻¹) = 0, read as X d(X⁻¹) = −dX X⁻¹: checked with the true d(X⁻¹)
    step = Formula(r"X\,\mathrm{d}(X^{-1}) = -\mathrm{d}X\,X^{-1}", lambda X, D: X @ D(inv),
                   lambda X, dX: -dX @ inv(X))
    rep = verify(_log_det(also=[step]))
    assert rep.passed and rep.formula("also[0]").mutations["perturb"] == "rejected"
    zero = Formula(r"\mathrm{d}X\,X^{-1} + X\,\mathrm{d}(X^{-1}) = 0", lambda X, D, dX: dX @ inv(X) + X @ D(inv),
                   lambda X: np.zeros_like(X))
    rep = verify(_log_det(also=[zero]))
    assert not rep.ok and "zero" in rep.formula("also[0]").error


def test_a_chain_member_is_checked_like_the_statement():
    # LAFE: ∂/∂X tr(XᵀA) = ∂/∂X tr(AXᵀ) = A; a wrong second member fails
    common = dict(id="FM03", title="t", latex=r"\frac{\partial}{\partial X}\operatorname{tr}(X^{\top}A) = A",
                  variables={"X": Matrix("n", "m"), "A": Matrix("n", "m")}, wrt="X", layout="denominator",
                  f=lambda X, A: np.trace(X.T @ A), claimed=lambda X, A: A, references=[cookbook(103)],
                  aliases=["x"])
    right = Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}) = A",
                    lambda D: D(lambda X, A: np.trace(A @ X.T)), lambda A, dX: np.sum(A * dX))
    wrong_member = Formula(r"\frac{\partial}{\partial X}\operatorname{tr}(AX^{\top}) = A^{\top}",
                           lambda D: D(lambda X, A: np.trace(A @ X.T)), lambda A, dX: np.sum(A.T @ dX))
    assert verify(Derivative(**common, also=[right])).passed
    assert not verify(Derivative(**common, also=[wrong_member])).ok


def test_an_erratum_is_refuted_and_a_wrong_erratum_is_caught():
    inv = np.linalg.inv
    printed_wrong = Erratum(cookbook(57), "prints the inverse without its transpose", printed=r"X^{-1}",
                            claimed=lambda X: inv(X))
    rep = verify(_log_det(errata=[printed_wrong]))
    assert rep.passed and rep.errata[0].refuted and rep.errata[0].seed
    printed_right = Erratum(cookbook(57), "claims a misprint that is not one", printed=r"X^{-\top}",
                            claimed=lambda X: inv(X).T)
    rep = verify(_log_det(errata=[printed_right]))
    assert rep.ok and not rep.passed and "MC032" in rep.describe_failure()


def test_an_assumption_the_checked_sample_breaks_is_reported():
    def shift(rng, values):
        values["X"] = values["X"] @ np.diag(np.r_[0.0, np.ones(len(values["X"]) - 1)])  # now singular
        return values

    rep = verify(_log_det(claimed=lambda X: np.linalg.pinv(X).T, f=lambda X: 0.0 * X.sum(), prepare=shift,
                          conditions="X is made singular"), mutations=False)
    assert not rep.ok and rep.failing[0].code == "MC033"


def test_structured_directions_are_stated_for_every_kind(cat):
    for r in cat:
        if getattr(r, "directions", "general") != "general":
            assert r.restricted_words(), r.id


def test_a_differential_record_with_symmetric_directions_says_so():
    d = Differential(id="FM04", title="t", latex=r"\mathrm{d}(X^2) = \mathrm{d}X\,X + X\,\mathrm{d}X",
                     variables={"X": Matrix("n", "n", "symmetric")}, wrt=("X",), directions="symmetric",
                     f=lambda X: X @ X, df=lambda X, dX: dX @ X + X @ dX, references=[cookbook(37)],
                     aliases=["x"])
    assert verify(d).passed and "symmetric" in d.restricted_words()


@pytest.mark.parametrize("word", sorted(__import__("identities.assumptions", fromlist=["x"]).VOCABULARY))
def test_every_generator_satisfies_the_words_it_implies(word):
    # the verifier tests a sample's assumptions only after prepare: without one, the sample is a
    # generator's, and this is what makes that safe
    from identities import assumptions as vocab
    a = vocab.VOCABULARY[word]
    shapes = {"scalar": [()], "vector": [(1,), (4,)], "matrix": [(1, 1), (3, 3), (5, 5)]}
    if a.tall:
        shapes["matrix"] = [(3, 2), (6, 4)]
    if a.wide:
        shapes["matrix"] = [(2, 3), (4, 6)]
    for kind in a.kinds:
        for shape in shapes[kind]:
            for seed in range(200):
                # complex words keep complex128: a cast to float would drop the imaginary part
                dtype = np.complex128 if vocab.is_complex({word}) else np.float64
                value = np.asarray(a.generate(np.random.default_rng(seed), shape), dtype=dtype)
                for implied in vocab.closure({word}):
                    assert vocab.VOCABULARY[implied].holds(value), (word, implied, shape, seed)


# --------------------------------------------------------------------------------------------
# AD rules: the forward rule against central differences, the reverse rule by the adjoint identity

def _inv_rule(**changes):
    from identities import ADRule
    inv = np.linalg.inv
    fields = dict(id="ZZR1", title="Forward and reverse rules of the inverse", primitive="inv",
                  latex=r"Y = X^{-1}", variables={"X": Matrix("n", "n", "invertible")}, wrt=("X",),
                  outputs=("Y",), f=lambda X: inv(X),
                  jvp=(r"\dot{Y} = -Y\dot{X}Y", lambda X, Y, dX: -Y @ dX @ Y),
                  vjp=(r"\bar{X} = -Y^{\top}\bar{Y}Y^{\top}", lambda X, Y, Y_bar: -Y.T @ Y_bar @ Y.T),
                  crosswalk={"pytorch": "torch.linalg.inv", "jax": "jax.numpy.linalg.inv"},
                  aliases=["backward of the inverse"], sketch="Differentiate the product of X and its inverse.")
    fields.update(changes)
    return ADRule(**fields)


def _phi(S):
    return np.tril(S) - np.diag(np.diag(S)) / 2


def _cholesky_rule(vjp):
    from identities import ADRule
    inv = np.linalg.inv
    return ADRule(id="ZZR2", title="Cholesky", primitive="cholesky", latex=r"L = \operatorname{chol}(A)",
                  variables={"A": Matrix("n", "n", "spd")}, wrt=("A",), outputs=("L",),
                  f=lambda A: np.linalg.cholesky(A),
                  jvp=(r"\dot{L} = L\Phi(L^{-1}\dot{A}L^{-\top})",
                       lambda A, L, dA: L @ _phi(inv(L) @ dA @ inv(L).T)),
                  vjp=(r"\bar{A} = G", vjp), symbols={r"\Phi": "lower part, diagonal halved", "G": "the cotangent"},
                  crosswalk={"pytorch": "torch.linalg.cholesky", "jax": "jax.numpy.linalg.cholesky"},
                  aliases=["cholesky backward"], sketch="Murray 2016.")


def test_a_correct_rule_passes_and_each_part_is_mutated_on_its_own():
    r = _inv_rule()
    assert not r.problems()
    rep = verify(r)
    assert rep.passed, rep.describe_failure(r)
    assert set(rep.part_mutations) == {"jvp", "vjp"}
    assert all(v == "rejected" for part in rep.part_mutations.values() for v in part.values())


def test_a_wrong_forward_or_reverse_rule_is_rejected():
    inv_T = lambda X, Y, Y_bar: -Y @ Y_bar @ Y  # noqa: E731 - the transposes forgotten
    assert not verify(_inv_rule(vjp=(r"\bar{X} = -Y\bar{Y}Y", inv_T))).ok
    assert not verify(_inv_rule(jvp=(r"\dot{Y} = -Y^{\top}\dot{X}Y", lambda X, Y, dX: -Y.T @ dX @ Y))).ok
    # a reverse rule consistent with nothing but itself: the adjoint identity sees it
    assert not verify(_inv_rule(vjp=(r"\bar{X} = -\bar{Y}", lambda X, Y, Y_bar: -Y_bar))).ok


def test_a_structured_input_needs_a_structured_cotangent():
    inv = np.linalg.inv

    def half(A, L, L_bar):  # right along symmetric tangents, but not itself symmetric
        return inv(L).T @ _phi(L.T @ L_bar) @ inv(L)

    def symmetric(A, L, L_bar):
        S = half(A, L, L_bar)
        return (S + S.T) / 2

    assert verify(_cholesky_rule(symmetric)).passed
    rep = verify(_cholesky_rule(half))
    assert not rep.ok and rep.max_score > 1e-3


def test_a_rule_with_several_outputs_and_a_nondifferentiable_one():
    from identities import ADRule

    def f(X):
        sign, logabsdet = np.linalg.slogdet(X)
        return sign, logabsdet

    rule = dict(id="ZZR3", title="slogdet", primitive="slogdet", latex=r"(s, \ell) = \operatorname{slogdet}(X)",
                variables={"X": Matrix("n", "n", "invertible")}, wrt=("X",), outputs=("s", "l"),
                output_tex={"l": r"\ell"}, nondifferentiable=("s",), f=f,
                jvp=(r"\dot{\ell} = \operatorname{tr}(X^{-1}\dot{X})", lambda X, dX: np.trace(np.linalg.solve(X, dX))),
                vjp=(r"\bar{X} = \bar{\ell}X^{-\top}", lambda X, l_bar: l_bar * np.linalg.inv(X).T),
                crosswalk={"pytorch": "torch.linalg.slogdet", "jax": "jax.numpy.linalg.slogdet"},
                aliases=["slogdet backward"], sketch="Jacobi's formula.")
    r = ADRule(**rule)
    assert not r.problems(), r.problems()
    assert verify(r).passed
    # an output that changes is not nondifferentiable
    moving = ADRule(**{**rule, "f": lambda X: (np.linalg.slogdet(X)[1] * 0 + X[0, 0], np.linalg.slogdet(X)[1])})
    rep = verify(moving)
    assert not rep.ok and any(i.field == "nondifferentiable" for i in rep.instances)


def test_a_rule_is_exported_with_its_forward_and_reverse_formulas():
    from identities.cli import entry_json
    r = _inv_rule()
    data = entry_json(r, None, verify(r))
    roles = {f["role"]: f["checked"] for f in data["formulas"]}
    assert roles == {"statement": True, "jvp": True, "vjp": True}
    assert data["primitive"] == "inv" and data["crosswalk"]["pytorch"] == "torch.linalg.inv"
    bad = _inv_rule(vjp=(r"\bar{X} = -\bar{Y}", lambda X, Y, Y_bar: -Y_bar))
    assert not any(f["checked"] for f in entry_json(bad, None, verify(bad))["formulas"])


def test_a_rules_malformed_fields_are_named():
    codes = {(p.code, p.field) for p in _inv_rule(primitive="inverse", crosswalk={"pytorch": "torch.inverse"},
                                                  jvp="-Y dX Y").problems()}
    assert {("MC014", "primitive"), ("MC014", "crosswalk"), ("MC029", "jvp")} <= codes
