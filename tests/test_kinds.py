"""The kinds the whole Matrix Cookbook needs: expansions (checked by the order of the error),
inequalities (checked where attained), expectations (computed exactly) and complex derivatives
(real and imaginary parts differenced apart). Each right statement passes, each wrong one fails,
and every mutation the kind defines is rejected."""
import numpy as np
import pytest

from identities import (ComplexDerivative, Derivative, Discrete, Equality, Expansion, Expectation, Gaussian, Inequality,
                        Matrix, Scalar, Vector, cookbook, verify)
from identities.model import collecting


def build(cls, **fields):
    base = {"id": "KT01", "title": "a test record", "references": [cookbook(1)], "aliases": ["test"]}
    with collecting():
        return cls(**{**base, **fields})


def _neumann(c2=1.0, order=3):
    return build(Expansion, latex=r"(I + \varepsilon A)^{-1} = I - \varepsilon A + \varepsilon^{2}A^{2} + O(\varepsilon^{3})",
                 variables={"A": Matrix("n", "n")}, order=order,
                 f=lambda eps, A: np.linalg.inv(np.eye(len(A)) + eps * A),
                 series=lambda eps, A: np.eye(len(A)) - eps * A + c2 * eps ** 2 * A @ A)


def test_an_expansion_passes_and_rejects_its_mutations():
    e = _neumann()
    assert not e.problems()
    rep = verify(e)
    assert rep.ok, rep.instances
    assert set(rep.mutations) >= {"double", "negate", "perturb", "coefficient"}
    assert all(v == "rejected" for v in rep.mutations.values()), rep.mutations


@pytest.mark.parametrize("c2", [1.001, 0.999, 0.0, 2.0])
def test_a_wrong_coefficient_breaks_the_order(c2):
    # a relative error of 1e-3 in the ε² coefficient leaves a remainder of order 2, not 3
    assert not verify(_neumann(c2), mutations=False).ok


def test_claiming_a_higher_order_than_the_series_reaches_fails():
    assert not verify(_neumann(order=4), mutations=False).ok


def _frobenius(scale=1.0, attained=None):
    return build(Inequality, latex=r"\lVert AB\rVert_F \le \lVert A\rVert_F\,\lVert B\rVert_F",
                 variables={"A": Matrix("m", "n"), "B": Matrix("n", "p")},
                 lhs=lambda A, B: np.linalg.norm(A @ B), rhs=lambda A, B: scale * np.linalg.norm(A) * np.linalg.norm(B),
                 attained=attained or (lambda rng, A, B: {"A": np.outer(A[:, 0], B[:, 0]), "B": np.outer(B[:, 0], B[0])}),
                 attained_words="A and B of rank one, A's row space B's column space")


def test_an_inequality_passes_and_rejects_a_tightened_bound():
    rep = verify(_frobenius())
    assert rep.ok, rep.instances
    assert rep.mutations["tighten"] == "rejected" and rep.mutations["double"] == "rejected", rep.mutations
    assert not verify(_frobenius(scale=1 - 1e-3), mutations=False).ok   # tightened constant
    assert not verify(_frobenius(scale=0.5), mutations=False).ok         # violated on random instances


def test_an_inequality_whose_attained_instances_do_not_attain_fails():
    assert not verify(_frobenius(attained=lambda rng, A, B: {}), mutations=False).ok


def test_an_inequality_needs_its_attained_instances():
    with collecting():
        r = Inequality(id="KT02", title="t", latex=r"a \le b", variables={"a": Scalar(), "b": Scalar()},
                       lhs=lambda a, b: a, rhs=lambda a, b: b, references=[cookbook(1)], aliases=["x"])
    assert any(p.code == "MC001" and p.field == "attained" for p in r.problems())


def _quadratic(law, expected):
    return build(Expectation, latex=r"\mathbb{E}[x^{\top}Ax] = \operatorname{tr}(A\Sigma) + m^{\top}Am",
                 variables={"A": Matrix("n", "n"), "m": Vector("n"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
                 random={"x": law}, integrand=lambda x, A, m, S: x @ A @ x, expected=expected, degree=2)


@pytest.mark.parametrize("law", [Gaussian(mean="m", cov="S"), Discrete(mean="m", cov="S")], ids=["gaussian", "discrete"])
def test_an_expectation_is_exact_and_a_thousandth_off_is_rejected(law):
    right = _quadratic(law, lambda A, m, S: np.trace(A @ S) + m @ A @ m)
    rep = verify(right)
    assert rep.ok and max(i.score for i in rep.instances) < 1e-12, rep.instances
    assert rep.mutations["perturb"] == "rejected"
    assert not verify(_quadratic(law, lambda A, m, S: 1.001 * np.trace(A @ S) + m @ A @ m), mutations=False).ok


def _fourth(law, c):
    # E[(xᵀx)²] for x ~ N(0, Σ) is tr(Σ)² + 2 tr(Σ²): a Gaussian fact that other laws break
    return build(Expectation, latex=r"\mathbb{E}[(x^{\top}x)^{2}] = \operatorname{tr}(\Sigma)^{2} + 2\operatorname{tr}(\Sigma^{2})",
                 variables={"z": Vector("n", tex="0"), "S": Matrix("n", "n", "spd", tex=r"\Sigma")},
                 symbols={"0": "zero"}, prepare=lambda rng, v: {**v, "z": np.zeros_like(v["z"])}, conditions="the mean is zero",
                 random={"x": law}, integrand=lambda x, z, S: (x @ x) ** 2,
                 expected=lambda z, S: np.trace(S) ** 2 + c * np.trace(S @ S), degree=4)


def test_gaussian_fourth_moments_are_exact_and_wrong_coefficients_fail():
    assert verify(_fourth(Gaussian(mean="z", cov="S"), 2.0), mutations=False).ok
    assert not verify(_fourth(Gaussian(mean="z", cov="S"), 1.0), mutations=False).ok
    # an identity true only for Gaussians fails for another law with the same mean and covariance
    assert not verify(_fourth(Discrete(mean="z", cov="S"), 2.0), mutations=False).ok


def test_an_integrand_of_higher_degree_than_declared_is_reported():
    r = _fourth(Gaussian(mean="z", cov="S"), 2.0)
    r.degree = 2
    rep = verify(r, mutations=False)
    assert not rep.ok and any(i.field == "degree" for i in rep.instances)


def _abs2(convention, claimed):
    return build(ComplexDerivative, latex=r"\frac{\partial |z|^{2}}{\partial z} = G", symbols={"G": "the claim"},
                 variables={"z": Scalar("complex")}, wrt="z", convention=convention, f=lambda z: abs(z) ** 2,
                 claimed=claimed)


# |z|² = x² + y²: ∂/∂x = 2x, ∂/∂y = 2y, ∂/∂z = z̄, ∂/∂z̄ = z, complex gradient 2z
CONVENTIONS = {"real": lambda z: 2 * z.real, "imag": lambda z: 2 * z.imag, "z": lambda z: np.conj(z),
               "conj": lambda z: z, "gradient": lambda z: 2 * z}


@pytest.mark.parametrize("convention", sorted(CONVENTIONS))
def test_each_complex_convention_accepts_its_own_answer_and_no_other(convention):
    rep = verify(_abs2(convention, CONVENTIONS[convention]))
    assert rep.ok, rep.instances
    assert all(v in ("rejected", "not applicable") for v in rep.mutations.values()), rep.mutations
    for other, g in CONVENTIONS.items():
        if other != convention:
            assert not verify(_abs2(convention, g), mutations=False).ok, (convention, other)


def test_a_complex_equality_rejects_the_conjugated_claim():
    def rec(rhs):
        return build(Equality, latex=r"(AB)^{H} = B^{H}A^{H}",
                     variables={"A": Matrix("m", "n", "complex"), "B": Matrix("n", "p", "complex")},
                     lhs=lambda A, B: (A @ B).conj().T, rhs=rhs)
    rep = verify(rec(lambda A, B: B.conj().T @ A.conj().T))
    assert rep.ok and rep.mutations["conjugate"] == "rejected"
    assert not verify(rec(lambda A, B: B.T @ A.T), mutations=False).ok


def test_real_probing_kinds_refuse_complex_variables():
    r = build(Derivative, latex=r"\frac{\partial \operatorname{tr}(X)}{\partial X} = I",
              variables={"X": Matrix("n", "n", "complex")}, wrt="X", layout="denominator",
              f=lambda X: np.trace(X), claimed=lambda X: np.eye(len(X)))
    assert any(p.code == "MC014" and "complex" in p.message for p in r.problems())


def test_a_real_record_that_returns_complex_values_is_caught():
    r = build(Equality, latex=r"A = A", variables={"A": Matrix("n", "n")},
              lhs=lambda A: A, rhs=lambda A: A + 1e-3j)
    rep = verify(r, mutations=False)
    assert not rep.ok and "complex" in " ".join(i.error for i in rep.instances)
